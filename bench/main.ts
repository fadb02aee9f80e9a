// `npm run bench`: figures, one per line as `name: value unit`. Contracts of 1, 10, 50 and 200 lines, and catalogues of
// 100, 5,000 and 50,000 products, against the sandboxes with a 50 ms round trip injected on every service and 25 ms on
// every z.cache and z.cursor call (Zapier's own service). `--only catalogue` runs the catalogue rows alone.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import extract from 'extract-zip';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import App from '../index';
import { startAllSandboxes } from '../sandboxes/all';
import { procountorDateTime } from '../sandboxes/procountor/state';
import { connectToSandboxes } from '../sandboxes/zapier/connect';
import { startLambdaProcess } from '../sandboxes/zapier/lambdaProcess';
import { startZapierRuntime, type RunOutcome } from '../sandboxes/zapier/runtime';
import { naiveInvoice } from './naiveInvoice';

const LATENCY_MS = 50;
/** A round trip to Zapier's RPC service, which every z.cache and z.cursor call is on Zapier. */
const ZCACHE_RPC_LATENCY_MS = 25;
const SIZES = [1, 10, 50, 200];
const CATALOGUES = [100, 5_000, 50_000];
const CUSTOMER_COUNTS = [100, 5_000];
const RUNS = 5;
const BURST = 200;
const root = path.resolve(__dirname, '..', '..');
/** What `zapier-platform env:set` would hold: a fresh container gets it in its environment. */
const APP_ENVIRONMENT = ['CLIENT_ID', 'CLIENT_SECRET', 'PROCOUNTOR_API_URL', 'PROCOUNTOR_LOGIN_URL', 'CLICK2CONTRACT_API_URL', 'SLACK_API_URL'];

const figure = (name: string, value: number | string, unit: string) => console.log(`${name}: ${value} ${unit}`);

/**
 * The sandboxes, the Zapier runtime and the app share this process, and zapier-platform-core ends a process past
 * 450 MB RSS after 250 runs (tools/memory-checker.js): what a finished section left (the runtime's copy of every
 * log line, garbage of a 50,000-product catalogue) is let go before the next one. Answers the RSS in MB after it.
 */
const gc = (() => {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
})();
const releaseMemory = (runtime: { logLines: string[] }) => {
  runtime.logLines.length = 0;
  gc();
  return Math.round(process.memoryUsage().rss / 1024 / 1024);
};
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round = (n: number, digits = 0) => Number(n.toFixed(digits));

