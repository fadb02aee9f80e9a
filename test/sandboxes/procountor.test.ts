// The Procountor sandbox, checked against Procountor's published API (reference/), not the app's client.
import { isValidFinnishReference } from '../../sandboxes/procountor/reference';
import { REDIRECT_URI, sandboxTokens, signInCode, tokenRequest, bankTransferPayment, procountorApiForEachTest } from '../support/procountorSandbox';

const api = procountorApiForEachTest();
const call = api.call;
const creds = { client_id: 'sandbox-client', client_secret: 'sandbox-secret' };

const validInvoice = (over: Record<string, unknown> = {}) => ({
  type: 'SALES_INVOICE',
  date: '2026-11-24',
  counterParty: { counterPartyAddress: { name: 'Asiakas Oy' } },
  paymentInfo: { ...bankTransferPayment },
  extraInfo: { accountingByRow: false, unitPricesIncludeVat: false },
  discountPercent: 0,
  invoiceChannel: 'EMAIL',
  language: 'FINNISH',
  vatStatus: 1,
  invoiceRows: [{ product: 'Design sprint', quantity: 2, unit: 'WEEK', unitPrice: 4800, discountPercent: 10, vatPercent: 25.5 }],
  ...over,
});

describe('OAuth2', () => {
  it('redirects /login to the redirect URI with a one-time code and the same state', async () => {
    const { code, state } = await signInCode(api.sandbox.base, 'abc123');
    expect(code).toMatch(/^code_/);
    expect(state).toBe('abc123');
  });

  it('refuses an unknown client or a missing redirect URI without redirecting', async () => {
    const unknown = await fetch(`${api.sandbox.base}/login?response_type=code&client_id=nope&redirect_uri=${encodeURIComponent(REDIRECT_URI)}`, {
      redirect: 'manual',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get('location')).toBeNull();
    const missing = await fetch(`${api.sandbox.base}/login?response_type=code&client_id=sandbox-client`, { redirect: 'manual' });
    expect(missing.status).toBe(400);
  });

  it('exchanges a code once; a reused code or a wrong secret gets an OAuth2 error body', async () => {
    const { code } = await signInCode(api.sandbox.base);
    const first = await tokenRequest(api.sandbox.base, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, ...creds });
    expect(first.status).toBe(200);
    expect(first.body).toEqual(expect.objectContaining({ token_type: 'bearer', expires_in: 3600 }));
    expect(first.body.access_token).toBeTruthy();
    const again = await tokenRequest(api.sandbox.base, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, ...creds });
    expect(again).toEqual({ status: 400, body: expect.objectContaining({ error: 'invalid_grant' }) });
    const { code: code2 } = await signInCode(api.sandbox.base);
    const wrong = await tokenRequest(api.sandbox.base, {
      grant_type: 'authorization_code',
      code: code2,
      redirect_uri: REDIRECT_URI,
      client_id: 'sandbox-client',
      client_secret: 'x',
    });
    expect(wrong.body.error).toBe('invalid_client');
  });

  it('refreshes with a known refresh token and refuses an unknown one', async () => {
    const tokens = await sandboxTokens(api.sandbox.base);
    const refreshed = await tokenRequest(api.sandbox.base, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token, ...creds });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.access_token).not.toBe(tokens.access_token);
    const unknown = await tokenRequest(api.sandbox.base, { grant_type: 'refresh_token', refresh_token: 'prt_unknown', ...creds });
    expect(unknown.body.error).toBe('invalid_grant');
  });

  it('issues tokens for client_credentials with the API key', async () => {
    const ok = await tokenRequest(api.sandbox.base, { grant_type: 'client_credentials', api_key: 'sandbox-api-key', ...creds });
    expect(ok.status).toBe(200);
    const bad = await tokenRequest(api.sandbox.base, { grant_type: 'client_credentials', api_key: 'wrong', ...creds });
    expect(bad.status).toBe(400);
  });

  it('answers 401 to every API call without a valid bearer token, and after tokens expire', async () => {
    for (const path of ['/users', '/company', '/bankaccounts', '/vats/default', '/businesspartners', '/products', '/invoices']) {
      const response = await fetch(`${api.sandbox.api}${path}`);
      expect(response.status).toBe(401);
    }
    expect((await call('GET', '/users')).status).toBe(200);
    await api.sandbox.control('faults', { expireTokens: true });
    const expired = await call('GET', '/users');
    expect(expired.status).toBe(401);
    expect(expired.body.errors[0]).toEqual(expect.objectContaining({ status: 401 }));
  });
});

