// Runs the app's operations the way Zapier does: through zapier-platform-core's Lambda handler, with a
// loopback stand-in for Zapier's RPC (z.cache with real nx/TTL, z.cursor) and log intake. Used by the
// reliability tests, the demo and the benchmark; the app never imports it. On Zapier every RPC call is a round trip
// to Zapier's own service: `rpcLatencyMs` holds each answer that long, and each invocation's outcome counts its calls
// and the bytes they read and wrote. The pieces: ./zcache.ts (z.cache), ./rpc.ts (the RPC service and log intake),
// ./steps.ts (invocations and runs).
import zapier from 'zapier-platform-core';
import { RpcService, startRpcServer } from './rpc';
import { createStepRunner, type LambdaHandler } from './steps';
import { ZCache } from './zcache';

export type { LambdaHandler, RunOutcome } from './steps';

interface RuntimeOptions {
  /** Given to the app in each event, as Zapier hands over what `zapier-platform env:set` set. */
  environment?: Record<string, string>;
  /** How long each RPC call (z.cache, z.cursor) takes to answer, as a round trip to Zapier's service would. 0: at once. */
  rpcLatencyMs?: number;
  /** How the runtime waits out that delay (tests hold answers with their own). */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * `source` is the app definition, run in this process, or a deployed app's Lambda handler (build.zip's
 * zapierwrapper.js in a process of its own), which then gets every event exactly as Zapier sends it.
 */
export const startZapierRuntime = async (source: object | LambdaHandler, options: RuntimeOptions = {}) => {
  const cache = new ZCache();
  const rpc = new RpcService(cache);
  let rpcLatencyMs = options.rpcLatencyMs ?? 0;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const rpcServer = await startRpcServer(rpc, { ms: () => rpcLatencyMs, sleep });
  const { base } = rpcServer;
  const loggingEndpoint = `${base}/logs`;
  const inProcess = typeof source !== 'function';
  // An outside handler runs in a process of its own, which gets the endpoint in its own environment.
  if (inProcess) process.env.LOGGING_ENDPOINT = loggingEndpoint;
  const handler: LambdaHandler =
    typeof source === 'function'
      ? (source as LambdaHandler)
      : // createAppHandler is what Zapier's Lambda wrapper calls; the published types leave it out.
        (zapier as unknown as { createAppHandler: (app: object) => LambdaHandler }).createAppHandler(source);
  const steps = createStepRunner({ handler, inProcess, rpcBase: `${base}/rpc`, environment: options.environment, counting: rpc.counting });

  return {
    base,
    loggingEndpoint,
    invoke: steps.invoke,
    run: steps.run,
    logLines: rpcServer.logLines,
    cacheCalls: () => rpc.cacheCalls,
    /** Makes every z.cache call fail from now on (true), or work again (false). */
    failCache: (down: boolean) => {
      rpc.cacheDown = down;
    },
    /** The delay each RPC call takes from now on (ms). */
    setRpcLatency: (ms: number) => {
      rpcLatencyMs = ms;
    },
    rpcLatencyMs: () => rpcLatencyMs,
    cacheKeys: () => cache.keys(),
    /** A connection-scoped value as z.cache holds it (parsed), whichever connection set it; undefined when absent. */
    cacheValue: (key: string) => cache.value(key),
    /** A value one connection's runs stored with scope ['auth'] (parsed), as its next run would read it; undefined when absent. */
    connectionValue: (authData: object, key: string) => cache.connectionValue(steps.connectionToken({ authData }), key),
    /** Stores a value with scope ['auth'] for one connection, as one of its runs would (another container, say). */
    setConnectionValue: (authData: object, key: string, value: unknown, ttlSeconds = 3600) =>
      cache.setConnectionValue(steps.connectionToken({ authData }), key, value, ttlSeconds),
    /** Bytes stored under keys starting with `prefix`, as z.cache holds them (JSON text). */
    cacheBytes: (prefix: string) => cache.bytes(prefix),
    /** Empties z.cache, or only the keys starting with `prefix`. */
    clearCache: (prefix?: string) => cache.clear(prefix),
    /** Lets log streams still being written finish (three seconds at most) before closing. */
    close: rpcServer.close,
  };
};

export type ZapierRuntime = Awaited<ReturnType<typeof startZapierRuntime>>;
