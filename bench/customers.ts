// Customer registers of 100 and 5,000: the first contract (1 line, product and customer existing) of a connection whose
// customer index is cold, then a warm one, and what the index costs in z.cache.
import { type Bench, customerRecord, existing, figure, items, productsOf, round } from './harness';

const CUSTOMER_COUNTS = [100, 5_000];

const customerCount = async (bench: Bench, n: number) => {
  await bench.freshCompany();
  const others = Array.from({ length: n - 1 }, (_, i) => ({ name: `Customer ${i} Oy` }));
  for (let i = 0; i < others.length; i += 10_000) await bench.seedProcountor({ businesspartners: others.slice(i, i + 10_000) });
  await bench.seedProcountor({ businesspartners: [customerRecord(existing)], products: productsOf(items(1, 'cust')) });
  // Company data and the catalogue are warm; the customer index is not.
  await bench.appStep(await bench.contract(1, 'cust', existing));
  bench.runtime.clearCache('procountor:customers:');
  const first = await bench.measure(async () => bench.appStep(await bench.contract(1, 'cust', existing)));
  figure(
    `procountor_requests_cold_customer_index_customers${n}`,
    first.requests,
    `requests (${first.byRoute['GET /businesspartners'] ?? 0} customer pages, active and inactive)`,
  );
  figure(`invoice_step_latency_cold_customer_index_customers${n}`, round(first.ms), 'ms');
  const warm = await bench.measure(async () => bench.appStep(await bench.contract(1, 'cust', existing)));
  figure(`procountor_requests_warm_customer_index_customers${n}`, warm.requests, 'requests');
  figure(`customer_index_bytes_per_customer_customers${n}`, round(bench.runtime.cacheBytes('procountor:customers:') / n, 1), 'bytes');
};

export const customers = async (bench: Bench) => {
  for (const n of CUSTOMER_COUNTS) await customerCount(bench, n);
};
