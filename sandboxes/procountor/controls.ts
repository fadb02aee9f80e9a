// The test controls under /_sandbox/, which faults never touch: payments, reset, state, seeding, changes made in
// Procountor's own UI, faults and switches, and request statistics.
import { json, type Fault, type RateWindow, type SandboxRequest } from '../http';
import { errors, fullInvoice, fullPartner, fullProduct } from './answers';
import { schemaOf } from './published';
import {
  invoiceSum,
  nextPaymentId,
  nextVersion,
  paidSoFar,
  procountorDateTime,
  RATE_LIMIT_PER_SECOND,
  round2,
  type Json,
  type ProcountorSandboxState,
  type SandboxRoutes,
} from './state';

/** A payment arrives for a sent invoice: PAID when the payments cover the total, else PARTLY_PAID. */
const recordPayment = (state: ProcountorSandboxState, req: SandboxRequest) => {
  const invoice = state.invoices.find((inv) => inv.id === Number(req.params.id));
  if (!invoice) return errors(404, [{ message: 'Invoice not found.' }]);
  const total = invoiceSum(invoice);
  const paid = paidSoFar(state, invoice.id);
  const body = (req.body && typeof req.body === 'object' ? req.body : {}) as { amount?: unknown };
  const amount = body.amount === undefined ? round2(total - paid) : Number(body.amount);
  if (!Number.isFinite(amount) || amount <= 0) return errors(400, [{ field: 'amount', message: 'amount must be a number above zero.' }]);
  invoice.paymentDate = procountorDateTime().slice(0, 10);
  const id = nextPaymentId(state);
  state.payments.set(invoice.id, [...(state.payments.get(invoice.id) ?? []), { id, amount, paymentDate: invoice.paymentDate }]);
  const paidNow = round2(paid + amount);
  invoice.status = paidNow >= total ? 'PAID' : 'PARTLY_PAID';
  invoice.version = nextVersion(invoice.version);
  return json(200, { id: invoice.id, status: invoice.status, paid: paidNow, total, version: invoice.version });
};

/** Business partners and products as if made earlier, with Procountor's defaults under what the body gives. */
const seed = (state: ProcountorSandboxState, req: SandboxRequest) => {
  const body = (req.body ?? {}) as { businesspartners?: Json[]; products?: Json[]; invoices?: Json[] };
  const added = { businesspartners: [] as Json[], products: [] as Json[], invoices: [] as Json[] };
  // Invoices made elsewhere (another app, Procountor's UI), each a copy of the given one with its own id and number.
  for (const i of body.invoices ?? []) {
    const invoice = { ...i, id: state.nextId.invoice++, invoiceNumber: state.nextId.invoiceNumber++, version: procountorDateTime() };
    state.invoices.push(invoice);
    added.invoices.push(invoice);
  }
  for (const p of body.businesspartners ?? []) {
    const partner: Json = {
      paymentInfo: { paymentMethod: 'BANK_TRANSFER' },
      type: 'CUSTOMER',
      version: procountorDateTime(),
      ...p,
      id: state.nextId.partner++,
    };
    partner.registryInfo = { active: true, ...partner.registryInfo };
    state.businesspartners.push(partner);
    added.businesspartners.push(partner);
  }
  for (const p of body.products ?? []) {
    const product = {
      type: 'SALES',
      discount: 0,
      active: true,
      currency: 'EUR',
      unit: 'PIECE',
      version: procountorDateTime(),
      ...p,
      id: state.nextId.product++,
    };
    state.products.push(product);
    added.products.push(product);
  }
  return json(200, added);
};

/** Company.currencyRateSearchDensity's published values (DAILY_EXCHANGE_RATE, LAST_DAY_OF_THE_MONTH, PROCOUNTOR_FIXED_RATE). */
const RATE_DENSITIES = schemaOf('Company').currencyRateSearchDensity?.enum ?? [];

