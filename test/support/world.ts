// Every sandbox plus the local Zapier runtime, for tests that run whole steps.
import { startZapierRuntime } from '../../sandboxes/zapier/runtime';
import { App } from './app';
import { proposal, startClick2Contract } from './click2contractSandbox';
import { connectedAuthData, startProcountor } from './procountorSandbox';
import { startSlack } from './slackSandbox';

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
    const secrets = new Set([...procountor.sandbox.issuedSecrets(), ...c2c.sandbox.issuedSecrets(), 'xoxb-sandbox']);
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
