// Runs the app's operations the way Zapier does: through zapier-platform-core's Lambda handler, with a
// loopback stand-in for Zapier's RPC (z.cache with real nx/TTL, z.cursor) and log intake. Used by the
// reliability tests, the demo and the benchmark; the app never imports it. On Zapier every RPC call is a round trip
// to Zapier's own service: `rpcLatencyMs` holds each answer that long, and each invocation's outcome counts its calls
// and the bytes they read and wrote.
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zapier from 'zapier-platform-core';

interface CacheEntry {
  value: string;
  expiresAt: number;
}

/** What one invocation asked of Zapier's RPC service. */
export interface RpcCounts {
  /** z.cache calls (get, set, delete). */
  zcacheCalls: number;
  /** z.cursor calls (get_cursor, set_cursor). */
  cursorCalls: number;
  /** Bytes of the values z.cache and z.cursor answered (the JSON text as stored). */
  bytesRead: number;
  /** Bytes of the values sent to z.cache and z.cursor. */
  bytesWritten: number;
  /** The z.cache keys read and written, in the order the calls arrived (without their scope). */
  keysRead: string[];
  keysWritten: string[];
}

const noCalls = (): RpcCounts => ({ zcacheCalls: 0, cursorCalls: 0, bytesRead: 0, bytesWritten: 0, keysRead: [], keysWritten: [] });

const addCounts = (a: RpcCounts, b: RpcCounts): RpcCounts => ({
  zcacheCalls: a.zcacheCalls + b.zcacheCalls,
  cursorCalls: a.cursorCalls + b.cursorCalls,
  bytesRead: a.bytesRead + b.bytesRead,
  bytesWritten: a.bytesWritten + b.bytesWritten,
  keysRead: [...a.keysRead, ...b.keysRead],
  keysWritten: [...a.keysWritten, ...b.keysWritten],
});

export interface RunOutcome<T = unknown> {
  ok: boolean;
  result?: T;
  error?: { name: string; message: string; delay?: number };
  ms: number;
  /** The invocation's RPC calls (for `run`, those of every invocation it made). */
  rpc: RpcCounts;
}

/** Zapier's error classes carry {message, delay|code} as JSON in their message. */
const readError = (error: Error) => {
  try {
    const parsed = JSON.parse(error.message);
    if (parsed && typeof parsed.message === 'string') {
      return { name: error.name, message: parsed.message as string, delay: parsed.delay as number | undefined };
    }
  } catch {
    // a plain message
  }
  return { name: error.name, message: error.message };
};

/** What Zapier's Lambda receives for one invocation (the fields zapier-platform-core reads). */
export interface LambdaEvent {
  command: 'execute' | 'definition' | 'validate';
  method?: string;
  bundle?: object;
  storeKey?: string;
  rpc_base?: string;
  token?: string;
  /** The app's environment (`zapier-platform env:set`), copied into process.env before the app loads. */
  environment?: Record<string, string>;
  calledFromCli?: boolean;
  calledFromCliInvoke?: boolean;
}

/** A deployed app's entry point: `require('zapierwrapper.js').handler`. */
export type LambdaHandler = (event: LambdaEvent) => Promise<{ results: unknown }>;

export interface RuntimeOptions {
  /** Given to the app in each event, as Zapier hands over what `zapier-platform env:set` set. */
  environment?: Record<string, string>;
  /** How long each RPC call (z.cache, z.cursor) takes to answer, as a round trip to Zapier's service would. 0: at once. */
  rpcLatencyMs?: number;
  /** How the runtime waits out that delay (tests hold answers with their own). */
  sleep?: (ms: number) => Promise<void>;
}

/** Where a step runs: another handler on the same z.cache, z.cursor and connections (a second Lambda container). */
export interface InvokeOptions {
  handler?: LambdaHandler;
  /** That handler runs in this process (another copy of the app's modules), not in a process of its own. */
  inProcess?: boolean;
}

/**
 * `source` is the app definition, run in this process, or a deployed app's Lambda handler (build.zip's
 * zapierwrapper.js in a process of its own), which then gets every event exactly as Zapier sends it.
 */
