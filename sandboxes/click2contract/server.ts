// A local stand-in for the Click2Contract API (reference/click2contract-api.md): contracts, cursor
// paging, webhooks signed with HMAC-SHA256, at-least-once delivery with retries, and test controls.
import crypto from 'node:crypto';
import { bearerToken, FaultBox, json, Router, serve, type Fault, type SandboxRequest } from '../http';
import { helsinkiWallClock } from '../clock';

export const CLICK2CONTRACT_SANDBOX = {
  apiKey: 'c2c_sandbox_key',
  account: { id: 'acc_sandbox', name: 'Sandbox Oy' },
  user: { id: 'usr_sandbox', email: 'myynti@sandbox.example' },
  defaultPort: 4020,
};

type Json = Record<string, any>;
const EVENTS = ['contract.accepted', 'contract.sent_to_procountor'];

const error = (status: number, code: string, message: string, headers?: Record<string, string>) => json(status, { error: { code, message } }, headers);

/** ISO 8601 with Helsinki's offset, as Click2Contract writes its times. */
export const helsinkiTimestamp = (date = new Date()) => {
  const { text, offsetMinutes } = helsinkiWallClock(date);
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const hh = String(Math.floor(Math.abs(offsetMinutes) / 60)).padStart(2, '0');
  const mm = String(Math.abs(offsetMinutes) % 60).padStart(2, '0');
  return `${text}${sign}${hh}:${mm}`;
};

