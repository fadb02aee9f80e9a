// `npm run bench`: figures, one per line as `name: value unit`. Contracts of 1, 10 and 50 lines against the
// sandboxes with a 50 ms round trip injected on every service.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import App from '../index';
import { startAllSandboxes } from '../sandboxes/all';
import { connectToSandboxes } from '../sandboxes/zapier/connect';
import { startZapierRuntime } from '../sandboxes/zapier/runtime';
import { naiveInvoice } from './naiveInvoice';

const LATENCY_MS = 50;
const SIZES = [1, 10, 50];
const RUNS = 5;
const BURST = 200;
const root = path.resolve(__dirname, '..', '..');

const figure = (name: string, value: number | string, unit: string) => console.log(`${name}: ${value} ${unit}`);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round = (n: number, digits = 0) => Number(n.toFixed(digits));

const post = async (url: string, body?: unknown) =>
  (await fetch(url, { method: body === undefined ? 'GET' : 'POST', headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) })).json() as Promise<any>;

const items = (k: number, prefix: string) =>
  Array.from({ length: k }, (_, i) => ({ name: `${prefix} service ${i}`, code: `${prefix.toUpperCase()}-${i}`, quantity: 1 + (i % 3), unit: 'h', unit_price: 100 + i, discount_percent: 0, vat_percent: 25.5 }));