// The company as another Procountor company may be: `{"currency": "SEK"}` (published: one of DKK, EUR, NOK, SEK),
// `{"vatStatuses": [{"vatStatus": 1, "description": "Domestic", "sales": true}, …]}` (the list GET /vats/default answers),
// `{"currencyRateSearchDensity": "DAILY_EXCHANGE_RATE"}` (Basic company info's rate setting; null unsets it).
const changeCompany = (state: ProcountorSandboxState, req: SandboxRequest) => {
  const body = (req.body ?? {}) as { id?: number; name?: string; currency?: string; vatStatuses?: Json[]; currencyRateSearchDensity?: string | null };
  const density = body.currencyRateSearchDensity;
  if (density !== undefined && density !== null && !RATE_DENSITIES.includes(density)) {
    return errors(400, [{ field: 'currencyRateSearchDensity', message: `currencyRateSearchDensity is one of ${RATE_DENSITIES.join(', ')}.` }]);
  }
  // Another company altogether (`{"id": 1002, "name": "Toinen Oy"}`): what a connection reaches after its user
  // signs in to another company (an accounting firm's client); GET /company answers its id and name.
  if (typeof body.id === 'number') state.fixed.company = { ...state.fixed.company, id: body.id };
  if (typeof body.name === 'string') state.fixed.company = { ...state.fixed.company, name: body.name };
  if (body.currency !== undefined && !['DKK', 'EUR', 'NOK', 'SEK'].includes(body.currency)) {
    return errors(400, [{ field: 'currency', message: 'A company keeps its books in DKK, EUR, NOK or SEK.' }]);
  }
  if (body.currency !== undefined) state.companyCurrency = body.currency;
  if (density !== undefined) state.currencyRateSearchDensity = density;
  if (Array.isArray(body.vatStatuses))
    state.vatStatuses = body.vatStatuses.map((s) => ({
      vatStatus: s.vatStatus,
      description: s.description ?? null,
      sales: s.sales ?? true,
      purchase: s.purchase ?? false,
    }));
  return json(200, {
    id: state.fixed.company.id,
    name: state.fixed.company.name,
    currency: state.companyCurrency,
    vatStatuses: state.vatStatuses,
    currencyRateSearchDensity: state.currencyRateSearchDensity,
  });
};

/** Faults on the wire, and the switches for behaviour Procountor does not publish. */
const armFaults = ({ state, options, faults, rate }: SandboxRoutes, req: SandboxRequest) => {
  const body = (req.body ?? {}) as Fault & {
    unnumberedUnfinished?: boolean;
    expireTokens?: boolean;
    tokenLifetimeSeconds?: number;
    clear?: boolean;
    rateLimitPerSecond?: number | null;
  };
  if (body.clear) faults.clear();
  if (body.unnumberedUnfinished !== undefined) options.unnumberedUnfinished = body.unnumberedUnfinished;
  if (body.rateLimitPerSecond !== undefined) rate.limit = body.rateLimitPerSecond;
  if (body.expireTokens) for (const entry of state.accessTokens.values()) entry.expiresAt = 0;
  if (body.tokenLifetimeSeconds !== undefined) state.tokenLifetimeSeconds = body.tokenLifetimeSeconds;
  if (body.status !== undefined || body.drop || body.dropAfter || body.latencyMs !== undefined) faults.arm(body);
  return json(200, { ok: true });
};