export const startZapierRuntime = async (source: object | LambdaHandler, options: RuntimeOptions = {}) => {
  const cache = new Map<string, CacheEntry>();
  const cursors = new Map<string, string>();
  const logLines: string[] = [];
  let cacheCalls = 0;
  let rpcLatencyMs = options.rpcLatencyMs ?? 0;
  /** When set, every z.cache call fails, as when Zapier's service is down (z.cursor keeps working). */
  let cacheDown = false;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  /** The RPC calls of each invocation still running, by the token its event carried. */
  const counting = new Map<string, RpcCounts>();

  const live = (key: string) => {
    const entry = cache.get(key);
    if (entry && entry.expiresAt <= Date.now()) cache.delete(key);
    return cache.get(key);
  };

  /**
   * As on Zapier, a scope is part of the key: a value set with ['auth'] belongs to that connection and is found
   * only by a get with the same scope from the same connection. The invocation token stands for the connection.
   */
  /**
   * A key as tests name it: without its scope and connection, and without the Procountor company the app puts in front
   * of what belongs to one company (`company:<id>:`), so a test names a key the same whichever company it belongs to.
   */
  const bareKey = (key: string) =>
    key
      .split('|')
      .pop()!
      .replace(/^company:[^:]+:/, '');
  const scopedKey = (key: unknown, scope: unknown, connection: string) =>
    Array.isArray(scope) && scope.length ? `${[...scope].sort().join(',')}|${connection}|${String(key)}` : `|global|${String(key)}`;

  const rpc = (method: string, params: any[], storeKey: string, connection: string, counts: RpcCounts): unknown => {
    const read = (value: string | null) => {
      if (value !== null) counts.bytesRead += Buffer.byteLength(value);
      return value;
    };
    const written = (value: string) => {
      counts.bytesWritten += Buffer.byteLength(value);
      return value;
    };
    if (cacheDown && method.startsWith('zcache_')) {
      cacheCalls++;
      counts.zcacheCalls++;
      throw new Error('z.cache is unavailable (the runtime was told to fail it)');
    }
    switch (method) {
      case 'zcache_get': {
        cacheCalls++;
        counts.zcacheCalls++;
        const [key, scope] = params;
        counts.keysRead.push(bareKey(String(key)));
        return read(live(scopedKey(key, scope, connection))?.value ?? null);
      }
      case 'zcache_set': {
        cacheCalls++;
        counts.zcacheCalls++;
        const [key, value, ttl, scope, nx] = params;
        counts.keysWritten.push(bareKey(String(key)));
        const text = written(String(value));
        const full = scopedKey(key, scope, connection);
        if (nx && live(full)) return false;
        cache.set(full, { value: text, expiresAt: ttl ? Date.now() + Number(ttl) * 1000 : Number.POSITIVE_INFINITY });
        return true;
      }
      case 'zcache_delete': {
        cacheCalls++;
        counts.zcacheCalls++;
        const [key, scope] = params;
        return cache.delete(scopedKey(key, scope, connection));
      }
      // z.cursor is keyed by the invocation's storeKey, not by a parameter.
      case 'get_cursor':
        counts.cursorCalls++;
        return read(cursors.get(storeKey) ?? null);
      case 'set_cursor':
        counts.cursorCalls++;
        cursors.set(storeKey, written(String(params[0])));
        return null;
      default:
        throw new Error(`The local Zapier runtime has no RPC method ${method}`);
    }
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      if (req.url?.startsWith('/logs')) {
        logLines.push(...body.split('\n').filter(Boolean));
        res.writeHead(200).end('{}');
        return;
      }
      let id: string | undefined;
      let answer: { id?: string; result?: unknown; error?: string };
      // The token stands for the connection and the invocation: `conn-…/inv-…`.
      const token = String(req.headers['x-token'] ?? '');
      const [connection = ''] = token.split('/');
      try {
        const call = JSON.parse(body);
        id = call.id;
        answer = { id, result: rpc(call.method, call.params ?? [], String(call.storeKey ?? ''), connection, counting.get(token) ?? noCalls()) };
      } catch (error) {
        answer = { id, error: (error as Error).message };
      }
      // The round trip to Zapier's service: the call takes effect on arrival, its answer comes back after the delay.
      if (rpcLatencyMs > 0) await sleep(rpcLatencyMs);
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const loggingEndpoint = `${base}/logs`;
  const inProcess = typeof source !== 'function';
  // An outside handler runs in a process of its own, which gets the endpoint in its own environment.
  if (inProcess) process.env.LOGGING_ENDPOINT = loggingEndpoint;
  const handler: LambdaHandler =
    typeof source === 'function'
      ? (source as LambdaHandler)
      : // createAppHandler is what Zapier's Lambda wrapper calls; the published types leave it out.
        (zapier as unknown as { createAppHandler: (app: object) => LambdaHandler }).createAppHandler(source);

  /**
   * Stands for the connection in RPC calls. Zapier's connection id survives token refreshes; here the connection
   * is the authData object a caller keeps passing (run() refreshes it in place).
   */
  const connections = new WeakMap<object, string>();
  const connectionToken = (bundle: object) => {
    const auth = (bundle as { authData?: object }).authData;
    if (!auth) return 'conn-none';
    if (!connections.has(auth)) connections.set(auth, `conn-${crypto.randomBytes(8).toString('hex')}`);
    return connections.get(auth)!;
  };

  let invocations = 0;

  /** One invocation, as Zapier makes it: through this runtime's handler, or `via.handler` (another container). */
  const invoke = async <T>(method: string, bundle: object, via: InvokeOptions = {}): Promise<RunOutcome<T>> => {
    const started = performance.now();
    const token = `${connectionToken(bundle)}/inv-${++invocations}`;
    const counts = noCalls();
    counting.set(token, counts);
    const outside = via.handler ? !via.inProcess : !inProcess;
    try {
      // One stored cursor per operation, as for one Zap's dropdown.
      // In this process, calledFromCli(Invoke) as `zapier-platform invoke` sends keeps core's per-run memory print
      // quiet; an outside handler gets the event as Zapier sends it.
      const response = await (via.handler ?? handler)({
        command: 'execute',
        method,
        bundle,
        storeKey: method,
        rpc_base: `${base}/rpc`,
        token,
        ...(options.environment ? { environment: options.environment } : {}),
        ...(outside ? {} : { calledFromCli: true, calledFromCliInvoke: true }),
      });
      return { ok: true, result: response.results as T, ms: performance.now() - started, rpc: counts };
    } catch (error) {
      return { ok: false, error: readError(error as Error), ms: performance.now() - started, rpc: counts };
    } finally {
      counting.delete(token);
    }
  };

  /**
   * An invocation with Zapier's autoRefresh: on RefreshAuthError it refreshes the tokens and runs the step once
   * more. `authData` is updated in place, as Zapier updates the stored connection.
   */
  const run = async <T>(
    method: string,
    bundle: { authData: Record<string, string>; [k: string]: unknown },
    via: InvokeOptions = {},
  ): Promise<RunOutcome<T>> => {
    const first = await invoke<T>(method, bundle, via);
    if (first.ok || first.error?.name !== 'RefreshAuthError') return first;
    const refreshed = await invoke<Record<string, string>>('authentication.oauth2Config.refreshAccessToken', bundle, via);
    if (!refreshed.ok) return { ...(refreshed as RunOutcome<T>), rpc: addCounts(first.rpc, refreshed.rpc) };
    Object.assign(bundle.authData, refreshed.result);
    const second = await invoke<T>(method, bundle, via);
    return { ...second, ms: first.ms + refreshed.ms + second.ms, rpc: addCounts(addCounts(first.rpc, refreshed.rpc), second.rpc) };
  };

  return {
    base,
    loggingEndpoint,
    invoke,
    run,
    logLines,
    cacheCalls: () => cacheCalls,
    /** Makes every z.cache call fail from now on (true), or work again (false). */
    failCache: (down: boolean) => {
      cacheDown = down;
    },
    /** The delay each RPC call takes from now on (ms). */
    setRpcLatency: (ms: number) => {
      rpcLatencyMs = ms;
    },
    rpcLatencyMs: () => rpcLatencyMs,
    cacheKeys: () => [...cache.keys()].map(bareKey),
    /** A connection-scoped value as z.cache holds it (parsed), whichever connection set it; undefined when absent. */
    cacheValue: (key: string) => {
      const found = [...cache.entries()].find(([k, e]) => bareKey(k) === key && e.expiresAt > Date.now());
      return found ? JSON.parse(found[1].value) : undefined;
    },
    /** A value one connection's runs stored with scope ['auth'] (parsed), as its next run would read it; undefined when absent. */
    connectionValue: (authData: object, key: string) => {
      const connection = scopedKey('', ['auth'], connectionToken({ authData }));
      const found = [...cache.keys()].find((k) => k.startsWith(connection) && bareKey(k) === key && live(k));
      return found ? JSON.parse(cache.get(found)!.value) : undefined;
    },
    /** Stores a value with scope ['auth'] for one connection, as one of its runs would (another container, say). */
    setConnectionValue: (authData: object, key: string, value: unknown, ttlSeconds = 3600) => {
      cache.set(scopedKey(key, ['auth'], connectionToken({ authData })), { value: JSON.stringify(value), expiresAt: Date.now() + ttlSeconds * 1000 });
    },
    /** Bytes stored under keys starting with `prefix`, as z.cache holds them (JSON text). */
    cacheBytes: (prefix: string) => [...cache.entries()].filter(([k]) => bareKey(k).startsWith(prefix)).reduce((n, [, e]) => n + Buffer.byteLength(e.value), 0),
    /** Empties z.cache, or only the keys starting with `prefix`. */
    clearCache: (prefix?: string) => {
      if (prefix === undefined) cache.clear();
      else for (const key of [...cache.keys()]) if (bareKey(key).startsWith(prefix)) cache.delete(key);
    },
    /** Lets log streams still being written finish (three seconds at most) before closing. */
    close: () =>
      new Promise<void>((resolve) => {
        const force = setTimeout(() => server.closeAllConnections(), 3000);
        server.closeIdleConnections();
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
      }),
  };
};

export type ZapierRuntime = Awaited<ReturnType<typeof startZapierRuntime>>;
