// What every benchmark scenario shares: the sandboxes with their injected delays, the Zapier runtime running the app
// (and the naive baseline beside it), contracts made and accepted in Click2Contract, a step measured by what
// Procountor saw, and the figures printed one per line as `name: value unit`.
import fs from 'node:fs';
import extract from 'extract-zip';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import App from '../index';
import { startAllSandboxes } from '../sandboxes/all';
import { connectToSandboxes } from '../sandboxes/zapier/connect';
import { startZapierRuntime, type ZapierRuntime } from '../sandboxes/zapier/runtime';
import { naiveInvoice } from './naiveInvoice';

export const LATENCY_MS = 50;
/** A round trip to Zapier's RPC service, which every z.cache and z.cursor call is on Zapier. */
export const ZCACHE_RPC_LATENCY_MS = 25;
export const RUNS = 5;

export const figure = (name: string, value: number | string, unit: string) => console.log(`${name}: ${value} ${unit}`);

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
export const round = (n: number, digits = 0) => Number(n.toFixed(digits));

/**
 * The sandboxes, the Zapier runtime and the app share this process, and zapier-platform-core ends a process past
 * 450 MB RSS after 250 runs (tools/memory-checker.js): what a finished section left (the runtime's copy of every
 * log line, garbage of a 50,000-product catalogue) is let go before the next one. Answers the RSS in MB after it.
 */
const gc = (() => {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
})();
export const releaseMemory = (runtime: { logLines: string[] }) => {
  runtime.logLines.length = 0;
  gc();
  return Math.round(process.memoryUsage().rss / 1024 / 1024);
};

