// The public API's webhook subscriptions: list them (without their secrets), subscribe to events, unsubscribe.
import crypto from 'node:crypto';
import { json, type SandboxRequest } from '../http';
import { error, EVENTS, type Click2ContractSandboxState, type Click2ContractRoutes, type Json } from './state';

/** POST /webhooks: an http(s) URL and a non-empty list of known events; answers the webhook with its new secret. */
const subscribe = (state: Click2ContractSandboxState, req: SandboxRequest) => {
  const body = req.body as Json;
  if (!body || typeof body.url !== 'string' || !/^https?:\/\//.test(body.url)) {
    return error(422, 'validation_error', 'url must be an http(s) URL.');
  }
  if (!Array.isArray(body.events) || !body.events.length || body.events.some((e: unknown) => !EVENTS.includes(String(e)))) {
    return error(422, 'validation_error', `events must be a non-empty list of: ${EVENTS.join(', ')}.`);
  }
  const webhook = { id: state.nextId('whk'), url: body.url, events: body.events, secret: `whsec_${crypto.randomBytes(24).toString('hex')}` };
  state.webhooks.push(webhook);
  state.issued.push(webhook.secret);
  return json(201, webhook);
};

export const webhookRoutes = ({ api, state }: Click2ContractRoutes) => {
  api('GET', '/webhooks', () => json(200, { data: state.webhooks.map(({ secret: _secret, ...w }) => w) }));
  api('POST', '/webhooks', (req) => subscribe(state, req));
  api('DELETE', '/webhooks/:id', (req) => {
    const before = state.webhooks.length;
    state.webhooks = state.webhooks.filter((w) => w.id !== req.params.id);
    return before === state.webhooks.length ? error(404, 'not_found', `No webhook ${req.params.id}.`) : { status: 204 };
  });
};
