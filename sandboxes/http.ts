// Plumbing shared by the local sandboxes: a tiny router, JSON bodies, and fault injection.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SandboxRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  rawBody: string;
  /** The body's bytes as they came (a multipart upload's file is not text). */
  rawBytes: Buffer;
  body: any;
  params: Record<string, string>;
}

export interface SandboxResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Sent as is (for HTML or form bodies); otherwise `body` is sent as JSON. */
  raw?: string;
}

export type Handler = (req: SandboxRequest) => SandboxResponse | Promise<SandboxResponse>;

interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: Handler;
}

export class Router {
  private routes: Route[] = [];

  on(method: string, path: string, handler: Handler): this {
    const names: string[] = [];
    const pattern = new RegExp('^' + path.replace(/:([a-zA-Z]+)/g, (_m, name: string) => (names.push(name), '([^/]+)')) + '/?$');
    this.routes.push({ method, pattern, names, handler });
    return this;
  }

  match(method: string, path: string): { handler: Handler; params: Record<string, string> } | 'method' | undefined {
    let pathMatched = false;
    for (const route of this.routes) {
      const m = route.pattern.exec(path);
      if (!m) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      const params = Object.fromEntries(route.names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)]));
      return { handler: route.handler, params };
    }
    return pathMatched ? 'method' : undefined;
  }
}

/** A fault armed through a sandbox's `/_sandbox/faults`: applies to the next `count` matching requests. */
export interface Fault {
  status?: number;
  count?: number;
  retryAfter?: number;
  latencyMs?: number;
  /** Destroy the socket without an answer. */
  drop?: boolean;
  /** Handle the request, then destroy the socket: the work is done but the answer is lost. */
  dropAfter?: boolean;
  method?: string;
  /** A path prefix the fault is limited to, e.g. "/invoices". */
  path?: string;
  body?: unknown;
}

export class FaultBox {
  private faults: Fault[] = [];
  latencyMs = 0;

  arm(fault: Fault) {
    if (fault.latencyMs !== undefined && fault.status === undefined && !fault.drop && !fault.dropAfter && fault.count === undefined) {
      this.latencyMs = fault.latencyMs;
      return;
    }
    this.faults.push({ count: 1, ...fault });
  }

  clear() {
    this.faults = [];
    this.latencyMs = 0;
  }

  /** The fault that applies to this request, if any (consuming one of its uses). */
  take(method: string, path: string): Fault | undefined {
    const fault = this.faults.find((f) => (!f.method || f.method.toUpperCase() === method) && (!f.path || path.startsWith(f.path)));
    if (!fault) return undefined;
    fault.count = (fault.count ?? 1) - 1;
    if (fault.count <= 0) this.faults = this.faults.filter((f) => f !== fault);
    return fault;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const parseBody = (raw: string, contentType: string | undefined): any => {
  if (!raw) return undefined;
  // Multipart bodies are read from their bytes by the route that takes them (multipart.ts).
  if (contentType?.includes('multipart/form-data')) return undefined;
  if (contentType?.includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(raw));
  }
  try {
    return JSON.parse(raw);
  } catch {
    return Symbol.for('invalid-json');
  }
};

export const INVALID_JSON = Symbol.for('invalid-json');

export interface ServeOptions {
  port: number;
  host?: string;
  router: Router;
  faults: FaultBox;
  notFound: (req: SandboxRequest) => SandboxResponse;
  onRequest?: (req: SandboxRequest) => void;
  /** Called when the answer has been sent (not for controls, nor for dropped connections). */
  onAnswered?: (req: SandboxRequest) => void;
}

export interface RunningServer {
  server: http.Server;
  port: number;
  close(): Promise<void>;
}

/** Every sandbox serves its test controls under /_sandbox/ (CONTRACT.md); faults and counts never touch them. */
const isControl = (path: string) => path.startsWith('/_sandbox/');

export const serve = async (options: ServeOptions): Promise<RunningServer> => {
  const server = http.createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (c: Buffer) => chunks.push(c));
    incoming.on('end', async () => {
      const url = new URL(incoming.url ?? '/', 'http://sandbox.local');
      const rawBytes = Buffer.concat(chunks);
      const rawBody = rawBytes.toString('utf8');
      const req: SandboxRequest = {
        method: (incoming.method ?? 'GET').toUpperCase(),
        path: url.pathname,
        query: url.searchParams,
        headers: incoming.headers,
        rawBody,
        rawBytes,
        body: parseBody(rawBody, incoming.headers['content-type']),
        params: {},
      };
      let answer: SandboxResponse;
      let dropAfter = false;
      try {
        if (!isControl(req.path)) {
          options.onRequest?.(req);
          if (options.faults.latencyMs) await sleep(options.faults.latencyMs);
          const fault = options.faults.take(req.method, req.path);
          if (fault?.latencyMs) await sleep(fault.latencyMs);
          if (fault?.drop) {
            incoming.socket.destroy();
            return;
          }
          dropAfter = Boolean(fault?.dropAfter);
          if (fault?.status) {
            const headers: Record<string, string> = {};
            if (fault.retryAfter !== undefined) headers['Retry-After'] = String(fault.retryAfter);
            send(outgoing, { status: fault.status, headers, body: fault.body ?? { fault: 'injected' } });
            return;
          }
        }
        const match = options.router.match(req.method, req.path);
        if (match === 'method') answer = { status: 405, body: { error: 'method not allowed' } };
        else if (!match) answer = options.notFound(req);
        else answer = await match.handler({ ...req, params: match.params });
      } catch (error) {
        answer = { status: 500, body: { error: String((error as Error).message) } };
      }
      if (dropAfter) {
        incoming.socket.destroy();
        return;
      }
      send(outgoing, answer);
      if (!isControl(req.path)) options.onAnswered?.(req);
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

const send = (outgoing: http.ServerResponse, answer: SandboxResponse) => {
  if (outgoing.headersSent || outgoing.destroyed) return;
  const headers: Record<string, string> = { ...answer.headers };
  let payload = answer.raw;
  if (payload === undefined && answer.body !== undefined) {
    payload = JSON.stringify(answer.body);
    headers['Content-Type'] ??= 'application/json; charset=utf-8';
  }
  outgoing.writeHead(answer.status, headers);
  outgoing.end(payload ?? '');
};

export const json = (status: number, body: unknown, headers?: Record<string, string>): SandboxResponse => ({
  status,
  body,
  headers,
});

export const bearerToken = (req: SandboxRequest): string | undefined => {
  const header = req.headers.authorization;
  const m = typeof header === 'string' ? /^Bearer\s+(.+)$/i.exec(header) : null;
  return m?.[1]?.trim();
};

/** Per-key sliding one-second window; answers whether this request is over the limit. */
export class RateWindow {
  private hits = new Map<string, number[]>();
  rejected = 0;
  /** null: no limit (a test control, for tests about something else). */
  constructor(public limit: number | null) {}
  over(key: string, now = Date.now()): boolean {
    if (this.limit === null) return false;
    const recent = (this.hits.get(key) ?? []).filter((t) => now - t < 1000);
    if (recent.length >= this.limit) {
      this.hits.set(key, recent);
      this.rejected += 1;
      return true;
    }
    recent.push(now);
    this.hits.set(key, recent);
    return false;
  }
  reset() {
    this.hits.clear();
    this.rejected = 0;
  }
}
