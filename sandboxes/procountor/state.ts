// The Procountor sandbox's one state: its company, its clock, its records, and what every route family is given.
import crypto from 'node:crypto';
import type { FaultBox, RateWindow, Router, SandboxRequest, SandboxResponse } from '../http';
import type { CompanyContext } from './rules';
import { helsinkiWallClock } from '../clock';

export type Json = Record<string, any>;

/** The sandbox company's VAT rates: 25.5, 13.5, 10 and 0, and for dates before 2026 also 24 and 14. */
export const companyVatRates = (isoDate?: string): number[] => (!isoDate || isoDate >= '2026-01-01' ? [25.5, 13.5, 10, 0] : [25.5, 24, 14, 13.5, 10, 0]);

export const PROCOUNTOR_SANDBOX = {
  clientId: 'sandbox-client',
  clientSecret: 'sandbox-secret',
  /** For the `client_credentials` grant, which Procountor pairs with an API key. */
  apiKey: 'sandbox-api-key',
  defaultPort: 4010,
};

/**
 * "Rate limit (published): 20 requests/s per client" (reference/procountor-endpoints-26.04.md): counted per API client,
 * so every token that client issued (one per connected company) shares it (test/sandboxes/procountor.test.ts).
 */
export const RATE_LIMIT_PER_SECOND = 20;

/**
 * The sandbox company's VAT statuses, as GET /vats/default lists them (VatStatusInfo): Procountor's published example
 * list ("BtoB Webshop sales Domestic/EU": 1 Domestic, 3 Outside of the EU, 5 EU community sales (product), 12 No VAT
 * handling), and one status Procountor does not publish, for EU sales of services (reverse charge).
 */
const seedVatStatuses = () => [
  { vatStatus: 1, description: 'Domestic', sales: true, purchase: true },
  { vatStatus: 3, description: 'Outside of the EU', sales: true, purchase: false },
  { vatStatus: 5, description: 'EU community sales (product)', sales: true, purchase: false },
  { vatStatus: 12, description: 'No VAT handling', sales: true, purchase: true },
  // UNPUBLISHED: Procountor publishes neither the number nor the wording of this status; the sandbox's own choice.
  { vatStatus: 19, description: 'EU community sales (service)', sales: true, purchase: false },
];
/** "The default for domestic sales is Domestic" ("VAT status"): every other status has VAT percent 0. */
export const DOMESTIC_VAT_STATUS = 1;

/**
 * Procountor's date-time, `YYYY-MM-DDTHH:MM:SS` in Finnish time (dev.procountor.com/api-requests), as a record's
 * `version` ("updated date"), set on creation and on every change. Two changes in one second share a version, which
 * is why `versionStartDate` is taken as inclusive here. Procountor publishes neither the zone of `version` nor whether
 * `versionStartDate` is inclusive; both are inferred from its date-time examples.
 */
export const procountorDateTime = (at = new Date()) => helsinkiWallClock(at).text;
/** A changed invoice's new version: now, and never equal to its previous one (versions are to the second). */
export const nextVersion = (previous: unknown) => {
  let at = new Date();
  while (procountorDateTime(at) <= String(previous ?? '').slice(0, 19)) at = new Date(at.getTime() + 1000);
  return procountorDateTime(at);
};
export const round2 = (n: number) => Math.round((n + Number.EPSILON) * 100) / 100;
export const token = (prefix: string) => `${prefix}_${crypto.randomBytes(18).toString('hex')}`;

const seedCompany = () => ({
  company: {
    id: 1001,
    name: 'Sandbox Oy',
    country: 'FINLAND',
    companyCurrency: 'EUR',
    businessIdentifier: { brnType: 'YHD', code: '2077474-0' },
    operationType: 'DEMONSTRATION',
  },
  user: {
    id: 501,
    username: 'sandbox.api',
    companyId: 1001,
    firstName: 'Sandbox',
    lastName: 'Api',
    email: 'api@sandbox.example',
    mobilePhone: '+358401234567',
  },
  bankAccounts: [
    {
      id: 1,
      accountNumber: '50001510000023',
      iban: 'FI4250001510000023',
      bic: 'OKOYFIHH',
      bankName: 'OP',
      currency: 'EUR',
      defaultForInvoice: true,
      defaultForPayment: true,
      status: 'ACTIVE',
      orderNo: 1,
    },
    {
      id: 2,
      accountNumber: '12345600000785',
      iban: 'FI2112345600000785',
      bic: 'NDEAFIHH',
      bankName: 'Nordea',
      currency: 'EUR',
      defaultForInvoice: false,
      defaultForPayment: false,
      status: 'ACTIVE',
      orderNo: 2,
    },
  ],
});