describe('reading the company', () => {
  it('serves the user, company, bank accounts and VAT rates', async () => {
    expect((await call('GET', '/users')).body).toEqual(expect.objectContaining({ username: 'sandbox.api', companyId: 1001 }));
    expect((await call('GET', '/company')).body).toEqual(expect.objectContaining({ id: 1001, name: 'Sandbox Oy' }));
    const accounts = (await call('GET', '/bankaccounts')).body;
    expect(accounts.results[0]).toEqual(expect.objectContaining({ iban: 'FI4250001510000023', currency: 'EUR' }));
    expect(accounts.meta).toEqual(expect.objectContaining({ totalCount: 2 }));
    const vats = (await call('GET', '/vats/default')).body;
    expect(vats.vatInformation[0].percentages.map((v: any) => v.vatPercent)).toEqual([25.5, 13.5, 10, 0]);
    expect((await call('GET', '/vats/settings')).body).toEqual({ unitPricesIncludeVatSales: false, unitPricesIncludeVatPurchase: false });
  });
});

describe("the company's exchange rate setting", () => {
  it('answers currencyRateSearchDensity null until Basic company info sets it, then as set', async () => {
    expect((await call('GET', '/company')).body.currencyRateSearchDensity).toBeNull();
    await api.sandbox.control('company', { currencyRateSearchDensity: 'DAILY_EXCHANGE_RATE' });
    expect((await call('GET', '/company')).body).toEqual(expect.objectContaining({ companyCurrency: 'EUR', currencyRateSearchDensity: 'DAILY_EXCHANGE_RATE' }));
  });

  it('refuses a setting Procountor does not publish, keeping the one it had', async () => {
    const refused = await fetch(`${api.sandbox.base}/_sandbox/company`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"currencyRateSearchDensity":"WEEKLY"}',
    });
    expect(refused.status).toBe(400);
    expect((await call('GET', '/company')).body.currencyRateSearchDensity).toBeNull();
  });
});

