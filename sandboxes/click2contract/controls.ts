// The Click2Contract sandbox's test controls under /_sandbox/, which faults never touch: reset, a new proposal, a
// customer accepting it, Send to Procountor, the events and their deliveries, holding deliveries back, and faults.
import { json, type Fault, type SandboxRequest } from '../http';
import { sendToProcountor } from './contracts';
import { error, helsinkiTimestamp, publicContract, type Click2ContractSandboxState, type Click2ContractRoutes, type Json } from './state';

/** A proposal as it is sent to the customer: the body's fields over the defaults, status `sent`. */
const addProposal = (state: Click2ContractSandboxState, req: SandboxRequest) => {
  const body = (req.body ?? {}) as Json;
  const now = helsinkiTimestamp();
  const contract = {
    number: `C-${1000 + state.contracts.length + 1}`,
    title: 'Proposal',
    signed_by: null,
    customer: null,
    pricing_table: null,
    created_at: now,
    ...body,
    procountor: { auto_invoice: true, sent_at: null, ...body.procountor },
    id: body.id ?? state.nextId('ctr'),
    status: 'sent',
    accepted_at: null,
    updated_at: now,
    seq: ++state.seq,
  };
  state.contracts.push(contract);
  return json(201, publicContract(contract));
};

/** The customer signs: status `accepted`, and `contract.accepted` goes to every subscribed webhook. */
const accept = async ({ state, delivery }: Click2ContractRoutes, id: string) => {
  const contract = state.findContract(id);
  if (!contract) return error(404, 'not_found', `No contract ${id}.`);
  contract.status = 'accepted';
  contract.accepted_at = helsinkiTimestamp();
  contract.updated_at = contract.accepted_at;
  contract.signed_by ??= { name: contract.customer?.contact_name ?? null, email: contract.customer?.email ?? null };
  const event = await delivery.fire('contract.accepted', publicContract(contract));
  return json(200, { ...publicContract(contract), event_id: event.id });
};

/** Sends held deliveries, in reverse order unless {"order": "fifo"}: the out-of-order case. */
const release = async (state: Click2ContractSandboxState, req: SandboxRequest) => {
  const order = (req.body as Json | undefined)?.order ?? 'reverse';
  const queue = order === 'fifo' ? state.held : [...state.held].reverse();
  state.held = [];
  state.holding = false;
  for (const send of queue) await send();
  return json(200, { released: queue.length });
};

export const controlRoutes = (routes: Click2ContractRoutes) => {
  const { router, state, delivery, faults } = routes;
  router.on('POST', '/_sandbox/reset', () => {
    state.reset();
    faults.clear();
    return json(200, { ok: true });
  });
  router.on('POST', '/_sandbox/proposals', (req) => addProposal(state, req));
  router.on('POST', '/_sandbox/contracts/:id/accept', (req) => accept(routes, req.params.id!));
  router.on('POST', '/_sandbox/contracts/:id/send-to-procountor', (req) => sendToProcountor(routes, req.params.id!));
  router.on('GET', '/_sandbox/events', () => json(200, { events: state.events, deliveries: state.deliveries }));
  router.on('POST', '/_sandbox/events/:id/redeliver', async (req) => {
    const event = state.events.find((e) => e.id === req.params.id);
    if (!event) return error(404, 'not_found', `No event ${req.params.id}.`);
    await Promise.all(state.webhooks.filter((w) => w.events.includes(event.type)).map((w) => delivery.deliver(w, event)));
    return json(200, { ok: true });
  });
  router.on('POST', '/_sandbox/deliveries/hold', () => {
    state.holding = true;
    return json(200, { ok: true });
  });
  router.on('POST', '/_sandbox/deliveries/release', (req) => release(state, req));
  router.on('POST', '/_sandbox/faults', (req) => {
    const body = (req.body ?? {}) as Fault & { clear?: boolean };
    if (body.clear) faults.clear();
    if (body.status !== undefined || body.drop || body.dropAfter || body.latencyMs !== undefined) {
      faults.arm(body.status === 429 && body.body === undefined ? { ...body, body: { error: { code: 'rate_limited', message: 'Too many requests.' } } } : body);
    }
    return json(200, { ok: true });
  });
};
