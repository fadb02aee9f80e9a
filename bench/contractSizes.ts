// Contracts of 1, 10, 50 and 200 lines: what the invoice step asks of Procountor with a new customer and new products,
// with new products alone, with a new customer alone, and with everything existing; then the same warm contract side
// by side with the app before its indexes (per-product lookups) and the naive path (one request after another).
import { type RunOutcome } from '../sandboxes/zapier/runtime';
import { type Bench, customerRecord, existing, figure, items, median, type Measured, productsOf, round, RUNS } from './harness';

const SIZES = [1, 10, 50, 200];
const businessIds = ['0836922-4', '2077474-0', '2030522-3', '1572860-0'];
const otherBusinessIds = ['0116297-6', '0201256-6', '0112038-9', '0109862-8'];

/** A company whose catalogue holds the contract's `old` products and whose customer exists, warmed by one contract. */
const setUp = async (bench: Bench, k: number) => {
  await bench.freshCompany();
  await bench.seedProcountor({ businesspartners: [customerRecord(existing)], products: productsOf(items(k, `old${k}`)) });
  // The first contract warms company data, the customer record and the index; it is not counted.
  await bench.appStep(await bench.contract(k, `old${k}`, existing));
};

/** What new customers and new products cost; answers the new-customer measurement, which the warm rows compare with. */
const newRecords = async (bench: Bench, k: number) => {
  const fresh = await bench.contract(k, `new${k}`, { name: `Uusi ${k} Oy`, businessId: businessIds[SIZES.indexOf(k)]! });
  const allNew = await bench.measure(() => bench.appStep(fresh));
  figure(
    `procountor_requests_new_customer_new_products_k${k}`,
    allNew.requests,
    `requests (k + 6 = ${k + 6}: product and customer index reads, duplicate check, inactive-customer read and customer POST, k POSTs, invoice)`,
  );
  figure(`procountor_longest_chain_new_customer_new_products_k${k}`, allNew.longestChain, 'round trips');
  // "fresh" shares too few letters with "old" and "new" for the names to count as similar products.
  const newProducts = await bench.measure(async () => bench.appStep(await bench.contract(k, `fresh${k}`, existing)));
  figure(`procountor_requests_warm_new_products_k${k}`, newProducts.requests, `requests (k + 4 = ${k + 4})`);

  // Every product exists, the customer is new: what a new customer adds to a warm all-existing contract.
  const newCustomer = await bench.measure(async () =>
    bench.appStep(await bench.contract(k, `old${k}`, { name: `Toinen ${k} Oy`, businessId: otherBusinessIds[SIZES.indexOf(k)]! })),
  );
  figure(
    `procountor_requests_new_customer_warm_k${k}`,
    newCustomer.requests,
    `requests (${newCustomer.byRoute['GET /businesspartners'] ?? 0} customer reads, ${newCustomer.byRoute['POST /businesspartners'] ?? 0} customer POST)`,
  );
  return newCustomer;
};

/** The app without its indexes: how it looked up customers and products before them. */
const withoutIndexes = async <T>(work: () => Promise<T>) => {
  process.env.PROCOUNTOR_CATALOGUE_INDEX = 'off';
  process.env.PROCOUNTOR_CUSTOMER_INDEX = 'off';
  try {
    return await work();
  } finally {
    delete process.env.PROCOUNTOR_CATALOGUE_INDEX;
    delete process.env.PROCOUNTOR_CUSTOMER_INDEX;
  }
};

/** The same all-existing contract `runs` times through the app, the app before its indexes and the naive path. */
const sideBySide = async (bench: Bench, k: number, runs: number) => {
  const app: Measured[] = [];
  const perProduct: Measured[] = [];
  const naive: Measured[] = [];
  for (let run = 0; run < runs; run++) {
    const forApp = await bench.contract(k, `old${k}`, existing);
    app.push(await bench.measure(() => bench.appStep(forApp)));
    const forPerProduct = await bench.contract(k, `old${k}`, existing);
    perProduct.push(await withoutIndexes(() => bench.measure(() => bench.appStep(forPerProduct))));
    const forNaive = await bench.contract(k, `old${k}`, existing);
    naive.push(await bench.measure(() => bench.naiveStep(forNaive)));
  }
  return { app, perProduct, naive };
};