describe('business partners', () => {
  const partner = (over: Record<string, unknown> = {}) => ({
    name: 'Asiakas Oy',
    type: 'CUSTOMER',
    address: { name: 'Asiakas Oy', street: 'Mannerheimintie 1', zip: '00100', city: 'Helsinki', country: 'FINLAND' },
    paymentInfo: { paymentMethod: 'BANK_TRANSFER' },
    invoicingInfo: { identifier: '0737546-2', identifierType: 'YHD' },
    ...over,
  });

  it('creates a partner and finds it by the identifier header, the name header, or as query parameters', async () => {
    const created = await call('POST', '/businesspartners', partner());
    expect(created.status).toBe(200);
    expect(created.body.id).toEqual(expect.any(Number));
    const byHeader = await call('GET', '/businesspartners?type=CUSTOMER', undefined, { identifier: '0737546-2' });
    expect(byHeader.body.results.map((r: any) => r.id)).toEqual([created.body.id]);
    const byQuery = await call('GET', '/businesspartners?type=CUSTOMER&identifier=0737546-2');
    expect(byQuery.body.results).toHaveLength(1);
    const byName = await call('GET', '/businesspartners', undefined, { name: 'asiakas' });
    expect(byName.body.results).toHaveLength(1);
    const otherSpelling = await call('GET', '/businesspartners', undefined, { identifier: 'FI07375462' });
    expect(otherSpelling.body.results).toHaveLength(0);
    const twoIds = await call('GET', `/businesspartners/${created.body.id},${created.body.id}`);
    expect(twoIds.body).toHaveLength(2);
  });

  it('answers the partners changed at or after versionStartDate (inclusive), active unless asked otherwise', async () => {
    const [old] = (await api.sandbox.control('seed', { businesspartners: [{ name: 'Vanha Oy', version: '2026-01-01T10:00:00' }] })).businesspartners;
    await api.sandbox.control('seed', { businesspartners: [{ name: 'Passiivinen Oy', version: '2026-03-01T10:00:00', registryInfo: { active: false } }] });
    const [recent] = (await api.sandbox.control('seed', { businesspartners: [{ name: 'Uusi Oy', version: '2026-03-01T10:00:00' }] })).businesspartners;
    const since = async (query: string) => (await call('GET', `/businesspartners?type=CUSTOMER&${query}`)).body.results.map((r: any) => r.name);
    expect(await since('versionStartDate=2026-03-01T10:00:00')).toEqual(['Uusi Oy']);
    expect(await since('versionStartDate=2026-03-01T10:00:00&active=false')).toEqual(['Passiivinen Oy']);
    expect(await since('versionStartDate=2026-01-01T10:00&orderById=ASC')).toEqual(['Vanha Oy', 'Uusi Oy']);
    await api.sandbox.control(`businesspartners/${old.id}`, { patch: { name: 'Vanha Oy (muutettu)' } });
    expect(await since('versionStartDate=2026-03-01T10:00:01')).toEqual(['Vanha Oy (muutettu)']);
    expect(recent.version).toBe('2026-03-01T10:00:00');
    const bad = await call('GET', '/businesspartners?versionStartDate=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('versionStartDate');
  });

  it('rejects a missing required field, an unknown enum and a too-long name with the field named', async () => {
    const missing = await call('POST', '/businesspartners', { name: 'X', type: 'CUSTOMER' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ status: 400, field: 'paymentInfo' })]));
    const badEnum = await call('POST', '/businesspartners', partner({ type: 'CLIENT' }));
    expect(badEnum.body.errors[0].field).toBe('type');
    const long = await call('POST', '/businesspartners', partner({ name: 'x'.repeat(81) }));
    expect(long.body.errors[0]).toEqual(expect.objectContaining({ field: 'name', message: expect.stringContaining('FIELD_TOO_LONG') }));
  });

  it('pages with size and page, and refuses a size over 200', async () => {
    for (let i = 0; i < 5; i++) await call('POST', '/businesspartners', partner({ name: `Firm ${i}` }));
    const page1 = await call('GET', '/businesspartners?size=2&page=1&orderById=ASC');
    expect(page1.body.results.map((r: any) => r.name)).toEqual(['Firm 2', 'Firm 3']);
    expect(page1.body.meta).toEqual({ pageNumber: 1, pageSize: 2, resultCount: 2, totalCount: 5 });
    expect((await call('GET', '/businesspartners?size=201')).body.errors[0].field).toBe('size');
  });
});

describe('products', () => {
  it('filters by code and name substrings and pages with previousId', async () => {
    await api.sandbox.control('seed', {
      products: Array.from({ length: 7 }, (_, i) => ({ name: `Item ${i}`, code: `IT-${i}`, price: 10 })),
    });
    const first = await call('GET', '/products?type=SALES&size=3');
    expect(first.body.results).toHaveLength(3);
    const next = await call('GET', `/products?type=SALES&size=3&previousId=${first.body.results[2].id}`);
    expect(next.body.results[0].id).toBeGreaterThan(first.body.results[2].id);
    expect((await call('GET', '/products?code=it-4')).body.results.map((r: any) => r.name)).toEqual(['Item 4']);
    expect((await call('GET', '/products?name=ITEM 5')).body.results).toHaveLength(1);
  });

  it('rejects a product with an unknown unit or a VAT the company does not use', async () => {
    const base = { type: 'SALES', name: 'Thing', discount: 0, price: 5, active: true, currency: 'EUR' };
    expect((await call('POST', '/products', { ...base, unit: 'PIECE', vat: 25.5 })).status).toBe(200);
    expect((await call('POST', '/products', { ...base, unit: 'KPL' })).body.errors[0].field).toBe('unit');
    expect((await call('POST', '/products', { ...base, vat: 23 })).body.errors[0].field).toBe('vat');
  });
});

