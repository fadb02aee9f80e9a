// A local stand-in for Procountor's REST API 26.04 and its OAuth2 login, on loopback.
import { bearerToken, FaultBox, INVALID_JSON, json, RateWindow, Router, serve, type Fault, type SandboxRequest } from '../http';
import {
  activeOf,
  badRequest,
  basicInvoice,
  basicPartner,
  byIds,
  errors,
  fullInvoice,
  fullPartner,
  fullProduct,
  isDateTime,
  pageOf,
  pagingError,
  searchParam,
} from './answers';
import { fullObject } from './published';
import { withReferenceCheckDigit } from './reference';
import { businessPartnerProblems, invoiceProblems, productProblems, type CompanyContext } from './rules';
import {
  companyVatRates,
  invoiceTotals,
  nextVersion,
  PROCOUNTOR_SANDBOX,
  procountorDateTime,
  ProcountorSandboxState,
  RATE_LIMIT_PER_SECOND,
  round2,
  SANDBOX_VAT_STATUSES,
  token,
  type Json,
} from './state';

export { companyVatRates, PROCOUNTOR_SANDBOX, procountorDateTime, ProcountorSandboxState, SANDBOX_VAT_STATUSES } from './state';

/** The published invoice statuses (Invoice.status). */
const INVOICE_STATUSES = ['EMPTY', 'UNFINISHED', 'NOT_SENT', 'SENT', 'RECEIVED', 'PAID', 'PAYMENT_DENIED', 'VERIFIED', 'APPROVED', 'INVALIDATED', 'PAYMENT_QUEUED', 'PARTLY_PAID', 'PAYMENT_SENT_TO_BANK', 'MARKED_PAID', 'STARTED', 'INVOICED', 'OVERRIDDEN', 'DELETED', 'UNSAVED', 'PAYMENT_TRANSACTION_REMOVED'];