/** Requests so far: their number, the rate-limited ones, the peak per second, the longest chain, and by route. */
const stats = (state: ProcountorSandboxState, rate: RateWindow) => {
  const times = state.requestLog.map((r) => r.at).sort((a, b) => a - b);
  let peak = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= 1000) j++;
    peak = Math.max(peak, i - j + 1);
  }
  const byRoute: Record<string, number> = {};
  for (const r of state.requestLog) {
    const route = `${r.method} ${r.path.replace(/\/\d[\d,]*(?=\/|$)/g, '/{id}')}`;
    byRoute[route] = (byRoute[route] ?? 0) + 1;
  }
  // The longest chain of round trips that each started after the previous one was answered.
  const answered = state.requestLog.filter((r) => r.end !== undefined).sort((a, b) => a.at - b.at);
  const depth: number[] = [];
  answered.forEach((r, i) => {
    depth[i] = 1 + Math.max(0, ...answered.slice(0, i).map((p, j) => (p.end! <= r.at ? depth[j]! : 0)));
  });
  const longestChain = Math.max(0, ...depth);
  return json(200, { requests: state.requestLog.length, rateLimited: rate.rejected, peakPerSecond: peak, longestChain, byRoute });
};

export const controlRoutes = (routes: SandboxRoutes) => {
  const { router, state, options, faults, rate } = routes;
  router.on('POST', '/_sandbox/invoices/:id/paid', (req) => recordPayment(state, req));
  router.on('POST', '/_sandbox/reset', () => {
    state.reset();
    faults.clear();
    rate.reset();
    rate.limit = RATE_LIMIT_PER_SECOND;
    state.tokenLifetimeSeconds = 3600;
    options.unnumberedUnfinished = false;
    return json(200, { ok: true });
  });
  router.on('GET', '/_sandbox/state', () =>
    json(200, {
      businesspartners: state.businesspartners.map(fullPartner),
      products: state.products.map(fullProduct),
      invoices: state.invoices.map((inv) => fullInvoice(inv)),
    }),
  );
  router.on('POST', '/_sandbox/seed', (req) => seed(state, req));
  // A new due date given in Procountor's UI (PaymentInfo.newDueDate, "Payment new due date"): `{"newDueDate": "2026-12-31"}`.
  router.on('POST', '/_sandbox/invoices/:id/due', (req) => {
    const invoice = state.invoices.find((inv) => inv.id === Number(req.params.id));
    if (!invoice) return errors(404, [{ message: 'Invoice not found.' }]);
    invoice.paymentInfo = { ...invoice.paymentInfo, newDueDate: (req.body as Json | undefined)?.newDueDate };
    invoice.version = nextVersion(invoice.version);
    return json(200, fullInvoice(invoice));
  });
  // A change made in Procountor's own UI: `{"patch": {...}}` changes the product (a new version), `{"remove": true}`
  // takes it away entirely, as a product the index still names but Procountor no longer has.
  router.on('POST', '/_sandbox/businesspartners/:id', (req) => {
    const at = state.businesspartners.findIndex((p) => p.id === Number(req.params.id));
    if (at < 0) return errors(404, [{ message: 'Partner not found.' }]);
    const body = (req.body ?? {}) as { patch?: Json };
    state.businesspartners[at] = { ...state.businesspartners[at], ...body.patch, id: state.businesspartners[at]!.id, version: procountorDateTime() };
    return json(200, fullPartner(state.businesspartners[at]!));
  });
  router.on('POST', '/_sandbox/products/:id', (req) => {
    const at = state.products.findIndex((p) => p.id === Number(req.params.id));
    if (at < 0) return errors(404, [{ message: 'Product not found.' }]);
    const body = (req.body ?? {}) as { patch?: Json; remove?: boolean };
    if (body.remove) return json(200, state.products.splice(at, 1)[0]!);
    state.products[at] = { ...state.products[at], ...body.patch, id: state.products[at]!.id, version: procountorDateTime() };
    return json(200, state.products[at]!);
  });
  router.on('POST', '/_sandbox/company', (req) => changeCompany(state, req));
  router.on('POST', '/_sandbox/faults', (req) => armFaults(routes, req));
  router.on('GET', '/_sandbox/stats', () => stats(state, rate));
  router.on('POST', '/_sandbox/stats/reset', () => {
    state.requestLog = [];
    rate.reset();
    return json(200, { ok: true });
  });
};