/** The sandbox's own signer, written from the reference, not shared with the app's verifier. */
export const signDelivery = (secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)) =>
  `t=${timestamp},v1=${crypto.createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;

interface Delivery {
  eventId: string;
  webhookId: string;
  attempts: Array<{ at: string; status: number | 'error' }>;
  delivered: boolean;
}

export interface DeliveryOptions {
  /** Retries after a non-2xx answer or a failed connection, with doubling delays from `retryBaseMs`. */
  maxAttempts: number;
  retryBaseMs: number;
}

export const createClick2ContractSandbox = (deliveryOptions: DeliveryOptions = { maxAttempts: 4, retryBaseMs: 200 }) => {
  const faults = new FaultBox();
  const router = new Router();
  let contracts: Json[] = [];
  let webhooks: Json[] = [];
  let events: Json[] = [];
  let deliveries: Delivery[] = [];
  let held: Array<() => Promise<void>> = [];
  let holding = false;
  let seq = 0;
  const issued: string[] = [CLICK2CONTRACT_SANDBOX.apiKey];
  const nextId = (prefix: string) => `${prefix}_${(++seq).toString(36)}${crypto.randomBytes(3).toString('hex')}`;

  const deliverOnce = async (webhook: Json, event: Json, delivery: Delivery) => {
    const body = JSON.stringify(event);
    try {
      const response = await fetch(webhook.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'C2C-Signature': signDelivery(webhook.secret, body), 'User-Agent': 'Click2Contract-Webhooks/1.0' },
        body,
        signal: AbortSignal.timeout(30_000),
      });
      await response.arrayBuffer();
      delivery.attempts.push({ at: new Date().toISOString(), status: response.status });
      return response.status >= 200 && response.status < 300;
    } catch {
      delivery.attempts.push({ at: new Date().toISOString(), status: 'error' });
      return false;
    }
  };

  /** Delivers to one webhook; resolves after the first attempt, retrying in the background. */
  const deliver = async (webhook: Json, event: Json) => {
    const delivery: Delivery = { eventId: event.id, webhookId: webhook.id, attempts: [], delivered: false };
    deliveries.push(delivery);
    const retry = async (attempt: number): Promise<void> => {
      if (await deliverOnce(webhook, event, delivery)) {
        delivery.delivered = true;
        return;
      }
      if (attempt + 1 >= deliveryOptions.maxAttempts) return;
      await new Promise((resolve) => setTimeout(resolve, deliveryOptions.retryBaseMs * 2 ** attempt));
      if (webhooks.includes(webhook)) await retry(attempt + 1);
    };
    if (await deliverOnce(webhook, event, delivery)) delivery.delivered = true;
    else if (deliveryOptions.maxAttempts > 1) {
      setTimeout(() => void retry(1), deliveryOptions.retryBaseMs);
    }
  };

  const fire = async (type: string, contract: Json) => {
    const event = { id: nextId('evt'), type, created_at: helsinkiTimestamp(), data: { contract: structuredClone(contract) } };
    events.push(event);
    const sends = webhooks.filter((w) => w.events.includes(type)).map((w) => () => deliver(w, event));
    if (holding) held.push(...sends);
    else await Promise.all(sends.map((send) => send()));
    return event;
  };

  const authorised = (req: SandboxRequest) => bearerToken(req) === CLICK2CONTRACT_SANDBOX.apiKey;
  const api = (method: string, path: string, handler: (req: SandboxRequest) => ReturnType<typeof json> | Promise<ReturnType<typeof json>>) =>
    router.on(method, `/v1${path}`, (req) => {
      if (!authorised(req)) return error(401, 'unauthorized', 'Missing or invalid API key.');
      return handler(req);
    });

  api('GET', '/me', () => json(200, { account: CLICK2CONTRACT_SANDBOX.account, user: CLICK2CONTRACT_SANDBOX.user }));

  api('GET', '/contracts', (req) => {
    const limitText = req.query.get('limit') ?? '50';
    const limit = Number(limitText);
    if (!/^\d+$/.test(limitText) || limit < 1 || limit > 100) return error(422, 'validation_error', 'limit must be between 1 and 100.');
    const status = req.query.get('status');
    const sort = req.query.get('sort') ?? '-accepted_at';
    if (!['-accepted_at', 'accepted_at', '-created_at', 'created_at'].includes(sort)) {
      return error(422, 'validation_error', `Unknown sort "${sort}".`);
    }
    const field = sort.replace(/^-/, '');
    const direction = sort.startsWith('-') ? -1 : 1;
    const list = contracts
      .filter((c) => !status || c.status === status)
      .sort((a, b) => direction * (Date.parse(a[field] ?? 0) - Date.parse(b[field] ?? 0) || a.seq - b.seq));
    const cursor = req.query.get('cursor');
    let start = 0;
    if (cursor) {
      const decoded = Number(Buffer.from(cursor, 'base64url').toString('utf8'));
      if (!Number.isInteger(decoded) || decoded < 0) return error(422, 'validation_error', 'Invalid cursor.');
      start = decoded;
    }
    const page = list.slice(start, start + limit);
    const nextCursor = start + limit < list.length ? Buffer.from(String(start + limit)).toString('base64url') : null;
    return json(200, { data: page.map(publicContract), next_cursor: nextCursor });
  });

  const findContract = (id: string) => contracts.find((c) => c.id === id);
  api('GET', '/contracts/:id', (req) => {
    const contract = findContract(req.params.id!);
    return contract ? json(200, publicContract(contract)) : error(404, 'not_found', `No contract ${req.params.id}.`);
  });

  const sendToProcountor = async (id: string) => {
    const contract = findContract(id);
    if (!contract) return error(404, 'not_found', `No contract ${id}.`);
    if (contract.status !== 'accepted') return error(422, 'validation_error', 'Only accepted contracts can be sent to Procountor.');
    contract.procountor.sent_at = helsinkiTimestamp();
    contract.updated_at = contract.procountor.sent_at;
    const event = await fire('contract.sent_to_procountor', publicContract(contract));
    return json(202, { contract: publicContract(contract), event_id: event.id });
  };
  api('POST', '/contracts/:id/send-to-procountor', (req) => sendToProcountor(req.params.id!));

  api('GET', '/webhooks', () => json(200, { data: webhooks.map(({ secret: _secret, ...w }) => w) }));
  api('POST', '/webhooks', (req) => {
    const body = req.body as Json;
    if (!body || typeof body.url !== 'string' || !/^https?:\/\//.test(body.url)) {
      return error(422, 'validation_error', 'url must be an http(s) URL.');
    }
    if (!Array.isArray(body.events) || !body.events.length || body.events.some((e: unknown) => !EVENTS.includes(String(e)))) {
      return error(422, 'validation_error', `events must be a non-empty list of: ${EVENTS.join(', ')}.`);
    }
    const webhook = { id: nextId('whk'), url: body.url, events: body.events, secret: `whsec_${crypto.randomBytes(24).toString('hex')}` };
    webhooks.push(webhook);
    issued.push(webhook.secret);
    return json(201, webhook);
  });
  api('DELETE', '/webhooks/:id', (req) => {
    const before = webhooks.length;
    webhooks = webhooks.filter((w) => w.id !== req.params.id);
    return before === webhooks.length ? error(404, 'not_found', `No webhook ${req.params.id}.`) : { status: 204 };
  });

  // ---- Test controls ----
  router.on('POST', '/_sandbox/reset', () => {
    contracts = [];
    webhooks = [];
    events = [];
    deliveries = [];
    held = [];
    holding = false;
    faults.clear();
    return json(200, { ok: true });
  });
  router.on('POST', '/_sandbox/proposals', (req) => {
    const body = (req.body ?? {}) as Json;
    const now = helsinkiTimestamp();
    const contract = {
      number: `C-${1000 + contracts.length + 1}`,
      title: 'Proposal',
      signed_by: null,
      customer: null,
      pricing_table: null,
      created_at: now,
      ...body,
      procountor: { auto_invoice: true, sent_at: null, ...body.procountor },
      id: body.id ?? nextId('ctr'),
      status: 'sent',
      accepted_at: null,
      updated_at: now,
      seq: ++seq,
    };
    contracts.push(contract);
    return json(201, publicContract(contract));
  });
  router.on('POST', '/_sandbox/contracts/:id/accept', async (req) => {
    const contract = findContract(req.params.id!);
    if (!contract) return error(404, 'not_found', `No contract ${req.params.id}.`);
    contract.status = 'accepted';
    contract.accepted_at = helsinkiTimestamp();
    contract.updated_at = contract.accepted_at;
    contract.signed_by ??= { name: contract.customer?.contact_name ?? null, email: contract.customer?.email ?? null };
    const event = await fire('contract.accepted', publicContract(contract));
    return json(200, { ...publicContract(contract), event_id: event.id });
  });
  router.on('POST', '/_sandbox/contracts/:id/send-to-procountor', (req) => sendToProcountor(req.params.id!));
  router.on('GET', '/_sandbox/events', () => json(200, { events, deliveries }));
  router.on('POST', '/_sandbox/events/:id/redeliver', async (req) => {
    const event = events.find((e) => e.id === req.params.id);
    if (!event) return error(404, 'not_found', `No event ${req.params.id}.`);
    await Promise.all(webhooks.filter((w) => w.events.includes(event.type)).map((w) => deliver(w, event)));
    return json(200, { ok: true });
  });
  router.on('POST', '/_sandbox/deliveries/hold', () => {
    holding = true;
    return json(200, { ok: true });
  });
  /** Sends held deliveries, in reverse order unless {"order": "fifo"}: the out-of-order case. */
  router.on('POST', '/_sandbox/deliveries/release', async (req) => {
    const order = (req.body as Json | undefined)?.order ?? 'reverse';
    const queue = order === 'fifo' ? held : [...held].reverse();
    held = [];
    holding = false;
    for (const send of queue) await send();
    return json(200, { released: queue.length });
  });
  router.on('POST', '/_sandbox/faults', (req) => {
    const body = (req.body ?? {}) as Fault & { clear?: boolean };
    if (body.clear) faults.clear();
    if (body.status !== undefined || body.drop || body.dropAfter || body.latencyMs !== undefined) {
      faults.arm(body.status === 429 && body.body === undefined ? { ...body, body: { error: { code: 'rate_limited', message: 'Too many requests.' } } } : body);
    }
    return json(200, { ok: true });
  });

  return {
    faults,
    events: () => events,
    issuedSecrets: () => [...issued],
    webhooks: () => webhooks,
    start: (port = CLICK2CONTRACT_SANDBOX.defaultPort) => serve({ port, router, faults, notFound: () => error(404, 'not_found', 'Not found.') }),
  };
};

const publicContract = (contract: Json) => {
  const { seq: _seq, ...rest } = contract;
  return rest;
};
