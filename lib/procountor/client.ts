// The one Procountor client: paths, paging, headers and error handling live here and nowhere else.
import crypto from 'node:crypto';
import type { ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';
import { procountorApiUrl, procountorClientId, procountorRateLimit, stepDeadlineMs } from '../zapier/config';
import { callService, firstProblem, parseAnswer, type JsonService, type ServiceCall } from '../zapier/request';
import { SharedRequestBudget } from '../zapier/requestBudget';
import { retryAfterSeconds, retryLater } from '../zapier/errors';
import { startStep } from '../zapier/stepClock';
import { bindCompany, bindConnection, digestOf, RecentlyUsed } from '../zapier/connectionMemory';
import { procountorError, undefinedWhenMissing } from './errors';
import {
  AttachmentAnswer,
  AttachmentMeta,
  BankAccountSearchResult,
  BusinessPartner,
  BusinessPartnerAnswer,
  BusinessPartnerSearchResult,
  CataloguePage,
  Company,
  CurrencyExchangeRate,
  type ExchangeRateType,
  InfoMessage,
  Invoice,
  InvoiceAnswer,
  InvoiceSearchResult,
  InvoiceToCredit,
  MarkPaid,
  PaymentEvent,
  PaymentEventSearchResult,
  Product,
  ProductAnswer,
  PartnerIndexPage,
  ProductSearchResult,
  User,
  VatInformation,
  VatSettings,
} from './schemas';

/** Waiting out a 429 this short keeps the run going; anything longer is Zapier's to retry. */
const SHORT_RETRY_SECONDS = 2;

/** Procountor's largest page. */
export const MAX_PAGE_SIZE = 200;

type Query = NonNullable<ServiceCall['params']>;
type Call = ServiceCall & { method: 'GET' | 'POST' | 'PUT' };

export interface BusinessPartnerQuery {
  type?: 'CUSTOMER' | 'SUPPLIER' | 'PERSON';
  /** Sent as a header, as Procountor documents since its 2023-09 spec. */
  identifier?: string;
  name?: string;
  active?: boolean;
  /** Partners changed at or after this Procountor date-time (`YYYY-MM-DDTHH:MM:SS`). */
  versionStartDate?: string;
  orderById?: 'ASC' | 'DESC';
  page?: number;
  size?: number;
}

export interface ProductQuery {
  orderById?: 'ASC' | 'DESC';
  code?: string;
  name?: string;
  type?: 'SALES' | 'PURCHASE' | 'TRAVEL';
  active?: boolean;
  previousId?: number;
  size?: number;
  /** Products changed at or after this Procountor date-time (`YYYY-MM-DDTHH:MM:SS`). */
  versionStartDate?: string;
  orderByVersion?: 'ASC' | 'DESC';
}

export interface InvoiceQuery {
  types?: string;
  searchTerm?: string;
  invoiceNumber?: number;
  businessPartnerId?: number;
  status?: string;
  /** Procountor date-time `YYYY-MM-DDTHH:MM:SS`: invoices changed since. */
  versionStartDate?: string;
  orderByVersion?: 'ASC' | 'DESC';
  orderById?: 'ASC' | 'DESC';
  /** Invoices due on or after / on or before this date (`YYYY-MM-DD`). */
  dueStartDate?: string;
  dueEndDate?: string;
  page?: number;
  size?: number;
}

/** A record's path, or several records' (Procountor's batch read takes ids joined with commas). */
const idPath = (collection: string, ...ids: number[]) => `${collection}/${ids.map((id) => encodeURIComponent(String(id))).join(',')}`;

/** HTTP header values cannot carry every Unicode letter; such a search goes as a query parameter instead. */
const fitsInHeader = (value: string) => /^[\x20-\x7e]*$/.test(value);

export class ProcountorClient {
  /** Every HTTP request this client sent, for the task history and the benchmarks. */
  requestCount = 0;
  /** The API client's budget, shared with every other step of every connection (lib/zapier/requestBudget.ts). */
  readonly budget: SharedRequestBudget;

  private readonly service: JsonService;

  /** `deadline`: when set, no request starts after this time (ms since the epoch): the step hands over to a retry instead. */
  constructor(
    private readonly z: ZObject,
    accessToken: string,
    private readonly deadline?: number,
  ) {
    this.budget = new SharedRequestBudget(z, {
      clientId: procountorClientId() || 'default',
      limit: procountorRateLimit(),
      busy: () =>
        retryLater(
          z,
          "Procountor's request budget, which every company using this integration shares, is taken right now. Nothing more was sent; Zapier will retry.",
          2,
        ),
    });
    const baseUrl = procountorApiUrl();
    // 401s reach the client already turned into RefreshAuthError by Zapier's autoRefresh, which is what they mean here.
    this.service = { name: 'Procountor', baseUrl, bearerToken: accessToken };
  }

  /**
   * Send strictly: a body that breaks Procountor's published shape never leaves (the steps check the user's data
   * first, so this only fires on a mistake of ours, before anything is written by that request).
   */
  private checked<S extends zod.ZodType>(schema: S, body: unknown, where: string): zod.infer<S> {
    const parsed = schema.safeParse(body);
    if (parsed.success) return parsed.data;
    throw new this.z.errors.Error(
      `The integration built a request Procountor would refuse (${where}: ${firstProblem(parsed.error)}). Nothing was sent; please report this.`,
      'ProcountorRequestInvalid',
      400,
    );
  }

  private async call<S extends zod.ZodType>(schema: S, call: Call, attempt = 1): Promise<zod.infer<S>> {
    await this.budget.acquire();
    if (this.deadline !== undefined && Date.now() > this.deadline) {
      throw retryLater(
        this.z,
        "This contract needs more Procountor requests than fit in one Zapier step at Procountor's rate limit. " +
          'What was made so far is kept; Zapier will retry and continue.',
        1,
      );
    }
    this.requestCount += 1;
    const response = await callService(this.z, this.service, call);
    const retryAfter = response.getHeader('retry-after');
    // A short 429 is worth waiting out once inside the step; a long one goes back to Zapier as ThrottledError.
    if (response.status === 429 && attempt === 1 && retryAfterSeconds(retryAfter) <= SHORT_RETRY_SECONDS) {
      await new Promise((resolve) => setTimeout(resolve, retryAfterSeconds(retryAfter) * 1000 + 50));
      return this.call(schema, call, attempt + 1);
    }
    if (response.status < 200 || response.status >= 300) {
      throw procountorError(this.z, {
        status: response.status,
        content: response.content,
        retryAfter: retryAfter ?? null,
        method: call.method,
        path: call.path,
      });
    }
    let body: unknown;
    try {
      body = JSON.parse(response.content);
    } catch {
      throw retryLater(this.z, `Procountor sent an answer that is not JSON (${call.method} ${call.path}). Zapier will retry.`);
    }
    return parseAnswer(this.z, schema, body, 'Procountor', `${call.method} ${call.path}`);
  }

  private get<S extends zod.ZodType>(answer: S, path: string, params?: Query, headers?: Record<string, string>) {
    return this.call(answer, { method: 'GET', path, params, headers });
  }

  /** Sends `body` only when it keeps to Procountor's published shape (`sent`). */
  private post<S extends zod.ZodType>(answer: S, path: string, sent: zod.ZodType, body: unknown) {
    return this.call(answer, { method: 'POST', path, body: this.checked(sent, body, `POST ${path}`) });
  }

  getUser() {
    return this.get(User, '/users');
  }

  private company?: Promise<Company>;

  /** Asked once per client: the step's company data and the company a token belongs to share one answer. */
  getCompany() {
    this.company ??= this.get(Company, '/company').catch((error: unknown) => {
      this.company = undefined;
      throw error;
    });
    return this.company;
  }

  async listBankAccounts() {
    return (await this.get(BankAccountSearchResult, '/bankaccounts', { size: MAX_PAGE_SIZE })).results;
  }

  getDefaultVats() {
    return this.get(VatInformation, '/vats/default');
  }

  /** The exchange rate, or undefined when Procountor has none for the currency (its 404). */
  getExchangeRate(query: { baseCurrency: string; currency: string; day: string; rateType: ExchangeRateType }) {
    return undefinedWhenMissing(this.get(CurrencyExchangeRate, '/currencies/exchangerate', query));
  }

  getVatSettings() {
    return this.get(VatSettings, '/vats/settings');
  }

  searchBusinessPartners(query: BusinessPartnerQuery) {
    const headers: Record<string, string> = {};
    const params: Query = {
      type: query.type,
      active: query.active,
      versionStartDate: query.versionStartDate,
      orderById: query.orderById,
      page: query.page,
      size: query.size,
    };
    for (const key of ['identifier', 'name'] as const) {
      const value = query[key]?.trim();
      if (!value) continue;
      if (fitsInHeader(value)) headers[key] = value;
      else params[key] = value;
    }
    return this.get(BusinessPartnerSearchResult, '/businesspartners', params, headers);
  }

  /** A page of customers for the customer index, read leniently: it keeps only what it can match on. */
  async listCustomersForIndex(query: Omit<BusinessPartnerQuery, 'identifier' | 'name' | 'type'>) {
    const page = await this.get(PartnerIndexPage, '/businesspartners', { type: 'CUSTOMER', ...query });
    return { results: page.results, totalCount: page.meta?.totalCount ?? undefined };
  }

  getBusinessPartner(id: number) {
    return this.get(BusinessPartnerAnswer, idPath('/businesspartners', id));
  }

  createBusinessPartner(partner: BusinessPartner) {
    return this.post(BusinessPartnerAnswer, '/businesspartners', BusinessPartner, partner);
  }

  searchProducts(query: ProductQuery) {
    return this.get(ProductSearchResult, '/products', { ...query });
  }

  /** A page of products for the catalogue index, read leniently: it keeps only what it can match on. */
  async listProductsForCatalogue(query: ProductQuery) {
    const page = await this.get(CataloguePage, '/products', { ...query });
    return { results: page.results, totalCount: page.meta?.totalCount ?? undefined };
  }

  getProduct(id: number) {
    return this.get(ProductAnswer, idPath('/products', id));
  }

  createProduct(product: Product) {
    return this.post(ProductAnswer, '/products', Product, product);
  }

  searchInvoices(query: InvoiceQuery) {
    return this.get(InvoiceSearchResult, '/invoices', { ...query });
  }

  getInvoice(id: number) {
    return this.get(InvoiceAnswer, idPath('/invoices', id));
  }

  /** Up to MAX_PAGE_SIZE invoices in one request (Procountor's batch read), as a list whatever their number. */
  async getInvoices(ids: number[]) {
    if (!ids.length) return [];
    const answer = await this.get(zod.union([zod.array(InvoiceAnswer), InvoiceAnswer]), idPath('/invoices', ...ids.slice(0, MAX_PAGE_SIZE)));
    return Array.isArray(answer) ? answer : [answer];
  }

  /** The invoice's payment events (GET /invoices/{id}/paymentevents), as Procountor lists them. */
  async getPaymentEvents(invoiceId: number) {
    return (await this.get(PaymentEventSearchResult, `${idPath('/invoices', invoiceId)}/paymentevents`)).results;
  }

  approveInvoice(id: number) {
    return this.call(InfoMessage, { method: 'PUT', path: `${idPath('/invoices', id)}/approve` });
  }

  sendInvoice(id: number) {
    return this.call(InfoMessage, { method: 'PUT', path: `${idPath('/invoices', id)}/send` });
  }

  /** The invoice in full, with its rows, to credit it. */
  getInvoiceToCredit(id: number) {
    return this.get(InvoiceToCredit, idPath('/invoices', id));
  }

  invalidateInvoice(id: number) {
    return this.call(InfoMessage, { method: 'PUT', path: `${idPath('/invoices', id)}/invalidate` });
  }

  /** Records a payment taken elsewhere (PUT /invoices/{id}/paymentevents/markpaid). */
  markInvoicePaid(id: number, payment: MarkPaid) {
    const path = `${idPath('/invoices', id)}/paymentevents/markpaid`;
    return this.call(PaymentEvent, { method: 'PUT', path, body: this.checked(MarkPaid, payment, `PUT ${path}`) });
  }

  /** POST /attachments: the Attachment as the `meta` part, the file's bytes as the `file` part (multipart/form-data). */
  addAttachment(meta: AttachmentMeta, file: Buffer) {
    const checked = this.checked(AttachmentMeta, meta, 'POST /attachments');
    const boundary = `----procountor${crypto.randomBytes(12).toString('hex')}`;
    const fileName = checked.name.replace(/["\r\n]/g, '_');
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="meta"\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(checked)}\r\n`),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${checked.mimeType ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      file,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return this.call(AttachmentAnswer, {
      method: 'POST',
      path: '/attachments',
      headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
      body,
    });
  }

  createInvoice(invoice: Invoice) {
    return this.post(InvoiceAnswer, '/invoices', Invoice, invoice);
  }
}

/** The client for a Zap step, built from the connection's tokens. */
/**
 * The step's Procountor client. A step that gives its start (`startedAt`) gets a client that starts no request past the
 * step's deadline, so a long order ends in Zapier's retry instead of being cut off mid-write.
 */
export const procountorFor = (z: ZObject, bundle: { authData: Record<string, string | undefined> }, step?: { startedAt: number }) => {
  const token = bundle.authData.access_token;
  if (!token) throw new z.errors.RefreshAuthError('The Procountor connection has no access token. Reconnect Procountor.');
  // What the step's container keeps in memory between invocations is kept for this connection only.
  bindConnection(z, token);
  if (step) startStep(z, step.startedAt);
  const client = new ProcountorClient(z, token, step && step.startedAt + stepDeadlineMs());
  const recorded = bundle.authData.company_id;
  bindCompany(z, recorded ? () => Promise.resolve(recorded) : () => companyOfToken(client, token));
  return client;
};

/** Companies of tokens a connection made before the company was recorded at connect, by the token's digest. */
const companiesOfTokens = new RecentlyUsed<string>(500);

/**
 * The company a token belongs to, for a connection made before the app recorded `company_id` at connect and refresh:
 * asked of Procountor once per token in a warm container (a token is issued for one company).
 */
const companyOfToken = async (client: ProcountorClient, token: string) => {
  const digest = digestOf(token);
  const known = companiesOfTokens.get(digest);
  if (known) return known;
  const company = String((await client.getCompany()).id);
  companiesOfTokens.set(digest, company);
  return company;
};