export const post = async (url: string, body?: unknown) =>
  (
    await fetch(url, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  ).json() as Promise<any>;

/** A Pricing Table line as Click2Contract sends it. */
type PricingItem = ReturnType<typeof items>[number];

export const items = (k: number, prefix: string) =>
  Array.from({ length: k }, (_, i) => ({
    name: `${prefix} service ${i}`,
    code: `${prefix.toUpperCase()}-${i}`,
    quantity: 1 + (i % 3),
    unit: 'h',
    unit_price: 100 + i,
    discount_percent: 0,
    vat_percent: 25.5,
  }));

/** The same lines as products already in Procountor, for the sandbox's seed. */
export const productsOf = (lines: PricingItem[]) =>
  lines.map((item) => ({ name: item.name, code: item.code, unit: 'HOUR', price: item.unit_price, vat: 25.5 }));

export interface Customer {
  name: string;
  businessId: string;
}

/** The customer Procountor already holds in most scenarios. */
export const existing: Customer = { name: 'Vakio Asiakas Oy', businessId: '0737546-2' };
export const customerRecord = (customer: Customer) => ({ name: customer.name, invoicingInfo: { identifier: customer.businessId } });

/** One step as Procountor saw it: how long it took, what it answered, and the sandbox's request statistics. */
export interface Measured {
  ms: number;
  result: unknown;
  requests: number;
  longestChain: number;
  peakPerSecond: number;
  rateLimited: number;
  byRoute: Record<string, number>;
}

type Via = Parameters<ZapierRuntime['run']>[2];

const CREATE_INVOICE = 'creates.create_unfinished_invoice.operation.perform';

/** The app plus, for the benchmark only, the naive baseline as one more action, so both run the same way. */
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

/** The sandboxes with the injected delays, the runtime, a connection, and what the scenarios do with them. */
export const startBench = async () => {
  const sandboxes = await startAllSandboxes({ procountor: 0, click2contract: 0, slack: 0 });
  sandboxes.configureApp();
  const { urls } = sandboxes;
  const runtime = await startZapierRuntime(benchApp, { rpcLatencyMs: ZCACHE_RPC_LATENCY_MS });
  const authData = await connectToSandboxes(runtime);
  for (const control of [urls.procountorControl, urls.click2contractControl, urls.slackControl]) await post(`${control}/faults`, { latencyMs: LATENCY_MS });

  const acceptContract = async (title: string, customer: Customer, lines: PricingItem[]) => {
    const created = await post(`${urls.click2contractControl}/proposals`, {
      title,
      customer: {
        company_name: customer.name,
        business_id: customer.businessId,
        address: 'Mannerheimintie 1',
        postal_code: '00100',
        city: 'Helsinki',
        country: 'FI',
        email: 'laskut@example.fi',
      },
      pricing_table: { currency: 'EUR', prices_include_vat: false, items: lines },
    });
    await post(`${urls.click2contractControl}/contracts/${created.id}/accept`, {});
    return created.id as string;
  };
  const measure = async (work: () => Promise<unknown>): Promise<Measured> => {
    await post(`${urls.procountorControl}/stats/reset`, {});
    const started = performance.now();
    const result = await work();
    const ms = performance.now() - started;
    return { ms, result, ...(await post(`${urls.procountorControl}/stats`)) };
  };
  const step = async (method: string, contractId: string, via: Via = {}) => {
    const run = await runtime.run(method, { authData, inputData: { contract_id: contractId } }, via);
    if (!run.ok) throw new Error(`${method} failed for ${contractId}: ${run.error?.message}`);
    return run;
  };
  /** One run of the invoice step; a ThrottledError answers `throttled` (Zapier would retry the step after its delay). */
  const tryAppStep = async (contractId: string, connection: Record<string, string> = authData) => {
    const run = await runtime.run(CREATE_INVOICE, { authData: connection, inputData: { contract_id: contractId } });
    if (run.ok) return 'done';
    if (run.error?.name !== 'ThrottledError') throw new Error(`${contractId}: ${run.error?.message}`);
    return 'throttled';
  };

  return {
    urls,
    runtime,
    /** Procountor emptied back to its seed, its delay injected again, and nothing in z.cache: a new company. */
    freshCompany: async () => {
      await post(`${urls.procountorControl}/reset`, {});
      await post(`${urls.procountorControl}/faults`, { latencyMs: LATENCY_MS });
      runtime.clearCache();
    },
    seedProcountor: (records: object) => post(`${urls.procountorControl}/seed`, records),
    acceptContract,
    /** A contract of `k` lines named by `prefix`, accepted. */
    contract: (k: number, prefix: string, customer: Customer) => acceptContract(`${prefix} ${k}`, customer, items(k, prefix)),
    measure,
    appStep: (contractId: string, via: Via = {}) => step(CREATE_INVOICE, contractId, via),
    naiveStep: (contractId: string) => step('creates.bench_naive_invoice.operation.perform', contractId),
    tryAppStep,
    /** Another connection of the same Procountor API client (its own tokens), as another company's Zap would have. */
    connect: () => connectToSandboxes(runtime),
    /** A step Zapier retries after a ThrottledError (here at once); answers how many steps the contract took. */
    appStepsUntilDone: async (contractId: string) => {
      for (let steps = 1; steps <= 10; steps++) if ((await tryAppStep(contractId)) === 'done') return steps;
      throw new Error(`${contractId} did not finish in 10 steps`);
    },
    close: () => Promise.all([sandboxes.close(), runtime.close()]),
  };
};

export type Bench = Awaited<ReturnType<typeof startBench>>;

const root = path.resolve(__dirname, '..', '..');
const BUILD_ZIP = path.join(root, 'build', 'build.zip');
const requireBuildZip = () => {
  if (!fs.existsSync(BUILD_ZIP)) throw new Error('build/build.zip is missing: run `npm run package` first (`npm run bench` does).');
};

/** build/build.zip unpacked into a fresh folder outside the project, as Zapier unpacks it into its Lambda. */
export const unpackBuildZip = async () => {
  requireBuildZip();
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'c2c-bench-zip-')));
  await extract(BUILD_ZIP, { dir });
  return dir;
};

/** The zip `npm run package` made (the bench script runs it first): what `npx zapier-platform upload` sends. */
export const buildZipKilobytes = async () => {
  requireBuildZip();
  return Math.round(fs.statSync(BUILD_ZIP).size / 1024);
};
