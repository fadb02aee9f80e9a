// A local stand-in for the Click2Contract API (reference/click2contract-api.md): contracts, cursor
// paging, webhooks signed with HMAC-SHA256, at-least-once delivery with retries, and test controls. One state, and
// the routes by family, registered in this order (the router takes the first match).
import { bearerToken, FaultBox, Router, serve, type Handler } from '../http';
import { contractRoutes } from './contracts';
import { controlRoutes } from './controls';
import { createEventDelivery, type DeliveryOptions } from './delivery';
import { CLICK2CONTRACT_SANDBOX, Click2ContractSandboxState, error } from './state';
import { webhookRoutes } from './webhooks';

export { CLICK2CONTRACT_SANDBOX } from './state';
export type { DeliveryOptions } from './delivery';

export const createClick2ContractSandbox = (deliveryOptions: DeliveryOptions = { maxAttempts: 4, retryBaseMs: 200 }) => {
  const faults = new FaultBox();
  const router = new Router();
  const state = new Click2ContractSandboxState();
  const delivery = createEventDelivery(state, deliveryOptions);

  const api = (method: string, path: string, handler: Handler) =>
    router.on(method, `/v1${path}`, (req) => {
      if (bearerToken(req) !== CLICK2CONTRACT_SANDBOX.apiKey) return error(401, 'unauthorized', 'Missing or invalid API key.');
      return handler(req);
    });

  const routes = { router, api, state, delivery, faults };
  contractRoutes(routes);
  webhookRoutes(routes);
  controlRoutes(routes);

  return {
    faults,
    events: () => state.events,
    issuedSecrets: () => [...state.issued],
    webhooks: () => state.webhooks,
    start: (port = CLICK2CONTRACT_SANDBOX.defaultPort) => serve({ port, router, faults, notFound: () => error(404, 'not_found', 'Not found.') }),
  };
};
