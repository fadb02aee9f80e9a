// Catalogues of 100, 5,000 and 50,000 products: the first contract (10 lines, all in the catalogue) of a connection
// whose index is cold, the steps until the index is complete, warm steps in this process (a warm Lambda container),
// and the same step in a fresh container (a new process loading build.zip, with only z.cache to go on).
import fs from 'node:fs';
import os from 'node:os';
import { procountorDateTime } from '../sandboxes/procountor/state';
import { startLambdaProcess } from '../sandboxes/zapier/lambdaProcess';
import { type RunOutcome } from '../sandboxes/zapier/runtime';
import { type Bench, customerRecord, existing, figure, type Measured, median, releaseMemory, round, RUNS, unpackBuildZip } from './harness';

const CATALOGUES = [100, 5_000, 50_000];
/** What `zapier-platform env:set` would hold: a fresh container gets it in its environment. */
const APP_ENVIRONMENT = ['CLIENT_ID', 'CLIENT_SECRET', 'PROCOUNTOR_API_URL', 'PROCOUNTOR_LOGIN_URL', 'CLICK2CONTRACT_API_URL', 'SLACK_API_URL'];

/** A company with `n` products and the existing customer; answers how to make a contract of 10 of its products. */
const seedCatalogue = async (bench: Bench, n: number) => {
  releaseMemory(bench.runtime);
  await bench.freshCompany();
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
  for (let i = 0; i < n; i += 10_000) await bench.seedProcountor({ products: catalogue.slice(i, i + 10_000) });
  await bench.seedProcountor({ businesspartners: [customerRecord(existing)] });
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
  return (seed: number) => bench.acceptContract(`catalogue ${n}`, existing, lines(seed));
};

type ContractOf = Awaited<ReturnType<typeof seedCatalogue>>;

/** The first contract after the index is dropped, and the steps after it until the index is complete. */
const coldIndex = async (bench: Bench, n: number, contractOf: ContractOf) => {
  // Company data and the customer's record are warm, as for any connection that has run before: the index is not.
  await bench.appStep(await contractOf(0));
  bench.runtime.clearCache('procountor:catalogue:');
  let firstSteps = 0;
  const first = await bench.measure(async () => {
    firstSteps = await bench.appStepsUntilDone(await contractOf(1));
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
  while (!bench.runtime.cacheValue('procountor:catalogue:v1')?.complete && steps < 10) {
    let taken = 0;
    const next = await bench.measure(async () => {
      taken = await bench.appStepsUntilDone(await contractOf(steps + 1));
    });
    pages += next.byRoute['GET /products'] ?? 0;
    steps += taken;
  }
  figure(`catalogue_index_steps_to_warm_catalogue${n}`, steps, 'steps');
  figure(`catalogue_index_product_requests_to_warm_catalogue${n}`, pages, 'requests');
};

/** Warm: the index complete in z.cache, the steps one after another in this process (a warm Lambda container). */
const warmSteps = async (bench: Bench, n: number, contractOf: ContractOf) => {
  const warm: Measured[] = [];
  for (let run = 0; run < RUNS; run++) {
    const id = await contractOf(99 + run);
    warm.push(await bench.measure(() => bench.appStep(id)));
  }
  const warmRpc = (pick: (rpc: RunOutcome['rpc']) => number) => warm.map((m) => pick((m.result as RunOutcome).rpc));
  const calls = warmRpc((rpc) => rpc.zcacheCalls);
  figure(`procountor_requests_warm_10_lines_catalogue${n}`, median(warm.map((m) => m.requests)), 'requests');
  figure(`zcache_calls_warm_10_lines_catalogue${n}`, median(calls), `calls (median of ${RUNS}, ${Math.min(...calls)} to ${Math.max(...calls)}; target <= 10)`);
  figure(`zcache_bytes_read_warm_10_lines_catalogue${n}`, median(warmRpc((rpc) => rpc.bytesRead)), `bytes (median of ${RUNS})`);
  figure(`invoice_step_latency_warm_10_lines_catalogue${n}`, round(median(warm.map((m) => m.ms))), `ms (median of ${RUNS})`);
  figure(`catalogue_index_bytes_per_product_catalogue${n}`, round(bench.runtime.cacheBytes('procountor:catalogue:') / n, 1), 'bytes');
  figure(`catalogue_index_bytes_catalogue${n}`, round(bench.runtime.cacheBytes('procountor:catalogue:') / 1024), 'KiB');
};

/** The same step in a fresh container: a new process loading build.zip, nothing in memory, the same z.cache. */
const freshContainer = async (bench: Bench, n: number, contractOf: ContractOf, unpacked: string) => {
  const { runtime } = bench;
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
    const cold = await bench.measure(() => bench.appStep(id, { handler: container.handler }));
    const rpc = (cold.result as RunOutcome).rpc;
    figure(`zcache_calls_cold_container_10_lines_catalogue${n}`, rpc.zcacheCalls, 'calls (a new process: every chunk read once)');
    figure(`procountor_requests_cold_container_10_lines_catalogue${n}`, cold.requests, 'requests');
    figure(`zcache_bytes_read_cold_container_10_lines_catalogue${n}`, rpc.bytesRead, 'bytes');
    figure(`invoice_step_latency_cold_container_10_lines_catalogue${n}`, round(cold.ms), 'ms (the process already started)');
  } finally {
    await container.stop();
  }
};

export const catalogues = async (bench: Bench) => {
  // What Zapier's Lambda loads, for the fresh containers: the unpacked build.zip.
  const unpacked = await unpackBuildZip();
  for (const n of CATALOGUES) {
    const contractOf = await seedCatalogue(bench, n);
    await coldIndex(bench, n, contractOf);
    await warmSteps(bench, n, contractOf);
    await freshContainer(bench, n, contractOf, unpacked);
  }
  fs.rmSync(unpacked, { recursive: true, force: true });
};
