// Every sandbox plus the local Zapier runtime, for tests that run whole steps.
import { startZapierRuntime } from '../../sandboxes/zapier/runtime';
import { App } from './app';
import { proposal, startClick2Contract } from './click2contractSandbox';
import { connectedAuthData, startProcountor } from './procountorSandbox';
import { startSlack } from './slackSandbox';
import { SLACK_SECOND_WORKSPACE } from '../../sandboxes/slack/server';

export const INVOICE_STEP = 'creates.create_unfinished_invoice.operation.perform';

export const startWorld = async () => {
  const procountor = await startProcountor();
  const c2c = await startClick2Contract({ maxAttempts: 1, retryBaseMs: 10 });
  const slack = await startSlack();
  const runtime = await startZapierRuntime(App);
  let authData = await connectedAuthData(procountor.base);
  /** Every output and error message the app produced through the world, for the secrets scan. */
  const transcript: string[] = [];
  const leaks = new Set<string>();
  let scannedLines = 0;
  let scannedEntries = 0;
  const remember = <T>(outcome: T) => {
    transcript.push(JSON.stringify(outcome));
    return outcome;
  };

  const checkpointSecrets = () => {
    const secrets = new Set([...procountor.sandbox.issuedSecrets(), ...c2c.sandbox.issuedSecrets(), 'xoxb-sandbox', SLACK_SECOND_WORKSPACE.botToken]);
    const haystack = [...runtime.logLines, ...transcript].join('\n');
    for (const secret of secrets) if (secret && haystack.includes(secret)) leaks.add(secret);
    scannedLines += runtime.logLines.length;
    scannedEntries += transcript.length;
    runtime.logLines.length = 0;
    transcript.length = 0;
  };

  const world = {
    procountor,
    c2c,
    slack,
    runtime,
    get authData() {
      return authData;
    },
    async reset() {
      await procountor.control('reset', {});
      await c2c.control('reset', {});
      await slack.control('reset', {});
      runtime.clearCache();
      authData = await connectedAuthData(procountor.base);
    },
    /** A proposal, created and accepted in Click2Contract. */
    async acceptedContract(over: Record<string, unknown> = {}) {
      const created = await c2c.control('proposals', proposal(over));
      await c2c.control(`contracts/${created.id}/accept`, {});
      return created as { id: string; number: string };
    },
    async runInvoice(inputData: Record<string, unknown>) {
      return remember(await runtime.run<Record<string, any>>(INVOICE_STEP, { authData, inputData }));
    },
    remember,
    /** Every secret any sandbox issued that shows up in the app's logs, outputs or errors. */
    leakedSecrets() {
      checkpointSecrets();
      return [...leaks];
    },
    /** Scans what was collected so far and lets it go, so long runs do not hold every log line in memory. */
    checkpointSecrets,
    scanned: () => ({ logLines: scannedLines + runtime.logLines.length, transcriptEntries: scannedEntries + transcript.length }),
    slackMessages: async () => (await slack.control('messages')).messages as any[],
    async run<T = Record<string, any>>(method: string, inputData: Record<string, unknown>, extra: Record<string, unknown> = {}) {
      return remember(await runtime.run<T>(method, { authData, inputData, ...extra }));
    },
    state: () => procountor.control('state') as Promise<{ businesspartners: any[]; products: any[]; invoices: any[] }>,
    /** How many [invoices, customers, products] Procountor holds: [0, 0, 0] when a step made nothing. */
    async madeCounts() {
      const { invoices, businesspartners, products } = (await procountor.control('state')) as { businesspartners: any[]; products: any[]; invoices: any[] };
      return [invoices.length, businesspartners.length, products.length];
    },
    async requestsDuring(work: () => Promise<unknown>) {
      await procountor.control('stats/reset', {});
      await work();
      return (await procountor.control('stats')) as { requests: number; byRoute: Record<string, number>; peakPerSecond: number; rateLimited: number };
    },
    async stop() {
      await Promise.all([procountor.stop(), c2c.stop(), slack.stop(), runtime.close()]);
    },
  };
  return world;
};

export type World = Awaited<ReturnType<typeof startWorld>>;

/**
 * The world for one test file: started before its first test, reset before each, stopped after the last. The answer
 * stands for the started world (a proxy), so tests write `w.run(…)` as if they held it.
 */
export const worldForEachTest = (options: { reset?: boolean } = {}): World => {
  let started: World | undefined;
  beforeAll(async () => {
    started = await startWorld();
  });
  afterAll(() => started?.stop());
  if (options.reset !== false) beforeEach(() => started!.reset());
  return new Proxy({} as World, { get: (_target, key) => Reflect.get(started!, key, started) });
};

/** Runs `step` `times` times, one after another, and answers every outcome. */
export const inTurn = async <T>(times: number, step: () => Promise<T>) => {
  const outcomes: T[] = [];
  for (let i = 0; i < times; i++) outcomes.push(await step());
  return outcomes;
};