export const createProcountorSandbox = (state = new ProcountorSandboxState()) => {
  const faults = new FaultBox();
  const rate = new RateWindow(RATE_LIMIT_PER_SECOND);
  const router = new Router();
  /** Switches for behaviour Procountor does not publish; `POST /_sandbox/faults` sets them, reset clears them. */
  const options = { unnumberedUnfinished: false };
  const logEntryOf = new WeakMap<object, ProcountorSandboxState['requestLog'][number]>();
  const company: CompanyContext = {
    vatRatesOn: companyVatRates,
    salesVatStatuses: SANDBOX_VAT_STATUSES.filter((s) => s.sales).map((s) => s.vatStatus),
    partnerExists: (id) => state.businesspartners.some((p) => p.id === id),
    productExists: (id) => state.products.some((p) => p.id === id),
  };

  const authorize = (req: SandboxRequest) => {
    const accessToken = bearerToken(req);
    const entry = accessToken ? state.accessTokens.get(accessToken) : undefined;
    if (!entry || entry.expiresAt <= Date.now()) return undefined;
    return entry.clientId;
  };

  const issueTokens = (clientId: string) => {
    const access = token('pat');
    const refresh = token('prt');
    state.accessTokens.set(access, { clientId, expiresAt: Date.now() + state.tokenLifetimeSeconds * 1000 });
    state.refreshTokens.set(refresh, clientId);
    return json(200, {
      access_token: access,
      refresh_token: refresh,
      expires_in: state.tokenLifetimeSeconds,
      token_type: 'bearer',
    });
  };

  const oauthError = (status: number, error: string, description: string) =>
    json(status, { error, error_description: description });

  // ---- OAuth2 ----
  router.on('GET', '/login', (req) => {
    const clientId = req.query.get('client_id');
    const redirectUri = req.query.get('redirect_uri');
    const htmlError = (message: string) => ({
      status: 400,
      raw: `<!doctype html><title>Procountor sign-in</title><p>${message}</p>`,
      headers: { 'Content-Type': 'text/html; charset=utf-8' },
    });
    if (req.query.get('response_type') !== 'code') return htmlError('response_type must be "code".');
    if (clientId !== PROCOUNTOR_SANDBOX.clientId) return htmlError('Unknown client_id.');
    if (!redirectUri) return htmlError('redirect_uri is missing.');
    let target: URL;
    try {
      target = new URL(redirectUri);
    } catch {
      return htmlError('redirect_uri is not a URL.');
    }
    if (target.search) return htmlError('redirect_uri must be a clean URL without a query string.');
    const code = token('code');
    state.codes.set(code, { clientId, redirectUri });
    target.searchParams.set('code', code);
    const stateParam = req.query.get('state');
    if (stateParam !== null) target.searchParams.set('state', stateParam);
    return { status: 302, headers: { Location: target.toString() }, raw: '' };
  });

  router.on('POST', '/api/oauth/token', (req) => {
    const body = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, string>;
    let clientId = body.client_id;
    let clientSecret = body.client_secret;
    const basic = /^Basic\s+(.+)$/i.exec(String(req.headers.authorization ?? ''));
    if (basic) [clientId, clientSecret] = Buffer.from(basic[1]!, 'base64').toString('utf8').split(':');
    if (clientId !== PROCOUNTOR_SANDBOX.clientId || clientSecret !== PROCOUNTOR_SANDBOX.clientSecret) {
      return oauthError(401, 'invalid_client', 'Client authentication failed.');
    }
    switch (body.grant_type) {
      case 'authorization_code': {
        const entry = body.code ? state.codes.get(body.code) : undefined;
        if (!entry) return oauthError(400, 'invalid_grant', 'The authorization code is invalid or was already used.');
        state.codes.delete(body.code!);
        if (body.redirect_uri !== entry.redirectUri) {
          return oauthError(400, 'invalid_grant', 'redirect_uri does not match the one used at sign-in.');
        }
        return issueTokens(clientId);
      }
      case 'refresh_token': {
        const owner = body.refresh_token ? state.refreshTokens.get(body.refresh_token) : undefined;
        if (!owner || owner !== clientId) return oauthError(400, 'invalid_grant', 'Unknown refresh token.');
        return issueTokens(clientId);
      }
      case 'client_credentials': {
        if (body.api_key !== PROCOUNTOR_SANDBOX.apiKey) return oauthError(400, 'invalid_grant', 'Invalid api_key.');
        return issueTokens(clientId);
      }
      default:
        return oauthError(400, 'unsupported_grant_type', 'grant_type must be authorization_code, refresh_token or client_credentials.');
    }
  });

  // ---- API ----
  const api = (method: string, path: string, handler: (req: SandboxRequest) => ReturnType<typeof json>) =>
    router.on(method, `/api${path}`, (req) => {
      const clientId = authorize(req);
      if (!clientId) return errors(401, [{ message: 'Unauthorized: missing, invalid or expired access token.' }]);
      if (rate.over(clientId)) {
        return { ...errors(429, [{ message: 'Rate limit exceeded: 20 requests per second.' }]), headers: { 'Retry-After': '1' } };
      }
      if (req.method === 'POST' && (req.body === INVALID_JSON || typeof req.body !== 'object' || req.body === null)) {
        return badRequest([{ field: 'body', message: 'Request body must be a JSON object.' }]);
      }
      return handler(req);
    });

  api('GET', '/users', () => json(200, fullObject('User', state.fixed.user)));
  api('GET', '/company', () => json(200, fullObject('Company', state.fixed.company)));
  api('GET', '/bankaccounts', (req) => {
    const problems = pagingError(req);
    if (problems.length) return badRequest(problems);
    const { results, size, page, total } = pageOf(state.fixed.bankAccounts, req);
    return json(200, { results: results.map((a) => fullObject('CompanyBankAccountBasicInfo', a)), meta: { pageNumber: page, pageSize: size, resultCount: results.length, totalCount: total } });
  });
  api('GET', '/vats/default', () =>
    json(200, fullObject('VatInformation', {
      vatInformation: [
        { country: 'FINLAND', percentages: companyVatRates().map((vatPercent) => ({ vatPercent, sales: true, purchase: true })) },
      ],
      vatStatuses: SANDBOX_VAT_STATUSES,
    })),
  );
  api('GET', '/vats/settings', () => json(200, { unitPricesIncludeVatSales: false, unitPricesIncludeVatPurchase: false }));

  // Business partners
  api('GET', '/businesspartners', (req) => {
    const problems = pagingError(req);
    const type = req.query.get('type');
    if (type && !['CUSTOMER', 'SUPPLIER', 'PERSON'].includes(type)) {
      problems.push({ status: 400, field: 'type', message: `Unknown type "${type}".` });
    }
    const since = req.query.get('versionStartDate');
    if (since !== null && !isDateTime(since)) {
      problems.push({ status: 400, field: 'versionStartDate', message: 'versionStartDate must be a date-time such as 2016-08-31T00:00:00.' });
    }
    if (problems.length) return badRequest(problems);
    const identifier = searchParam(req, 'identifier').toLowerCase();
    const name = searchParam(req, 'name').toLowerCase();
    const active = req.query.get('active');
    const wantActive = active === null ? true : active === 'true';
    const order = req.query.get('orderById') === 'ASC' ? 1 : -1;
    // Inclusive, as for products (see procountorDateTime); a bound without seconds means :00.
    const from = since && since.length === 16 ? `${since}:00` : since;
    const matches = state.businesspartners
      .filter((p) => !type || p.type === type)
      .filter((p) => activeOf(p) === wantActive)
      .filter((p) => !from || String(p.version ?? '') >= from)
      .filter((p) => !identifier || String(p.invoicingInfo?.identifier ?? '').trim().toLowerCase() === identifier)
      .filter((p) => !name || String(p.name).toLowerCase().includes(name))
      .sort((a, b) => (a.id - b.id) * order)
      .map(basicPartner);
    const { results, size, page, total } = pageOf(matches, req);
    return json(200, { results, meta: { pageNumber: page, pageSize: size, resultCount: results.length, totalCount: total } });
  });

  api('GET', '/businesspartners/:id', (req) => byIds(state.businesspartners, req.params.id!, 'Partner', fullPartner));
  api('POST', '/businesspartners', (req) => {
    const problems = businessPartnerProblems(req.body);
    if (problems.length) return badRequest(problems);
    const partner = { ...req.body, id: state.nextId.partner++, version: procountorDateTime() };
    partner.registryInfo = { active: true, ...partner.registryInfo };
    partner.invoicingInfo = { customerNumber: String(partner.id), ...partner.invoicingInfo };
    state.businesspartners.push(partner);
    return json(200, fullPartner(partner));
  });

  // Products
  api('GET', '/products', (req) => {
    const problems = pagingError(req);
    const code = req.query.get('code') ?? '';
    if (code.length > 40) problems.push({ status: 400, field: 'code', message: 'code may be at most 40 characters.' });
    const previousId = req.query.get('previousId');
    if (previousId !== null && !/^\d+$/.test(previousId)) {
      problems.push({ status: 400, field: 'previousId', message: 'previousId must be a number.' });
    }
    const type = req.query.get('type');
    if (type && !['SALES', 'PURCHASE', 'TRAVEL'].includes(type)) {
      problems.push({ status: 400, field: 'type', message: `Unknown type "${type}".` });
    }
    const since = req.query.get('versionStartDate');
    if (since !== null && !isDateTime(since)) {
      problems.push({ status: 400, field: 'versionStartDate', message: 'versionStartDate must be a date-time such as 2018-08-13T00:00:00.' });
    }
    const byVersion = req.query.get('orderByVersion');
    if (byVersion !== null && !['ASC', 'DESC'].includes(byVersion)) {
      problems.push({ status: 400, field: 'orderByVersion', message: 'orderByVersion must be ASC or DESC.' });
    }
    if (problems.length) return badRequest(problems);
    const name = (req.query.get('name') ?? '').toLowerCase();
    const active = req.query.get('active');
    const size = Number(req.query.get('size') ?? 50);
    const desc = req.query.get('orderById') === 'DESC';
    const after = Number(previousId ?? 0);
    // Inclusive (see procountorDateTime); a bound without seconds means :00.
    const from = since && since.length === 16 ? `${since}:00` : since;
    const lowerCode = code.toLowerCase();
    const wanted = (p: Json) =>
      (type ? p.type === type : p.type === 'SALES' || p.type === 'PURCHASE') &&
      (active === null || p.active === (active === 'true')) &&
      (!from || String(p.version ?? '') >= from) &&
      (!lowerCode || String(p.code ?? '').toLowerCase().includes(lowerCode)) &&
      (!name || String(p.name).toLowerCase().includes(name));
    if (!desc && !byVersion) {
      // The common case, a page in id order after previousId: state.products is kept in id order (ids only grow and
      // removal splices), so the page starts at a binary search and only the rest of the list is filtered.
      let lo = 0;
      let hi = state.products.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (state.products[mid]!.id <= after) lo = mid + 1;
        else hi = mid;
      }
      const results: Json[] = [];
      let totalCount = 0;
      for (let i = lo; i < state.products.length; i++) {
        const p = state.products[i]!;
        if (!wanted(p)) continue;
        totalCount++;
        if (results.length < size) results.push(fullProduct(p));
      }
      return json(200, { results, meta: { pageNumber: 0, pageSize: size, resultCount: results.length, totalCount } });
    }
    const matches = state.products
      .filter(wanted)
      .sort((a, b) => (desc ? b.id - a.id : a.id - b.id))
      .filter((p) => !after || (desc ? p.id < after : p.id > after));
    // Version order with ids breaking ties; previousId still pages by id, as Procountor documents no other cursor.
    if (byVersion) {
      const sign = byVersion === 'DESC' ? -1 : 1;
      matches.sort((a, b) => sign * (String(a.version ?? '').localeCompare(String(b.version ?? '')) || a.id - b.id));
    }
    const results = matches.slice(0, size).map(fullProduct);
    return json(200, { results, meta: { pageNumber: 0, pageSize: size, resultCount: results.length, totalCount: matches.length } });
  });
  api('GET', '/products/:id', (req) => byIds(state.products, req.params.id!, 'Product', fullProduct));
  api('POST', '/products', (req) => {
    const problems = productProblems(req.body, company);
    if (problems.length) return badRequest(problems);
    const product = { ...req.body, id: state.nextId.product++, version: procountorDateTime() };
    state.products.push(product);
    return json(200, fullProduct(product));
  });

  // Invoices
  api('GET', '/invoices', (req) => {
    const problems = pagingError(req);
    const invoiceNumber = req.query.get('invoiceNumber');
    if (invoiceNumber !== null && !/^\d+$/.test(invoiceNumber)) {
      problems.push({ status: 400, field: 'invoiceNumber', message: 'invoiceNumber must be a number.' });
    }
    // `status` is one invoice status (only `types` is published as comma-separated).
    const statusParam = req.query.get('status');
    if (statusParam !== null && !INVOICE_STATUSES.includes(statusParam)) {
      problems.push({ status: 400, field: 'status', message: `Unknown invoice status "${statusParam}".` });
    }
    const versionStart = req.query.get('versionStartDate');
    if (versionStart !== null && !isDateTime(versionStart)) {
      problems.push({ status: 400, field: 'versionStartDate', message: 'versionStartDate must be a date-time YYYY-MM-DDTHH:MM:SS.' });
    }
    const orderByVersion = req.query.get('orderByVersion');
    if (orderByVersion !== null && !['ASC', 'DESC'].includes(orderByVersion)) {
      problems.push({ status: 400, field: 'orderByVersion', message: 'orderByVersion must be ASC or DESC.' });
    }
    if (problems.length) return badRequest(problems);
    const versionOf = (inv: Json) => String(inv.version ?? '').slice(0, 19);
    const types = req.query.get('types')?.split(',').filter(Boolean);
    const status = req.query.get('status');
    const partnerId = req.query.get('businessPartnerId');
    const term = (req.query.get('searchTerm') ?? '').toLowerCase();
    const matches = state.invoices
      .filter((inv) => !types?.length || types.includes(inv.type))
      .filter((inv) => !status || inv.status === status)
      .filter((inv) => !partnerId || inv.partnerId === Number(partnerId))
      .filter((inv) => !invoiceNumber || inv.invoiceNumber === Number(invoiceNumber))
      .filter((inv) => !versionStart || versionOf(inv) >= versionStart.padEnd(19, ':00').slice(0, 19))
      .filter(
        (inv) =>
          !term ||
          String(inv.counterParty?.counterPartyAddress?.name ?? '').toLowerCase().includes(term) ||
          String(inv.invoiceNumber).includes(term) ||
          String(inv.additionalInformation ?? '').toLowerCase().includes(term),
      )
      .sort((a, b) => (req.query.get('orderById') === 'ASC' ? a.id - b.id : b.id - a.id))
      .sort((a, b) => (!orderByVersion ? 0 : (orderByVersion === 'ASC' ? 1 : -1) * versionOf(a).localeCompare(versionOf(b))))
      .map((inv) => basicInvoice(inv, options.unnumberedUnfinished));
    const { results, size, page, total } = pageOf(matches, req);
    return json(200, { results, meta: { pageNumber: page, pageSize: size, resultCount: results.length, totalCount: total } });
  });
  api('GET', '/invoices/:id', (req) => byIds(state.invoices, req.params.id!, 'Invoice', (inv) => fullInvoice(inv, options.unnumberedUnfinished)));
  api('POST', '/invoices', (req) => {
    const body = req.body as Json;
    const problems = invoiceProblems(body, company);
    if (body.type !== undefined && body.type !== 'SALES_INVOICE') {
      problems.push({ status: 400, field: 'type', message: 'The sandbox creates SALES_INVOICE invoices only.' });
    }
    if (problems.length) return badRequest(problems);
    const paymentInfo = { ...body.paymentInfo };
    if (paymentInfo.bankReferenceCode === '') {
      paymentInfo.bankReferenceCode = withReferenceCheckDigit(String(state.nextId.reference++));
      paymentInfo.bankReferenceCodeType = 'FI';
    }
    const invoice: Json = {
      ...body,
      paymentInfo,
      id: state.nextId.invoice++,
      invoiceNumber: state.nextId.invoiceNumber++,
      status: 'UNFINISHED',
      created: procountorDateTime(),
      version: procountorDateTime(),
    };
    invoice.invoiceSumInfo = [{ currency: paymentInfo.currency, inAccountingCurrency: true, ...invoiceTotals(invoice) }];
    state.invoices.push(invoice);
    return json(200, fullInvoice(invoice, options.unnumberedUnfinished));
  });

  // PUT /invoices/{id}/approve: an Unfinished sales invoice becomes Not sent; any other status is a 403 "invalid
  // invoice status" (Response 403: "Insufficient user rights or invalid invoice status").
  api('PUT', '/invoices/:id/approve', (req) => {
    const invoice = state.invoices.find((inv) => inv.id === Number(req.params.id));
    if (!invoice) return errors(404, [{ message: 'Invoice not found.' }]);
    if (invoice.status !== 'UNFINISHED') {
      return errors(403, [{ field: 'status', message: `Invalid invoice status ${invoice.status}: only an UNFINISHED invoice can be approved.` }]);
    }
    invoice.status = 'NOT_SENT';
    invoice.version = nextVersion(invoice.version);
    return json(200, { message: 'The invoice was successfully approved.' });
  });

  // PUT /invoices/{id}/send: "Supports sales invoices. Only invoices with status as 'NOT_SENT' and 'SENT' can be send."
  api('PUT', '/invoices/:id/send', (req) => {
    const invoice = state.invoices.find((inv) => inv.id === Number(req.params.id));
    if (!invoice) return errors(404, [{ message: 'Invoice not found.' }]);
    if (invoice.type !== 'SALES_INVOICE') return errors(403, [{ field: 'type', message: 'Not supported invoice type.' }]);
    if (invoice.status !== 'NOT_SENT' && invoice.status !== 'SENT') {
      return errors(403, [{ field: 'status', message: `Invalid invoice status ${invoice.status}: only NOT_SENT or SENT invoices can be sent.` }]);
    }
    invoice.status = 'SENT';
    invoice.version = nextVersion(invoice.version);
    return json(200, { message: 'Request to send the invoice processed correctly.' });
  });

  // ---- Test controls ----
  // A payment arrives for a sent invoice: PAID when the payments cover the total, else PARTLY_PAID.
  router.on('POST', '/_sandbox/invoices/:id/paid', (req) => {
    const invoice = state.invoices.find((inv) => inv.id === Number(req.params.id));
    if (!invoice) return errors(404, [{ message: 'Invoice not found.' }]);
    const total = Number(invoice.invoiceSumInfo?.[0]?.invoiceSumTotal ?? 0);
    const paid = (state.payments.get(invoice.id) ?? []).reduce((sum, a) => sum + a, 0);
    const body = (req.body && typeof req.body === 'object' ? req.body : {}) as { amount?: unknown };
    const amount = body.amount === undefined ? round2(total - paid) : Number(body.amount);
    if (!Number.isFinite(amount) || amount <= 0) return errors(400, [{ field: 'amount', message: 'amount must be a number above zero.' }]);
    state.payments.set(invoice.id, [...(state.payments.get(invoice.id) ?? []), amount]);
    const paidNow = round2(paid + amount);
    invoice.status = paidNow >= total ? 'PAID' : 'PARTLY_PAID';
    invoice.paymentDate = procountorDateTime().slice(0, 10);
    invoice.version = nextVersion(invoice.version);
    return json(200, { id: invoice.id, status: invoice.status, paid: paidNow, total, version: invoice.version });
  });
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
  router.on('POST', '/_sandbox/seed', (req) => {
    const body = (req.body ?? {}) as { businesspartners?: Json[]; products?: Json[] };
    const added = { businesspartners: [] as Json[], products: [] as Json[] };
    for (const p of body.businesspartners ?? []) {
      const partner: Json = { paymentInfo: { paymentMethod: 'BANK_TRANSFER' }, type: 'CUSTOMER', version: procountorDateTime(), ...p, id: state.nextId.partner++ };
      partner.registryInfo = { active: true, ...partner.registryInfo };
      state.businesspartners.push(partner);
      added.businesspartners.push(partner);
    }
    for (const p of body.products ?? []) {
      const product = { type: 'SALES', discount: 0, active: true, currency: 'EUR', unit: 'PIECE', version: procountorDateTime(), ...p, id: state.nextId.product++ };
      state.products.push(product);
      added.products.push(product);
    }
    return json(200, added);
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
  router.on('POST', '/_sandbox/faults', (req) => {
    const body = (req.body ?? {}) as Fault & { unnumberedUnfinished?: boolean; expireTokens?: boolean; tokenLifetimeSeconds?: number; clear?: boolean; rateLimitPerSecond?: number | null };
    if (body.clear) faults.clear();
    if (body.unnumberedUnfinished !== undefined) options.unnumberedUnfinished = body.unnumberedUnfinished;
    if (body.rateLimitPerSecond !== undefined) rate.limit = body.rateLimitPerSecond;
    if (body.expireTokens) for (const entry of state.accessTokens.values()) entry.expiresAt = 0;
    if (body.tokenLifetimeSeconds !== undefined) state.tokenLifetimeSeconds = body.tokenLifetimeSeconds;
    if (body.status !== undefined || body.drop || body.dropAfter || body.latencyMs !== undefined) faults.arm(body);
    return json(200, { ok: true });
  });
  router.on('GET', '/_sandbox/stats', () => {
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
  });
  router.on('POST', '/_sandbox/stats/reset', () => {
    state.requestLog = [];
    rate.reset();
    return json(200, { ok: true });
  });

  return {
    state,
    faults,
    /** Every token and secret this sandbox has handed out or knows, for tests that look for leaks. */
    issuedSecrets: () => [PROCOUNTOR_SANDBOX.clientSecret, PROCOUNTOR_SANDBOX.apiKey, ...state.accessTokens.keys(), ...state.refreshTokens.keys(), ...state.codes.keys()],
    start: (port = PROCOUNTOR_SANDBOX.defaultPort) =>
      serve({
        port,
        router,
        faults,
        isControl: (path) => path.startsWith('/_sandbox/'),
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