const med = (list: Measured[], pick: (m: Measured) => number) => median(list.map(pick));

const printRequests = (k: number, { app, perProduct, naive }: Awaited<ReturnType<typeof sideBySide>>, newCustomer: Measured) => {
  figure(
    `procountor_requests_warm_all_existing_k${k}`,
    med(app, (m) => m.requests),
    'requests (target <= 4)',
  );
  figure(
    `procountor_longest_chain_warm_all_existing_k${k}`,
    med(app, (m) => m.longestChain),
    'round trips',
  );
  figure(
    `procountor_requests_all_existing_k${k}`,
    med(app, (m) => m.requests),
    'requests (same run as the warm figure; was k + 3)',
  );
  figure(
    `procountor_requests_added_by_new_customer_warm_k${k}`,
    newCustomer.requests - med(app, (m) => m.requests),
    'requests (new customer warm minus all existing warm; target 1)',
  );
  figure(
    `zcache_calls_warm_all_existing_k${k}`,
    med(app, (m) => (m.result as RunOutcome).rpc.zcacheCalls),
    'calls (every step reads Procountor for changes, PROCOUNTOR_INDEX_FRESH_MS=0)',
  );
  figure(
    `procountor_requests_customer_warm_all_existing_k${k}`,
    med(app, (m) => (m.byRoute['GET /businesspartners'] ?? 0) + (m.byRoute['GET /businesspartners/{id}'] ?? 0)),
    'requests (customer index read; the search cost 1)',
  );
  figure(
    `procountor_requests_per_product_lookups_k${k}`,
    med(perProduct, (m) => m.requests),
    `requests (the app before the index, k + 3 = ${k + 3})`,
  );
  figure(
    `procountor_longest_chain_per_product_lookups_k${k}`,
    med(perProduct, (m) => m.longestChain),
    'round trips',
  );
  figure(
    `procountor_requests_naive_sequential_k${k}`,
    med(naive, (m) => m.requests),
    'requests',
  );
  figure(
    `procountor_longest_chain_naive_sequential_k${k}`,
    med(naive, (m) => m.longestChain),
    'round trips',
  );
};

const printLatencies = (k: number, runs: number, { app, perProduct, naive }: Awaited<ReturnType<typeof sideBySide>>) => {
  const appMs = med(app, (m) => m.ms);
  const perProductMs = med(perProduct, (m) => m.ms);
  const naiveMs = med(naive, (m) => m.ms);
  figure(`invoice_step_latency_this_app_k${k}`, round(appMs), `ms (median of ${runs})`);
  figure(`invoice_step_latency_per_product_lookups_k${k}`, round(perProductMs), `ms (median of ${runs})`);
  figure(`invoice_step_latency_naive_sequential_k${k}`, round(naiveMs), `ms (median of ${runs})`);
  figure(`invoice_step_latency_ratio_per_product_over_app_warm_k${k}`, round(perProductMs / appMs, 2), 'x');
  figure(`invoice_step_latency_ratio_naive_over_app_warm_k${k}`, round(naiveMs / appMs, 2), 'x');
  figure(`invoice_step_latency_ratio_naive_over_app_k${k}`, round(naiveMs / appMs, 2), 'x');
};

const contractOfSize = async (bench: Bench, k: number) => {
  const runs = k >= 200 ? 1 : RUNS;
  figure(`zap_steps_per_contract_this_app_k${k}`, 2, 'steps');
  figure(`zap_steps_per_contract_separate_steps_k${k}`, k + 4, 'steps');
  await setUp(bench, k);
  const newCustomer = await newRecords(bench, k);
  const measured = await sideBySide(bench, k, runs);
  printRequests(k, measured, newCustomer);
  printLatencies(k, runs, measured);
};

export const contractSizes = async (bench: Bench) => {
  // Every step of these rows reads the index from Procountor (no 5 s freshness): the worst case a step pays.
  process.env.PROCOUNTOR_INDEX_FRESH_MS = '0';
  for (const k of SIZES) await contractOfSize(bench, k);
  delete process.env.PROCOUNTOR_INDEX_FRESH_MS;
};
