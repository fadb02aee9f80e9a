// The local stand-in for Zapier's runtime: each RPC call (z.cache, z.cursor) is a round trip that answers after the
// configured delay, and each invocation's calls and bytes are counted on their own.
import { startZapierRuntime, type ZapierRuntime } from '../../sandboxes/zapier/runtime';

/** An app of one action that uses z.cache and z.cursor the way the app does: scoped to the connection. */
const probeApp = {
  version: '1.0.0',
  platformVersion: '19.1.0',
  creates: {
    probe: {
      key: 'probe',
      noun: 'Probe',
      display: { label: 'Probe', description: 'Uses z.cache and z.cursor.' },
      operation: {
        perform: async (z: any, bundle: any) => {
          const key = `probe:${bundle.inputData.name}`;
          await z.cache.set(key, { said: 'hello' }, 60, ['auth']);
          const read = await z.cache.get(key, ['auth']);
          const missing = await z.cache.get('probe:missing', ['auth']);
          await z.cache.delete(key, ['auth']);
          await z.cursor.set('page-2');
          const cursor = await z.cursor.get();
          return { read, missing, cursor };
        },
        sample: { read: null },
      },
    },
  },
};

const until = async (done: () => boolean) => {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 2));
};

describe('the local Zapier runtime', () => {
  let runtime: ZapierRuntime | undefined;
  afterEach(() => runtime?.close());

  it("counts each invocation's z.cache and z.cursor calls, and the bytes they read and wrote", async () => {
    runtime = await startZapierRuntime(probeApp);
    const authData = { access_token: 'a' };
    const [first, second] = await Promise.all(
      ['one', 'two'].map((name) => runtime!.invoke<Record<string, unknown>>('creates.probe.operation.perform', { authData, inputData: { name } })),
    );
    expect(first!.result).toEqual({ read: { said: 'hello' }, missing: null, cursor: 'page-2' });
    const stored = Buffer.byteLength(JSON.stringify({ said: 'hello' }));
    const cursor = Buffer.byteLength('page-2');
    // Run at once, the two invocations are still counted apart.
    for (const [outcome, name] of [
      [first!, 'one'],
      [second!, 'two'],
    ] as const) {
      expect(outcome.rpc).toEqual({
        zcacheCalls: 4,
        cursorCalls: 2,
        bytesRead: stored + cursor,
        bytesWritten: stored + cursor,
        keysRead: [`probe:${name}`, 'probe:missing'],
        keysWritten: [`probe:${name}`],
      });
    }
    expect(runtime.cacheCalls()).toBe(8);
  });

  it('answers every RPC call only after the round trip it is configured with, and at once when set to 0', async () => {
    const delays: number[] = [];
    const held: Array<() => void> = [];
    runtime = await startZapierRuntime(probeApp, {
      rpcLatencyMs: 25,
      sleep: (ms) => {
        delays.push(ms);
        return new Promise<void>((resolve) => held.push(resolve));
      },
    });
    const authData = { access_token: 'a' };
    let finished = false;
    const outcome = runtime.invoke('creates.probe.operation.perform', { authData, inputData: { name: 'held' } }).then((o) => {
      finished = true;
      return o;
    });
    // Six calls, one after another: each waits for its answer, which waits for the round trip.
    for (let call = 1; call <= 6; call++) {
      await until(() => held.length > 0);
      expect(finished).toBe(false);
      expect(delays).toHaveLength(call);
      held.shift()!();
    }
    expect((await outcome).ok).toBe(true);
    expect(delays).toEqual([25, 25, 25, 25, 25, 25]);

    runtime.setRpcLatency(0);
    expect((await runtime.invoke('creates.probe.operation.perform', { authData, inputData: { name: 'quick' } })).ok).toBe(true);
    expect(delays).toHaveLength(6);
  });

  it("keeps a connection's values to that connection, and lets a test read and plant them", async () => {
    runtime = await startZapierRuntime(probeApp);
    const mine = { access_token: 'a' };
    const theirs = { access_token: 'b' };
    runtime.setConnectionValue(mine, 'planted', { n: 1 });
    expect(runtime.connectionValue(mine, 'planted')).toEqual({ n: 1 });
    expect(runtime.connectionValue(theirs, 'planted')).toBeUndefined();
  });
});
