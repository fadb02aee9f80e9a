// A local stand-in for Procountor's REST API 26.04 and its OAuth2 login, on loopback: one state, and the routes by
// family, registered in this order (the router takes the first match).
import { bearerToken, FaultBox, INVALID_JSON, RateWindow, Router, serve, type SandboxRequest } from '../http';
import { badRequest, errors } from './answers';
import { attachmentRoutes } from './attachments';
import { companyDataRoutes } from './companyData';
import { currencyRoutes } from './currencies';
import { controlRoutes } from './controls';
import { invoiceRoutes } from './invoices';
import { invoiceLifeRoutes } from './invoiceLife';
import { oauthRoutes } from './oauth';
import { partnerRoutes } from './partners';
import { paymentEventRoutes } from './paymentEvents';
import { productRoutes } from './products';
import type { CompanyContext } from './rules';
import {
  companyVatRates,
  DOMESTIC_VAT_STATUS,
  PROCOUNTOR_SANDBOX,
  ProcountorSandboxState,
  RATE_LIMIT_PER_SECOND,
  type ApiRoute,
  type SandboxOptions,
} from './state';

export { PROCOUNTOR_SANDBOX, ProcountorSandboxState } from './state';

export const createProcountorSandbox = (state = new ProcountorSandboxState()) => {
  const faults = new FaultBox();
  const rate = new RateWindow(RATE_LIMIT_PER_SECOND);
  const router = new Router();
  /** Switches for behaviour Procountor does not publish; `POST /_sandbox/faults` sets them, reset clears them. */
  const options: SandboxOptions = { unnumberedUnfinished: false };
  const logEntryOf = new WeakMap<object, ProcountorSandboxState['requestLog'][number]>();
  const company: CompanyContext = {
    vatRatesOn: companyVatRates,
    salesVatStatuses: () => state.vatStatuses.filter((s) => s.sales).map((s) => s.vatStatus),
    currency: () => state.companyCurrency,
    domesticVatStatus: DOMESTIC_VAT_STATUS,
    partnerExists: (id) => state.businesspartners.some((p) => p.id === id),
    productExists: (id) => state.products.some((p) => p.id === id),
  };

  const authorize = (req: SandboxRequest) => {
    const accessToken = bearerToken(req);
    const entry = accessToken ? state.accessTokens.get(accessToken) : undefined;
    if (!entry || entry.expiresAt <= Date.now()) return undefined;
    return entry.clientId;
  };

  // ---- API ----
  const api: ApiRoute = (method, path, handler) =>
    router.on(method, `/api${path}`, (req) => {
      const clientId = authorize(req);
      if (!clientId) return errors(401, [{ message: 'Unauthorized: missing, invalid or expired access token.' }]);
      if (rate.over(clientId)) {
        return { ...errors(429, [{ message: 'Rate limit exceeded: 20 requests per second.' }]), headers: { 'Retry-After': '1' } };
      }
      const multipart = String(req.headers['content-type'] ?? '').startsWith('multipart/form-data');
      if (req.method === 'POST' && !multipart && (req.body === INVALID_JSON || typeof req.body !== 'object' || req.body === null)) {
        return badRequest([{ field: 'body', message: 'Request body must be a JSON object.' }]);
      }
      return handler(req);
    });

  const routes = { router, api, state, options, company, faults, rate };
  oauthRoutes(routes);
  companyDataRoutes(routes);
  currencyRoutes(routes);
  partnerRoutes(routes);
  productRoutes(routes);
  invoiceRoutes(routes);
  paymentEventRoutes(routes);
  invoiceLifeRoutes(routes);
  attachmentRoutes(routes);
  controlRoutes(routes);

  return {
    state,
    faults,
    /** Every token and secret this sandbox has handed out or knows, for tests that look for leaks. */
    issuedSecrets: () => [
      PROCOUNTOR_SANDBOX.clientSecret,
      PROCOUNTOR_SANDBOX.apiKey,
      ...state.accessTokens.keys(),
      ...state.refreshTokens.keys(),
      ...state.codes.keys(),
    ],
    start: (port = PROCOUNTOR_SANDBOX.defaultPort) =>
      serve({
        port,
        router,
        faults,
        onRequest: (req) => {
          if (req.path.startsWith('/api/') && !req.path.startsWith('/api/oauth/')) {
            const entry = { at: performance.now(), method: req.method, path: req.path.slice(4) };
            state.requestLog.push(entry);
            logEntryOf.set(req, entry);
          }
        },
        onAnswered: (req) => {
          // A WeakMap, not a search of the whole log: long runs make tens of thousands of requests.
          const entry = logEntryOf.get(req);
          if (entry) entry.end = performance.now();
        },
        notFound: () => errors(404, [{ message: 'Not found.' }]),
      }),
  };
};
