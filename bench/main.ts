// `npm run bench`: figures, one per line as `name: value unit`. Contracts of 1, 10, 50 and 200 lines, and catalogues of
// 100, 5,000 and 50,000 products, against the sandboxes with a 50 ms round trip injected on every service and 25 ms on
// every z.cache and z.cursor call (Zapier's own service). `--only catalogue` runs the catalogue rows alone.
// The scenarios run in the order listed; bench/README.md tells how to read what they print.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { build } from './build';
import { burst } from './burst';
import { catalogues } from './catalogues';
import { contractSizes } from './contractSizes';
import { customers } from './customers';
import { sharedBudget } from './sharedBudget';
import { type Bench, figure, LATENCY_MS, RUNS, startBench, ZCACHE_RPC_LATENCY_MS } from './harness';

/** A scenario runs on the shared sandboxes, in a process of its own (with sandboxes of its own), or on build.zip alone. */
type Scenario = { name: string } & ({ onSandboxes: (bench: Bench) => Promise<void> } | { inOwnProcess: string } | { alone: () => Promise<void> });

const SCENARIOS: Scenario[] = [
  { name: 'per-k', onSandboxes: contractSizes },
  { name: 'catalogue', onSandboxes: catalogues },
  { name: 'customers', onSandboxes: customers },
  // The scenarios before it leave the heap large, and zapier-platform-core ends a process past 450 MB after 250 runs.
  { name: 'burst', inOwnProcess: '--burst' },
  { name: 'shared-budget', inOwnProcess: '--shared-budget' },
  { name: 'build', alone: build },
];

const withBench = async (work: (bench: Bench) => Promise<void>) => {
  const bench = await startBench();
  await work(bench);
  await bench.close();
};

const printSetting = () => {
  console.log(
    `# ${LATENCY_MS} ms injected round trip on Procountor, Click2Contract and Slack, ${ZCACHE_RPC_LATENCY_MS} ms on every z.cache call; ` +
      `${RUNS} runs a figure; ${os.cpus().length} cores`,
  );
  figure('zcache_rpc_latency_ms', ZCACHE_RPC_LATENCY_MS, 'ms (every latency below includes it)');
};

const runInOwnProcess = (name: string, flag: string) => {
  const run = spawnSync(process.execPath, [__filename, flag], { stdio: 'inherit' });
  if (run.status !== 0) throw new Error(`the ${name} section failed (exit ${run.status})`);
};

const main = async () => {
  process.env.DISABLE_ZAPIER_ANALYTICS = '1';
  if (process.argv.includes('--burst')) return withBench(burst);
  if (process.argv.includes('--shared-budget')) return withBench(sharedBudget);
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
  const chosen = SCENARIOS.filter((scenario) => only === undefined || only === scenario.name);
  await withBench(async (bench) => {
    printSetting();
    for (const scenario of chosen) if ('onSandboxes' in scenario) await scenario.onSandboxes(bench);
  });
  for (const scenario of chosen) {
    if ('inOwnProcess' in scenario) runInOwnProcess(scenario.name, scenario.inOwnProcess);
    if ('alone' in scenario) await scenario.alone();
  }
};

main().then(
  () => process.exit(0),
  (error) => {
    console.error(`The benchmark stopped: ${(error as Error).message}`);
    process.exit(1);
  },
);