const main = async () => {
  process.env.DISABLE_ZAPIER_ANALYTICS = '1';
  const sandboxes = await startAllSandboxes({ procountor: 0, click2contract: 0, slack: 0 });
  sandboxes.configureApp();
  const { urls } = sandboxes;
  // The app plus, for the benchmark only, the naive baseline as one more action, so both run the same way.
  const benchApp = {
    ...App,
    creates: {
      ...App.creates,
      bench_naive_invoice: { key: 'bench_naive_invoice', noun: 'Invoice', display: { label: 'Naive invoice', description: 'Benchmark baseline.' }, operation: { perform: naiveInvoice, sample: { id: 1 } } },
    },
  };
  const runtime = await startZapierRuntime(benchApp);
  const authData = await connectToSandboxes(runtime);
  for (const control of [urls.procountorControl, urls.click2contractControl, urls.slackControl]) await post(`${control}/faults`, { latencyMs: LATENCY_MS });
  console.log(`# ${LATENCY_MS} ms injected round trip on Procountor, Click2Contract and Slack; ${RUNS} runs a figure; ${os.cpus().length} cores`);

  const contract = async (k: number, prefix: string, customer: { name: string; businessId: string }) => {
    const created = await post(`${urls.click2contractControl}/proposals`, {
      title: `${prefix} ${k}`,
      customer: { company_name: customer.name, business_id: customer.businessId, address: 'Mannerheimintie 1', postal_code: '00100', city: 'Helsinki', country: 'FI', email: 'laskut@example.fi' },
      pricing_table: { currency: 'EUR', prices_include_vat: false, items: items(k, prefix) },
    });
    await post(`${urls.click2contractControl}/contracts/${created.id}/accept`, {});
    return created.id as string;
  };
  const measure = async (work: () => Promise<unknown>) => {
    await post(`${urls.procountorControl}/stats/reset`, {});
    const started = performance.now();
    await work();
    const ms = performance.now() - started;
    return { ms, ...(await post(`${urls.procountorControl}/stats`)) } as { ms: number; requests: number; longestChain: number; peakPerSecond: number; rateLimited: number };
  };
  const step = async (method: string, contractId: string) => {
    const run = await runtime.run(method, { authData, inputData: { contract_id: contractId } });
    if (!run.ok) throw new Error(`${method} failed for ${contractId}: ${run.error?.message}`);
    return run.result;
  };
  const appStep = (contractId: string) => step('creates.create_unfinished_invoice.operation.perform', contractId);
  const naiveStep = (contractId: string) => step('creates.bench_naive_invoice.operation.perform', contractId);
  const existing = { name: 'Vakio Asiakas Oy', businessId: '0737546-2' };

  for (const k of SIZES) {
    figure(`zap_steps_per_contract_this_app_k${k}`, 2, 'steps');
    figure(`zap_steps_per_contract_separate_steps_k${k}`, k + 4, 'steps');

    const fresh = await contract(k, `new${k}`, { name: `Uusi ${k} Oy`, businessId: ['0836922-4', '2077474-0', '2030522-3'][SIZES.indexOf(k)]! });
    const cold = await measure(() => appStep(fresh));
    figure(`procountor_requests_new_customer_new_products_k${k}`, cold.requests, 'requests');
    figure(`procountor_longest_chain_new_customer_new_products_k${k}`, cold.longestChain, 'round trips');

    await post(`${urls.procountorControl}/seed`, {
      businesspartners: k === SIZES[0] ? [{ name: existing.name, invoicingInfo: { identifier: existing.businessId } }] : [],
      products: items(k, `old${k}`).map((item) => ({ name: item.name, code: item.code, unit: 'HOUR', price: item.unit_price, vat: 25.5 })),
    });
    const app: Array<Awaited<ReturnType<typeof measure>>> = [];
    const naive: Array<Awaited<ReturnType<typeof measure>>> = [];
    for (let run = 0; run < RUNS; run++) {
      const forApp = await contract(k, `old${k}`, existing);
      app.push(await measure(() => appStep(forApp)));
      const forNaive = await contract(k, `old${k}`, existing);
      naive.push(await measure(() => naiveStep(forNaive)));
    }
    figure(`procountor_requests_all_existing_k${k}`, median(app.map((m) => m.requests)), `requests (k + 3 = ${k + 3})`);
    figure(`procountor_longest_chain_all_existing_k${k}`, median(app.map((m) => m.longestChain)), 'round trips');
    figure(`procountor_requests_naive_sequential_k${k}`, median(naive.map((m) => m.requests)), 'requests');
    figure(`procountor_longest_chain_naive_sequential_k${k}`, median(naive.map((m) => m.longestChain)), 'round trips');
    const appMs = median(app.map((m) => m.ms));
    const naiveMs = median(naive.map((m) => m.ms));
    figure(`invoice_step_latency_this_app_k${k}`, round(appMs), 'ms');
    figure(`invoice_step_latency_naive_sequential_k${k}`, round(naiveMs), 'ms');
    figure(`invoice_step_latency_ratio_naive_over_app_k${k}`, round(naiveMs / appMs, 2), 'x');
  }

  // A burst: 200 contracts accepted at once, every delivery's invoice step started together, as Zapier would.
  await post(`${urls.procountorControl}/reset`, {});
  await post(`${urls.procountorControl}/faults`, { latencyMs: LATENCY_MS });
  await post(`${urls.procountorControl}/seed`, {
    businesspartners: [{ name: existing.name, invoicingInfo: { identifier: existing.businessId } }],
    products: items(2, 'burst').map((item) => ({ name: item.name, code: item.code, unit: 'HOUR', price: item.unit_price, vat: 25.5 })),
  });
  const burstIds: string[] = [];
  for (let i = 0; i < BURST; i++) burstIds.push(await contract(2, 'burst', existing));
  let retries = 0;
  const burst = await measure(() =>
    Promise.all(
      burstIds.map(async (id) => {
        // Zapier retries a ThrottledError step after its delay; here the retry follows at once, the harder case.
        for (;;) {
          const run = await runtime.run('creates.create_unfinished_invoice.operation.perform', { authData, inputData: { contract_id: id } });
          if (run.ok) return;
          if (run.error?.name !== 'ThrottledError') throw new Error(`${id}: ${run.error?.message}`);
          retries++;
        }
      }),
    ),
  );
  const invoices = (await post(`${urls.procountorControl}/state`)).invoices.length;
  figure('burst_contracts', BURST, 'contracts');
  figure('burst_invoices_created', invoices, 'invoices');
  figure('burst_peak_procountor_requests_per_second', burst.peakPerSecond, 'requests/s (limit 20)');
  figure('burst_procountor_429_answers', burst.rateLimited, 'answers');
  figure('burst_steps_retried_by_zapier', retries, 'steps');
  figure('burst_duration', round(burst.ms / 1000, 1), 's');

  await Promise.all([sandboxes.close(), runtime.close()]);

  // Cold start: loading the built app in a fresh Node process.
  const coldStarts = Array.from({ length: RUNS }, () => {
    const out = execFileSync(process.execPath, ['-e', "const t=process.hrtime.bigint();require('./index.js');console.log(Number(process.hrtime.bigint()-t)/1e6)"], { cwd: root, encoding: 'utf8' });
    return Number(out.trim());
  });
  figure('cold_start_require_app', round(median(coldStarts)), 'ms');

  figure('build_zip_size', await buildZipKilobytes(), 'KiB');
};

/** The zip `npm run package` made (the bench script runs it first): what `npx zapier-platform upload` sends. */
const buildZipKilobytes = async () => {
  const zip = path.join(root, 'build', 'build.zip');
  if (!fs.existsSync(zip)) throw new Error('build/build.zip is missing: run `npm run package` first (`npm run bench` does).');
  return Math.round(fs.statSync(zip).size / 1024);
};

main().then(
  () => process.exit(0),
  (error) => {
    console.error(`The benchmark stopped: ${(error as Error).message}`);
    process.exit(1);
  },
);
