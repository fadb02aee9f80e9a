// The baseline the app is measured against: the same invoice from a contract, written the obvious way against the two
// published APIs, one request after another, nothing cached, nothing in parallel, no index. It is the benchmark's own
// code, not the app's: it reaches the app's runtime only through the `z` Zapier hands every step, as any action would.
// Like the app, it keeps to Procountor's rate limit (at most 15 request starts in any 1.1 s), so the figures compare
// the way the work is done, not who breaks the limit.
import type { Bundle, ZObject } from 'zapier-platform-core';

type Json = Record<string, any>;

const PAGE = 200;
const PER_WINDOW = 15;
const WINDOW_MS = 1100;

/** The Helsinki business day, `YYYY-MM-DD`, and the same day `days` later. */
const helsinkiDay = (days = 0) => {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki' }).format(new Date());
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
};

const naiveProcountor = (z: ZObject, token: string) => {
  const starts: number[] = [];
  let requests = 0;
  const pace = async () => {
    for (;;) {
      const now = Date.now();
      while (starts.length && now - starts[0]! >= WINDOW_MS) starts.shift();
      if (starts.length < PER_WINDOW) return void starts.push(now);
      await new Promise((resolve) => setTimeout(resolve, WINDOW_MS - (now - starts[0]!) + 1));
    }
  };
  const call = async (method: string, path: string, options: { params?: Json; headers?: Json; body?: Json } = {}): Promise<any> => {
    await pace();
    requests++;
    const response = await z.request({
      url: `${process.env.PROCOUNTOR_API_URL}${path}`,
      method: method as 'GET',
      params: options.params,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...options.headers },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    return response.json;
  };
  return { call, requests: () => requests };
};

type Procountor = ReturnType<typeof naiveProcountor>;

const readContract = async (z: ZObject, bundle: Bundle, contractId: string) =>
  (
    await z.request({
      url: `${process.env.CLICK2CONTRACT_API_URL}/contracts/${encodeURIComponent(contractId)}`,
      headers: { Authorization: `Bearer ${bundle.authData.click2contract_api_key}` },
    })
  ).json as Json;

/** Each check reads what it needs when it needs it: the VAT rates for the lines, the bank account, the VAT status. */
const readCompany = async ({ call }: Procountor) => {
  await call('GET', '/vats/default');
  const { results: accounts } = await call('GET', '/bankaccounts', { params: { size: PAGE } });
  const { vatStatuses } = await call('GET', '/vats/default');
  const vatStatus = (vatStatuses as Json[]).find((s) => s.sales && /domestic/i.test(s.description ?? ''))?.vatStatus ?? 1;
  return { accounts: accounts as Json[], vatStatus };
};

const findOrCreatePartner = async ({ call }: Procountor, c: Json, address: Json) => {
  const { results: partners } = await call('GET', '/businesspartners', { params: { type: 'CUSTOMER', size: 50 }, headers: { identifier: c.business_id } });
  const partner =
    partners[0] ??
    (await call('POST', '/businesspartners', {
      body: {
        name: c.company_name,
        type: 'CUSTOMER',
        address,
        billingAddress: address,
        invoicingInfo: { identifier: c.business_id, identifierType: 'YHD', email: c.email, language: 'FINNISH', invoiceChannel: 'EMAIL' },
        paymentInfo: { paymentMethod: 'BANK_TRANSFER' },
      },
    }));
  if (partners[0]) await call('GET', `/businesspartners/${partner.id}`);
  return partner;
};

/** The product by exact code, else by exact name, else a new one. */
const findOrCreateProduct = async ({ call }: Procountor, item: Json) => {
  const search = { type: 'SALES', active: true, orderById: 'ASC', size: PAGE };
  const byCode = item.code ? (await call('GET', '/products', { params: { ...search, code: item.code } })).results : [];
  let product = byCode.find((p: Json) => p.code?.toLowerCase() === item.code.toLowerCase());
  if (!product) {
    const byName = (await call('GET', '/products', { params: { ...search, name: item.name } })).results;
    product = byName.find((p: Json) => p.name.toLowerCase() === item.name.toLowerCase());
  }
  product ??= await call('POST', '/products', {
    body: {
      type: 'SALES',
      name: item.name,
      code: item.code ?? undefined,
      unit: 'HOUR',
      price: item.unit_price,
      vat: item.vat_percent,
      discount: 0,
      active: true,
      currency: 'EUR',
    },
  });
  return product as Json;
};

const invoiceRow = (item: Json, product: Json) => ({
  productId: product.id,
  product: item.name,
  productCode: item.code ?? undefined,
  quantity: item.quantity,
  unit: product.unit ?? 'PIECE',
  unitPrice: item.unit_price,
  discountPercent: item.discount_percent ?? 0,
  vatPercent: item.vat_percent,
});

const invoiceBody = (contract: Json, partner: Json, company: Awaited<ReturnType<typeof readCompany>>, address: Json, rows: Json[], marker: string) => {
  const c = contract.customer as Json;
  return {
    type: 'SALES_INVOICE',
    partnerId: partner.id,
    date: helsinkiDay(),
    counterParty: { identifier: c.business_id, email: c.email, counterPartyAddress: address },
    billingAddress: address,
    paymentInfo: {
      paymentMethod: 'BANK_TRANSFER',
      currency: 'EUR',
      bankAccount: { accountNumber: company.accounts[0]!.iban },
      dueDate: helsinkiDay(14),
      currencyRate: 1,
      bankReferenceCode: '',
    },
    extraInfo: { accountingByRow: false, unitPricesIncludeVat: Boolean(contract.pricing_table.prices_include_vat) },
    discountPercent: 0,
    invoiceRows: rows,
    invoiceChannel: 'EMAIL',
    language: 'FINNISH',
    vatStatus: company.vatStatus,
    additionalInformation: `Contract ${contract.number}: ${contract.title} ${marker}`,
  };
};

export const naiveInvoice = async (z: ZObject, bundle: Bundle) => {
  const contractId = String(bundle.inputData.contract_id);
  const contract = await readContract(z, bundle, contractId);
  const procountor = naiveProcountor(z, String(bundle.authData.access_token));
  const marker = `[C2C:${contractId}]`;

  const { results: made } = await procountor.call('GET', '/invoices', { params: { types: 'SALES_INVOICE', searchTerm: marker, size: 50 } });
  if (made.length) return { id: made[0].id, requests: procountor.requests() };

  const company = await readCompany(procountor);
  const c = contract.customer as Json;
  const address = { name: c.company_name, street: c.address, zip: c.postal_code, city: c.city, country: 'FINLAND' };
  const partner = await findOrCreatePartner(procountor, c, address);
  const rows = [];
  for (const item of contract.pricing_table.items as Json[]) rows.push(invoiceRow(item, await findOrCreateProduct(procountor, item)));

  const invoice = await procountor.call('POST', '/invoices', { body: invoiceBody(contract, partner, company, address, rows, marker) });
  return { id: invoice.id, requests: procountor.requests() };
};
