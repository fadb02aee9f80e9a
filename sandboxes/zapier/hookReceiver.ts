// Stands in for Zapier's hook URL: catches deliveries and hands them on the way Zapier hands a REST hook's
// request to `perform` (bundle.rawRequest with `Http-`-prefixed, title-cased headers; bundle.cleanedRequest).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CaughtDelivery {
  method: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const titleCase = (name: string) =>
  name
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('-');

export const asZapierRequest = (delivery: CaughtDelivery) => {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(delivery.headers)) {
    if (value !== undefined) headers[`Http-${titleCase(name)}`] = Array.isArray(value) ? value.join(', ') : value;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(delivery.body);
  } catch {
    parsed = {};
  }
  return {
    rawRequest: { method: delivery.method, querystring: '', headers, content: delivery.body },
    cleanedRequest: parsed,
  };
};

export const startHookReceiver = async (port = 0) => {
  const caught: CaughtDelivery[] = [];
  const waiters: Array<() => void> = [];
  let failNext = 0;
  let onDelivery: ((delivery: CaughtDelivery) => void | Promise<void>) | undefined;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      if (failNext > 0) {
        failNext -= 1;
        res.writeHead(503).end();
        return;
      }
      const delivery = { method: req.method ?? 'POST', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      caught.push(delivery);
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"status":"success"}');
      waiters.splice(0).forEach((wake) => wake());
      await onDelivery?.(delivery);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  const { port: boundPort } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${boundPort}/hooks/catch/123/abc/`,
    caught,
    failNextDeliveries: (n: number) => {
      failNext = n;
    },
    onDelivery: (handler: typeof onDelivery) => {
      onDelivery = handler;
    },
    /** Resolves when at least `count` deliveries have arrived (or rejects after `timeoutMs`). */
    waitFor: async (count: number, timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs;
      while (caught.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} deliveries, got ${caught.length}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
      return caught;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