describe('invoices', () => {
  it('creates an UNFINISHED invoice with a generated, valid Finnish reference number and totals', async () => {
    const created = await call('POST', '/invoices', validInvoice({ status: 'SENT' }));
    expect(created.status).toBe(200);
    expect(created.body.status).toBe('UNFINISHED');
    expect(isValidFinnishReference(created.body.paymentInfo.bankReferenceCode)).toBe(true);
    expect(created.body.invoiceSumInfo[0]).toEqual(expect.objectContaining({ excludingVatTotal: 8640, vatSumTotal: 2203.2, invoiceSumTotal: 10843.2 }));
    const found = await call('GET', `/invoices?types=SALES_INVOICE&searchTerm=asiakas`);
    expect(found.body.results[0]).toEqual(expect.objectContaining({ id: created.body.id, status: 'UNFINISHED' }));
  });

  it('keeps a unit price with its decimals (InvoiceRow.unitPrice is published as a number, no scale) and totals the row from it', async () => {
    const row = { ...validInvoice().invoiceRows[0], quantity: 1000, unitPrice: 8.0645, discountPercent: 0 };
    const created = await call('POST', '/invoices', validInvoice({ invoiceRows: [row] }));
    expect(created.body.invoiceRows[0].unitPrice).toBe(8.0645);
    // Rounded to the cent first, the row would total 8,060.00.
    expect(created.body.invoiceSumInfo[0].excludingVatTotal).toBe(8064.5);
  });

  it('leaves the reference empty when bankReferenceCode is omitted', async () => {
    const info = { ...validInvoice().paymentInfo } as Record<string, unknown>;
    delete info.bankReferenceCode;
    const created = await call('POST', '/invoices', validInvoice({ paymentInfo: info }));
    // Procountor answers every field; an empty one is null.
    expect(created.body.paymentInfo.bankReferenceCode).toBeNull();
  });

  it.each([
    ['a due date before the invoice date', { paymentInfo: { ...validInvoice().paymentInfo, dueDate: '2026-11-01' } }, 'paymentInfo.dueDate'],
    ['a VAT percent the company does not use', { invoiceRows: [{ ...validInvoice().invoiceRows[0], vatPercent: 24 }] }, 'invoiceRows[0].vatPercent'],
    ['a partnerId that does not exist', { partnerId: 424242 }, 'partnerId'],
    ['an unknown invoice channel', { invoiceChannel: 'FAX' }, 'invoiceChannel'],
    ['no rows', { invoiceRows: [] }, 'invoiceRows'],
    ['a missing counter party', { counterParty: undefined }, 'counterParty'],
  ])('rejects %s with the field named', async (_what, over, field) => {
    const response = await call('POST', '/invoices', validInvoice(over));
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: any) => e.field)).toContain(field);
  });

  it('accepts the old rates 24 and 14 only for dates before 2026', async () => {
    const row = { ...validInvoice().invoiceRows[0], vatPercent: 24 };
    const old = await call(
      'POST',
      '/invoices',
      validInvoice({ date: '2025-06-02', paymentInfo: { ...validInvoice().paymentInfo, dueDate: '2025-06-16' }, invoiceRows: [row] }),
    );
    expect(old.status).toBe(200);
  });
});

