// A loopback stand-in for Zapier's RPC service: z.cache and z.cursor calls, counted per invocation, and the log
// intake. On Zapier every RPC call is a round trip to Zapier's own service: the server holds each answer for the
// runtime's RPC latency.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { bareKey, type ZCache } from './zcache';

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

export const noCalls = (): RpcCounts => ({ zcacheCalls: 0, cursorCalls: 0, bytesRead: 0, bytesWritten: 0, keysRead: [], keysWritten: [] });

export const addCounts = (a: RpcCounts, b: RpcCounts): RpcCounts => ({
  zcacheCalls: a.zcacheCalls + b.zcacheCalls,
  cursorCalls: a.cursorCalls + b.cursorCalls,
  bytesRead: a.bytesRead + b.bytesRead,
  bytesWritten: a.bytesWritten + b.bytesWritten,
  keysRead: [...a.keysRead, ...b.keysRead],
  keysWritten: [...a.keysWritten, ...b.keysWritten],
});

export class RpcService {
  private cursors = new Map<string, string>();
  /** z.cache calls of every invocation so far. */
  cacheCalls = 0;
  /** When set, every z.cache call fails, as when Zapier's service is down (z.cursor keeps working). */
  cacheDown = false;
  /** The RPC calls of each invocation still running, by the token its event carried. */
  readonly counting = new Map<string, RpcCounts>();

  constructor(private cache: ZCache) {}

  /** One call, as the invocation with this token makes it: the token stands for the connection and the invocation, `conn-…/inv-…`. */
  call(method: string, params: any[], storeKey: string, token: string): unknown {
    const [connection = ''] = token.split('/');
    const counts = this.counting.get(token) ?? noCalls();
    const read = (value: string | null) => {
      if (value !== null) counts.bytesRead += Buffer.byteLength(value);
      return value;
    };
    const written = (value: string) => {
      counts.bytesWritten += Buffer.byteLength(value);
      return value;
    };
    const cacheCall = () => {
      this.cacheCalls++;
      counts.zcacheCalls++;
    };
    if (this.cacheDown && method.startsWith('zcache_')) {
      cacheCall();
      throw new Error('z.cache is unavailable (the runtime was told to fail it)');
    }
    switch (method) {
      case 'zcache_get': {
        cacheCall();
        const [key, scope] = params;
        counts.keysRead.push(bareKey(String(key)));
        return read(this.cache.get(key, scope, connection));
      }
      case 'zcache_set': {
        cacheCall();
        const [key, value, ttl, scope, nx] = params;
        counts.keysWritten.push(bareKey(String(key)));
        return this.cache.set(key, written(String(value)), ttl, scope, nx, connection);
      }
      case 'zcache_delete': {
        cacheCall();
        const [key, scope] = params;
        return this.cache.delete(key, scope, connection);
      }
      // z.cursor is keyed by the invocation's storeKey, not by a parameter.
      case 'get_cursor':
        counts.cursorCalls++;
        return read(this.cursors.get(storeKey) ?? null);
      case 'set_cursor':
        counts.cursorCalls++;
        this.cursors.set(storeKey, written(String(params[0])));
        return null;
      default:
        throw new Error(`The local Zapier runtime has no RPC method ${method}`);
    }
  }
}

/** The RPC service on loopback: `POST /rpc` for calls, `/logs` for the app's log lines. */
export const startRpcServer = async (service: RpcService, latency: { ms: () => number; sleep: (ms: number) => Promise<void> }) => {
  const logLines: string[] = [];
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
      try {
        const call = JSON.parse(body);
        id = call.id;
        answer = { id, result: service.call(call.method, call.params ?? [], String(call.storeKey ?? ''), String(req.headers['x-token'] ?? '')) };
      } catch (error) {
        answer = { id, error: (error as Error).message };
      }
      // The round trip to Zapier's service: the call takes effect on arrival, its answer comes back after the delay.
      const delay = latency.ms();
      if (delay > 0) await latency.sleep(delay);
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    logLines,
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