export class ProcountorSandboxState {
  businesspartners: Json[] = [];
  products: Json[] = [];
  invoices: Json[] = [];
  /**
   * Payments by invoice id, in the invoice's currency: those the sandbox control records (reference payments) and those
   * PUT /invoices/{id}/paymentevents/markpaid adds (`type` and `description` as given). GET .../paymentevents lists them.
   */
  payments = new Map<number, SandboxPayment[]>();
  nextId = { partner: 5001, product: 7001, invoice: 9001, invoiceNumber: 1001, reference: 100, attachment: 3001 };
  /** What POST /attachments received, by attachment id. */
  attachmentBytes = new Map<number, Buffer>();
  codes = new Map<string, { clientId: string; redirectUri: string }>();
  accessTokens = new Map<string, { clientId: string; expiresAt: number }>();
  refreshTokens = new Map<string, string>();
  tokenLifetimeSeconds = 3600;
  /** Every API request (not controls, not OAuth), for counting round trips and the peak rate. */
  requestLog: Array<{ at: number; end?: number; method: string; path: string }> = [];
  fixed = seedCompany();
  /** What `POST /_sandbox/company` may change: the company's currency (DKK, EUR, NOK or SEK), its VAT statuses and its rate setting. */
  companyCurrency = 'EUR';
  vatStatuses = seedVatStatuses();
  /** Company.currencyRateSearchDensity as published (one of its enum), null while Basic company info has not set it. */
  currencyRateSearchDensity: string | null = null;

  reset() {
    this.businesspartners = [];
    this.products = [];
    this.invoices = [];
    this.payments = new Map();
    this.nextId = { partner: 5001, product: 7001, invoice: 9001, invoiceNumber: 1001, reference: 100, attachment: 3001 };
    this.attachmentBytes = new Map();
    this.requestLog = [];
    this.companyCurrency = 'EUR';
    this.vatStatuses = seedVatStatuses();
    this.currencyRateSearchDensity = null;
    this.fixed = seedCompany();
  }
}

export interface SandboxPayment {
  id: number;
  amount: number;
  paymentDate: string;
  type?: string;
  description?: string;
}

/** The invoice's total in its own currency, as its invoiceSumInfo says. */
export const invoiceSum = (invoice: Json) => Number(invoice.invoiceSumInfo?.[0]?.invoiceSumTotal ?? 0);
/** What the invoice's payments so far add up to, in its own currency. */
export const paidSoFar = (state: ProcountorSandboxState, invoiceId: number) =>
  round2((state.payments.get(invoiceId) ?? []).reduce((sum, p) => sum + p.amount, 0));
/** A new payment's id: one above every payment's so far. */
export const nextPaymentId = (state: ProcountorSandboxState) => 1 + [...state.payments.values()].flat().length;

export const invoiceTotals = (invoice: Json) => {
  const includeVat = Boolean(invoice.extraInfo?.unitPricesIncludeVat);
  let net = 0;
  let vat = 0;
  for (const row of invoice.invoiceRows as Json[]) {
    const gross = row.quantity * row.unitPrice * (1 - row.discountPercent / 100) * (1 - (invoice.discountPercent ?? 0) / 100);
    const rowNet = includeVat ? gross / (1 + row.vatPercent / 100) : gross;
    const rowVat = includeVat ? gross - rowNet : rowNet * (row.vatPercent / 100);
    net += round2(rowNet);
    vat += round2(rowVat);
  }
  return { excludingVatTotal: round2(net), vatSumTotal: round2(vat), invoiceSumTotal: round2(net + vat) };
};

/** The sandbox's switches (see `options` in createProcountorSandbox). */
export interface SandboxOptions {
  unnumberedUnfinished: boolean;
}

/** A route under `/api` behind `api`: a valid access token, the rate limit and, for a POST, a JSON object body. */
export type ApiRoute = (method: string, path: string, handler: (req: SandboxRequest) => SandboxResponse) => Router;

/** What each route family registers its routes with. */
export interface SandboxRoutes {
  router: Router;
  api: ApiRoute;
  state: ProcountorSandboxState;
  options: SandboxOptions;
  company: CompanyContext;
  faults: FaultBox;
  rate: RateWindow;
}