describe('limits and faults', () => {
  it('answers 429 with Retry-After past 20 requests a second, and counts them', async () => {
    const answers = await Promise.all(Array.from({ length: 30 }, () => call('GET', '/users')));
    const limited = answers.filter((a) => a.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(10);
    expect(limited[0]!.headers.get('retry-after')).toBe('1');
    expect((await api.sandbox.control('stats')).rateLimited).toBe(limited.length);
  });

  // Procountor publishes its limit per API client ("20 requests/s per client", reference/procountor-endpoints-26.04.md),
  // and every company that connects this app signs in through the same client: its tokens share one window.
  it('limits all tokens of one API client together: 12 requests on each of two tokens get 429s', async () => {
    const other = (await sandboxTokens(api.sandbox.base)).access_token;
    const asOther = (path: string) => fetch(`${api.sandbox.api}${path}`, { headers: { Authorization: `Bearer ${other}` } }).then((r) => r.status);
    const statuses = await Promise.all([
      ...Array.from({ length: 12 }, () => call('GET', '/users').then((a) => a.status)),
      ...Array.from({ length: 12 }, () => asOther('/users')),
    ]);
    // A limit kept per token (the counter-example) would let both tokens' 12 through.
    expect(statuses.filter((s) => s === 429)).toHaveLength(4);
    expect(statuses.filter((s) => s === 200)).toHaveLength(20);
  });

  it('fails the next N requests with an injected status, then recovers', async () => {
    await api.sandbox.control('faults', { status: 503, count: 2 });
    expect((await call('GET', '/users')).status).toBe(503);
    expect((await call('GET', '/users')).status).toBe(503);
    expect((await call('GET', '/users')).status).toBe(200);
    await api.sandbox.control('faults', { status: 429, count: 1, retryAfter: 3, path: '/api/products' });
    expect((await call('GET', '/users')).status).toBe(200);
    const throttled = await call('GET', '/products');
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('3');
  });

  it('drops a connection and adds latency on request', async () => {
    await api.sandbox.control('faults', { drop: true, count: 1 });
    await expect(call('GET', '/users')).rejects.toThrow();
    await api.sandbox.control('faults', { latencyMs: 120 });
    const started = Date.now();
    await call('GET', '/users');
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    await api.sandbox.control('faults', { latencyMs: 0 });
  });

  it('returns full objects from /_sandbox/state and empties them on reset', async () => {
    expect((await call('POST', '/invoices', validInvoice())).status).toBe(200);
    expect((await api.sandbox.control('state')).invoices).toHaveLength(1);
    await api.sandbox.control('reset', {});
    expect(await api.sandbox.control('state')).toEqual({ businesspartners: [], products: [], invoices: [] });
  });
});

describe('VAT statuses, as Procountor publishes them', () => {
  it("lists Procountor's published example statuses and one EU services status of its own", async () => {
    const { body } = await call('GET', '/vats/default');
    expect(body.vatStatuses.map((s: any) => [s.vatStatus, s.description])).toEqual([
      [1, 'Domestic'],
      [3, 'Outside of the EU'],
      [5, 'EU community sales (product)'],
      [12, 'No VAT handling'],
      [19, 'EU community sales (service)'],
    ]);
  });

  it("refuses an invoice or a row whose status is not one of the company's sales statuses", async () => {
    expect((await call('POST', '/invoices', validInvoice({ vatStatus: 2 }))).body.errors[0].field).toBe('vatStatus');
    const row = await call('POST', '/invoices', validInvoice({ invoiceRows: [{ ...validInvoice().invoiceRows[0], vatStatus: 2 }] }));
    expect(row.body.errors.map((e: any) => e.field)).toContain('invoiceRows[0].vatStatus');
  });

  it('refuses VAT on a row whose status, its own or the invoice one, is not Domestic, and takes 0 % there', async () => {
    const zeroRow = { ...validInvoice().invoiceRows[0], vatPercent: 0 };
    expect((await call('POST', '/invoices', validInvoice({ vatStatus: 19 }))).body.errors[0].field).toBe('invoiceRows[0].vatPercent');
    expect((await call('POST', '/invoices', validInvoice({ vatStatus: 19, invoiceRows: [zeroRow] }))).status).toBe(200);
    const mixed = validInvoice({ vatStatus: 19, invoiceRows: [zeroRow, { ...validInvoice().invoiceRows[0], vatStatus: 1 }] });
    expect((await call('POST', '/invoices', mixed)).status).toBe(200);
  });

  it('lets a control change the company statuses, as another company would list them', async () => {
    await api.sandbox.control('company', { vatStatuses: [{ vatStatus: 1, description: 'Kotimaa' }] });
    expect((await call('GET', '/vats/default')).body.vatStatuses).toEqual([{ vatStatus: 1, description: 'Kotimaa', sales: true, purchase: false }]);
    expect((await call('POST', '/invoices', validInvoice({ vatStatus: 5 }))).status).toBe(400);
  });
});

describe('currencies and exchange rates', () => {
  const rate = (query: string) => call('GET', `/currencies/exchangerate?${query}`);

  it('answers the company currency, which a control can change to another one Procountor publishes', async () => {
    expect((await call('GET', '/currencies/company')).body).toEqual({ companyCurrency: 'EUR' });
    await api.sandbox.control('company', { currency: 'SEK' });
    expect((await call('GET', '/currencies/company')).body).toEqual({ companyCurrency: 'SEK' });
    expect(
      (await fetch(`${api.sandbox.base}/_sandbox/company`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"currency":"USD"}' }))
        .status,
    ).toBe(400);
  });

  it('answers a rate for a day and rate type, 400 for a missing or invalid parameter, 404 for a currency without a rate', async () => {
    const sek = await rate('baseCurrency=EUR&currency=SEK&day=2026-11-24&rateType=PROCOUNTOR_ACCOUNTING_EXCHANGE_RATE');
    expect(sek).toEqual(expect.objectContaining({ status: 200, body: { queryDay: '2026-11-24', currency: 'SEK', day: '2026-11-24', rate: 11.2 } }));
    expect((await rate('baseCurrency=EUR&currency=SEK&day=2026-11-24')).body.errors[0].field).toBe('rateType');
    expect((await rate('baseCurrency=EUR&currency=SEK&day=2026-11-24&rateType=TODAYS')).status).toBe(400);
    expect((await rate('baseCurrency=EUR&currency=SEK&day=24.11.2026&rateType=CASH_BUYING_RATE')).status).toBe(400);
    expect((await rate('baseCurrency=EUR&currency=ISK&day=2026-11-24&rateType=PROCOUNTOR_ACCOUNTING_EXCHANGE_RATE')).status).toBe(404);
  });

  it('lists the latest rates for the company base currency by rate type 1-6, and refuses another type', async () => {
    const latest = await call('GET', '/currencies/latest?rateType=3');
    expect(latest.body.baseCurrency).toBe('EUR');
    expect(latest.body.rates).toContainEqual({ currencyCode: 'SEK', currencyRate: 11.3344 });
    expect((await call('GET', '/currencies/latest?rateType=7')).status).toBe(400);
    expect((await call('GET', '/currencies')).body.currencies).toContain('SEK');
  });

  it('takes rate 1 only in the company currency, and answers a foreign invoice sums in both currencies', async () => {
    expect((await call('POST', '/invoices', validInvoice({ paymentInfo: { ...bankTransferPayment, currencyRate: 11.2 } }))).body.errors[0].field).toBe(
      'paymentInfo.currencyRate',
    );
    const sek = await call('POST', '/invoices', validInvoice({ paymentInfo: { ...bankTransferPayment, currency: 'SEK', currencyRate: 11.2 } }));
    expect(sek.body.invoiceSumInfo).toEqual([
      { currency: 'SEK', inAccountingCurrency: false, excludingVatTotal: 8640, vatSumTotal: 2203.2, invoiceSumTotal: 10843.2 },
      { currency: 'EUR', inAccountingCurrency: true, excludingVatTotal: 771.43, vatSumTotal: 196.71, invoiceSumTotal: 968.14 },
    ]);
  });
});

describe('the status flow of a No-sending invoice', () => {
  it('approves it as APPROVED, which cannot be sent (403)', async () => {
    const { body } = await call('POST', '/invoices', validInvoice({ invoiceChannel: 'NO_SENDING' }));
    expect((await call('PUT', `/invoices/${body.id}/approve`)).status).toBe(200);
    expect((await call('GET', `/invoices/${body.id}`)).body.status).toBe('APPROVED');
    expect((await call('PUT', `/invoices/${body.id}/send`)).status).toBe(403);
  });
});