const post = async (url: string, body?: unknown) =>
  (
    await fetch(url, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  ).json() as Promise<any>;

const items = (k: number, prefix: string) =>
  Array.from({ length: k }, (_, i) => ({
    name: `${prefix} service ${i}`,
    code: `${prefix.toUpperCase()}-${i}`,
    quantity: 1 + (i % 3),
    unit: 'h',
    unit_price: 100 + i,
    discount_percent: 0,
    vat_percent: 25.5,
  }));

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
      bench_naive_invoice: {
        key: 'bench_naive_invoice',
        noun: 'Invoice',
        display: { label: 'Naive invoice', description: 'Benchmark baseline.' },
        operation: { perform: naiveInvoice, sample: { id: 1 } },
      },
    },
  };
  const runtime = await startZapierRuntime(benchApp, { rpcLatencyMs: ZCACHE_RPC_LATENCY_MS });
  const authData = await connectToSandboxes(runtime);
  for (const control of [urls.procountorControl, urls.click2contractControl, urls.slackControl]) await post(`${control}/faults`, { latencyMs: LATENCY_MS });
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
  const section = (name: 'per-k' | 'catalogue' | 'customers' | 'burst' | 'build') => only === undefined || only === name;
  if (!process.argv.includes('--burst')) {
    console.log(
      `# ${LATENCY_MS} ms injected round trip on Procountor, Click2Contract and Slack, ${ZCACHE_RPC_LATENCY_MS} ms on every z.cache call; ` +
        `${RUNS} runs a figure; ${os.cpus().length} cores`,
    );
    figure('zcache_rpc_latency_ms', ZCACHE_RPC_LATENCY_MS, 'ms (every latency below includes it)');
  }

  const contract = async (k: number, prefix: string, customer: { name: string; businessId: string }) => {
    const created = await post(`${urls.click2contractControl}/proposals`, {
      title: `${prefix} ${k}`,
      customer: {
        company_name: customer.name,
        business_id: customer.businessId,
        address: 'Mannerheimintie 1',
        postal_code: '00100',
        city: 'Helsinki',
        country: 'FI',
        email: 'laskut@example.fi',
      },
      pricing_table: { currency: 'EUR', prices_include_vat: false, items: items(k, prefix) },
    });
    await post(`${urls.click2contractControl}/contracts/${created.id}/accept`, {});
    return created.id as string;
  };
  const measure = async (work: () => Promise<unknown>) => {
    await post(`${urls.procountorControl}/stats/reset`, {});
    const started = performance.now();
    const result = await work();
    const ms = performance.now() - started;
    return { ms, result, ...(await post(`${urls.procountorControl}/stats`)) } as {
      ms: number;
      result: unknown;
      requests: number;
      longestChain: number;
      peakPerSecond: number;
      rateLimited: number;
      byRoute: Record<string, number>;
    };
  };
  const step = async (method: string, contractId: string, via: Parameters<typeof runtime.run>[2] = {}) => {
    const run = await runtime.run(method, { authData, inputData: { contract_id: contractId } }, via);
    if (!run.ok) throw new Error(`${method} failed for ${contractId}: ${run.error?.message}`);
    return run;
  };
  const appStep = (contractId: string, via: Parameters<typeof runtime.run>[2] = {}) =>
    step('creates.create_unfinished_invoice.operation.perform', contractId, via);
  /** A step Zapier retries after a ThrottledError (here at once); answers how many steps the contract took. */
  const appStepsUntilDone = async (contractId: string) => {
    for (let steps = 1; steps <= 10; steps++) {
      const run = await runtime.run('creates.create_unfinished_invoice.operation.perform', { authData, inputData: { contract_id: contractId } });
      if (run.ok) return steps;
      if (run.error?.name !== 'ThrottledError') throw new Error(`${contractId}: ${run.error?.message}`);
    }
    throw new Error(`${contractId} did not finish in 10 steps`);
  };
  const naiveStep = (contractId: string) => step('creates.bench_naive_invoice.operation.perform', contractId);
  const existing = { name: 'Vakio Asiakas Oy', businessId: '0737546-2' };

  // The burst runs in a process of its own (`--burst`): the sections before it leave the heap large (a 50,000-product
  // catalogue), and zapier-platform-core ends a process past 450 MB after 250 runs, which a 200-contract burst is.
  const burstOnly = process.argv.includes('--burst');
  if (!burstOnly) {
    // Every step of the per-k rows reads the index from Procountor (no 5 s freshness): the worst case a step pays.
    process.env.PROCOUNTOR_INDEX_FRESH_MS = '0';
    const businessIds = ['0836922-4', '2077474-0', '2030522-3', '1572860-0'];
    const otherBusinessIds = ['0116297-6', '0201256-6', '0112038-9', '0109862-8'];
    for (const k of section('per-k') ? SIZES : []) {
      const runs = k >= 200 ? 1 : RUNS;
      figure(`zap_steps_per_contract_this_app_k${k}`, 2, 'steps');
      figure(`zap_steps_per_contract_separate_steps_k${k}`, k + 4, 'steps');

      await post(`${urls.procountorControl}/reset`, {});
      await post(`${urls.procountorControl}/faults`, { latencyMs: LATENCY_MS });
      runtime.clearCache();
      await post(`${urls.procountorControl}/seed`, {
        businesspartners: [{ name: existing.name, invoicingInfo: { identifier: existing.businessId } }],
        products: items(k, `old${k}`).map((item) => ({ name: item.name, code: item.code, unit: 'HOUR', price: item.unit_price, vat: 25.5 })),
      });
      // The first contract warms company data, the customer record and the index; it is not counted.
      await appStep(await contract(k, `old${k}`, existing));

      const fresh = await contract(k, `new${k}`, { name: `Uusi ${k} Oy`, businessId: businessIds[SIZES.indexOf(k)]! });
      const allNew = await measure(() => appStep(fresh));
      figure(
        `procountor_requests_new_customer_new_products_k${k}`,
        allNew.requests,
        `requests (k + 6 = ${k + 6}: product and customer index reads, duplicate check, inactive-customer read and customer POST, k POSTs, invoice)`,
      );
      figure(`procountor_longest_chain_new_customer_new_products_k${k}`, allNew.longestChain, 'round trips');
      // "fresh" shares too few letters with "old" and "new" for the names to count as similar products.
      const newProducts = await measure(async () => appStep(await contract(k, `fresh${k}`, existing)));
      figure(`procountor_requests_warm_new_products_k${k}`, newProducts.requests, `requests (k + 4 = ${k + 4})`);

      // Every product exists, the customer is new: what a new customer adds to a warm all-existing contract.
      const newCustomer = await measure(async () =>
        appStep(await contract(k, `old${k}`, { name: `Toinen ${k} Oy`, businessId: otherBusinessIds[SIZES.indexOf(k)]! })),
      );
      figure(
        `procountor_requests_new_customer_warm_k${k}`,
        newCustomer.requests,
        `requests (${newCustomer.byRoute['GET /businesspartners'] ?? 0} customer reads, ${newCustomer.byRoute['POST /businesspartners'] ?? 0} customer POST)`,
      );

      const app: Array<Awaited<ReturnType<typeof measure>>> = [];
      const perProduct: Array<Awaited<ReturnType<typeof measure>>> = [];
      const naive: Array<Awaited<ReturnType<typeof measure>>> = [];
      for (let run = 0; run < runs; run++) {
        const forApp = await contract(k, `old${k}`, existing);
        app.push(await measure(() => appStep(forApp)));
        const forPerProduct = await contract(k, `old${k}`, existing);
        process.env.PROCOUNTOR_CATALOGUE_INDEX = 'off';
        process.env.PROCOUNTOR_CUSTOMER_INDEX = 'off';
        try {
          perProduct.push(await measure(() => appStep(forPerProduct)));
        } finally {
          delete process.env.PROCOUNTOR_CATALOGUE_INDEX;
          delete process.env.PROCOUNTOR_CUSTOMER_INDEX;
        }
        const forNaive = await contract(k, `old${k}`, existing);
        naive.push(await measure(() => naiveStep(forNaive)));
      }
      const med = (list: typeof app, pick: (m: (typeof app)[number]) => number) => median(list.map(pick));
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
      const appMs = med(app, (m) => m.ms);
      const perProductMs = med(perProduct, (m) => m.ms);
      const naiveMs = med(naive, (m) => m.ms);
      figure(`invoice_step_latency_this_app_k${k}`, round(appMs), `ms (median of ${runs})`);
      figure(`invoice_step_latency_per_product_lookups_k${k}`, round(perProductMs), `ms (median of ${runs})`);
      figure(`invoice_step_latency_naive_sequential_k${k}`, round(naiveMs), `ms (median of ${runs})`);
      figure(`invoice_step_latency_ratio_per_product_over_app_warm_k${k}`, round(perProductMs / appMs, 2), 'x');
      figure(`invoice_step_latency_ratio_naive_over_app_warm_k${k}`, round(naiveMs / appMs, 2), 'x');
      figure(`invoice_step_latency_ratio_naive_over_app_k${k}`, round(naiveMs / appMs, 2), 'x');
    }
    delete process.env.PROCOUNTOR_INDEX_FRESH_MS;

    // Cold index: the first contract (10 lines, all in the catalogue) of a connection whose catalogue holds N products.
    // What Zapier's Lambda loads, for the fresh containers: the unpacked build.zip.
    const unpacked = section('catalogue') ? await unpackBuildZip() : '';
    for (const n of section('catalogue') ? CATALOGUES : []) {
      releaseMemory(runtime);
      await post(`${urls.procountorControl}/reset`, {});
      await post(`${urls.procountorControl}/faults`, { latencyMs: LATENCY_MS });
      runtime.clearCache();
      // A catalogue imported into Procountor the day before, not in the minutes before its index loads: the first read
      // of changes after a cold load starts 10 minutes before the load began, and would read it all once more.
      const importedAt = procountorDateTime(new Date(Date.now() - 24 * 3600_000));
      const catalogue = Array.from({ length: n }, (_, i) => ({
        name: `Catalogue product ${i}`,
        code: `CP-${i}`,
        unit: 'HOUR',
        price: 100 + (i % 50),
        vat: 25.5,
        version: importedAt,
      }));
      for (let i = 0; i < n; i += 10_000) await post(`${urls.procountorControl}/seed`, { products: catalogue.slice(i, i + 10_000) });
      await post(`${urls.procountorControl}/seed`, { businesspartners: [{ name: existing.name, invoicingInfo: { identifier: existing.businessId } }] });
      const lines = (seed: number) =>
        Array.from({ length: 10 }, (_, i) => ({
          name: `Catalogue product ${(seed * 7919 + i * 104_729) % n}`,
          code: `CP-${(seed * 7919 + i * 104_729) % n}`,
          quantity: 1,
          unit: 'h',
          unit_price: 100,
          discount_percent: 0,
          vat_percent: 25.5,
        }));
      const contractOf = async (seed: number) => {
        const created = await post(`${urls.click2contractControl}/proposals`, {
          title: `catalogue ${n}`,
          customer: {
            company_name: existing.name,
            business_id: existing.businessId,
            address: 'Mannerheimintie 1',
            postal_code: '00100',
            city: 'Helsinki',
            country: 'FI',
            email: 'laskut@example.fi',
          },
          pricing_table: { currency: 'EUR', prices_include_vat: false, items: lines(seed) },
        });
        await post(`${urls.click2contractControl}/contracts/${created.id}/accept`, {});
        return created.id as string;
      };
      // Company data and the customer's record are warm, as for any connection that has run before: the index is not.
      await appStep(await contractOf(0));
      runtime.clearCache('procountor:catalogue:');
      let firstSteps = 0;
      const first = await measure(async () => {
        firstSteps = await appStepsUntilDone(await contractOf(1));
      });
      figure(
        `procountor_requests_cold_first_contract_catalogue${n}`,
        first.requests,
        `requests (${first.byRoute['GET /products'] ?? 0} product pages; company data warm)`,
      );
      figure(`procountor_longest_chain_cold_first_contract_catalogue${n}`, first.longestChain, 'round trips');
      figure(`invoice_steps_cold_first_contract_catalogue${n}`, firstSteps, 'steps (Zapier retries a step cut short by the deadline)');
      figure(`invoice_step_latency_cold_first_contract_catalogue${n}`, round(first.ms), `ms (${firstSteps} step${firstSteps > 1 ? 's' : ''})`);
      // A large catalogue loads over several steps; until then lookups go to Procountor per line.
      let steps = firstSteps;
      let pages = first.byRoute['GET /products'] ?? 0;
      while (!runtime.cacheValue('procountor:catalogue:v1')?.complete && steps < 10) {
        let taken = 0;
        const next = await measure(async () => {
          taken = await appStepsUntilDone(await contractOf(steps + 1));
        });
        pages += next.byRoute['GET /products'] ?? 0;
        steps += taken;
      }
      figure(`catalogue_index_steps_to_warm_catalogue${n}`, steps, 'steps');
      figure(`catalogue_index_product_requests_to_warm_catalogue${n}`, pages, 'requests');
      // Warm: the index complete in z.cache, the steps one after another in this process (a warm Lambda container).
      const warm: Array<Awaited<ReturnType<typeof measure>>> = [];
      for (let run = 0; run < RUNS; run++) {
        const id = await contractOf(99 + run);
        warm.push(await measure(() => appStep(id)));
      }
      const warmRpc = (pick: (rpc: RunOutcome['rpc']) => number) => warm.map((m) => pick((m.result as RunOutcome).rpc));
      const calls = warmRpc((rpc) => rpc.zcacheCalls);
      figure(`procountor_requests_warm_10_lines_catalogue${n}`, median(warm.map((m) => m.requests)), 'requests');
      figure(
        `zcache_calls_warm_10_lines_catalogue${n}`,
        median(calls),
        `calls (median of ${RUNS}, ${Math.min(...calls)} to ${Math.max(...calls)}; target <= 10)`,
      );
      figure(`zcache_bytes_read_warm_10_lines_catalogue${n}`, median(warmRpc((rpc) => rpc.bytesRead)), `bytes (median of ${RUNS})`);
      figure(`invoice_step_latency_warm_10_lines_catalogue${n}`, round(median(warm.map((m) => m.ms))), `ms (median of ${RUNS})`);
      figure(`catalogue_index_bytes_per_product_catalogue${n}`, round(runtime.cacheBytes('procountor:catalogue:') / n, 1), 'bytes');
      figure(`catalogue_index_bytes_catalogue${n}`, round(runtime.cacheBytes('procountor:catalogue:') / 1024), 'KiB');
      // The same step in a fresh container: a new process loading build.zip, nothing in memory, the same z.cache.
      releaseMemory(runtime);
      const container = await startLambdaProcess(unpacked, {
        PATH: process.env.PATH ?? '',
        TMPDIR: process.env.TMPDIR ?? os.tmpdir(),
        LOGGING_ENDPOINT: runtime.loggingEndpoint,
        AWS_LAMBDA_FUNCTION_NAME: 'zapier-app',
        LAMBDA_TASK_ROOT: unpacked,
        ...Object.fromEntries(APP_ENVIRONMENT.map((name) => [name, process.env[name] ?? ''])),
      });
      try {
        const id = await contractOf(199);
        const cold = await measure(() => appStep(id, { handler: container.handler }));
        const rpc = (cold.result as RunOutcome).rpc;
        figure(`zcache_calls_cold_container_10_lines_catalogue${n}`, rpc.zcacheCalls, 'calls (a new process: every chunk read once)');
        figure(`procountor_requests_cold_container_10_lines_catalogue${n}`, cold.requests, 'requests');
        figure(`zcache_bytes_read_cold_container_10_lines_catalogue${n}`, rpc.bytesRead, 'bytes');
        figure(`invoice_step_latency_cold_container_10_lines_catalogue${n}`, round(cold.ms), 'ms (the process already started)');
      } finally {
        await container.stop();
      }
    }

    if (unpacked) fs.rmSync(unpacked, { recursive: true, force: true });

    // Cold customer index: the first contract (1 line, product and customer existing) of a connection with N customers.
    for (const n of section('customers') ? CUSTOMER_COUNTS : []) {
      await post(`${urls.procountorControl}/reset`, {});
      await post(`${urls.procountorControl}/faults`, { latencyMs: LATENCY_MS });
      runtime.clearCache();
      const others = Array.from({ length: n - 1 }, (_, i) => ({ name: `Customer ${i} Oy` }));
      for (let i = 0; i < others.length; i += 10_000) await post(`${urls.procountorControl}/seed`, { businesspartners: others.slice(i, i + 10_000) });
      await post(`${urls.procountorControl}/seed`, {
        businesspartners: [{ name: existing.name, invoicingInfo: { identifier: existing.businessId } }],
        products: items(1, 'cust').map((item) => ({ name: item.name, code: item.code, unit: 'HOUR', price: item.unit_price, vat: 25.5 })),
      });
      // Company data and the catalogue are warm; the customer index is not.
      await appStep(await contract(1, 'cust', existing));
      runtime.clearCache('procountor:customers:');
      const first = await measure(async () => appStep(await contract(1, 'cust', existing)));
      figure(
        `procountor_requests_cold_customer_index_customers${n}`,
        first.requests,
        `requests (${first.byRoute['GET /businesspartners'] ?? 0} customer pages, active and inactive)`,
      );
      figure(`invoice_step_latency_cold_customer_index_customers${n}`, round(first.ms), 'ms');
      const warm = await measure(async () => appStep(await contract(1, 'cust', existing)));
      figure(`procountor_requests_warm_customer_index_customers${n}`, warm.requests, 'requests');
      figure(`customer_index_bytes_per_customer_customers${n}`, round(runtime.cacheBytes('procountor:customers:') / n, 1), 'bytes');
    }
  } else {
    // A burst: 200 contracts accepted at once, every delivery's invoice step started together, as Zapier would.
    await post(`${urls.procountorControl}/reset`, {});
    runtime.clearCache();
    console.log(`# ${releaseMemory(runtime)} MB resident before the burst (zapier-platform-core stops a process past 450 MB)`);
    await post(`${urls.procountorControl}/faults`, { latencyMs: LATENCY_MS });
    // A new Procountor company: the 50,000-product index of the last catalogue row no longer belongs to it.
    runtime.clearCache();
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
  }

  await Promise.all([sandboxes.close(), runtime.close()]);
  if (burstOnly) return;
  if (section('burst')) {
    const burstRun = spawnSync(process.execPath, [__filename, '--burst'], { stdio: 'inherit' });
    if (burstRun.status !== 0) throw new Error(`the burst section failed (exit ${burstRun.status})`);
  }
  if (!section('build')) return;

  // Cold start: loading the built app in a fresh Node process.
  // What Zapier's Lambda loads: the unpacked build.zip's own wrapper (and through it the app), in a fresh process.
  const unpacked = await unpackBuildZip();
  const coldStarts = Array.from({ length: RUNS }, () => {
    const out = execFileSync(
      process.execPath,
      ['-e', "const t=process.hrtime.bigint();require('./zapierwrapper.js');console.log(Number(process.hrtime.bigint()-t)/1e6)"],
      { cwd: unpacked, encoding: 'utf8' },
    );
    return Number(out.trim());
  });
  fs.rmSync(unpacked, { recursive: true, force: true });
  figure('cold_start_require_app', round(median(coldStarts)), "ms (the unpacked build.zip's zapierwrapper.js)");

  figure('build_zip_size', await buildZipKilobytes(), 'KiB');
};

const BUILD_ZIP = path.join(root, 'build', 'build.zip');
const requireBuildZip = () => {
  if (!fs.existsSync(BUILD_ZIP)) throw new Error('build/build.zip is missing: run `npm run package` first (`npm run bench` does).');
};

/** build/build.zip unpacked into a fresh folder outside the project, as Zapier unpacks it into its Lambda. */
const unpackBuildZip = async () => {
  requireBuildZip();
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'c2c-bench-zip-')));
  await extract(BUILD_ZIP, { dir });
  return dir;
};

/** The zip `npm run package` made (the bench script runs it first): what `npx zapier-platform upload` sends. */
const buildZipKilobytes = async () => {
  requireBuildZip();
  return Math.round(fs.statSync(BUILD_ZIP).size / 1024);
};

main().then(
  () => process.exit(0),
  (error) => {
    console.error(`The benchmark stopped: ${(error as Error).message}`);
    process.exit(1);
  },
);
