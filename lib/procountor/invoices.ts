// Finding the invoice made for an order (a Click2Contract contract, or a Zap's Unique Key).
//
// The invoice actions write a marker "[<order key>]" ("[C2C:<contract id>]", "[KEY:<unique key>]") into the invoice's
// additionalInformation, because that is the one free-text field Procountor's GET /invoices `searchTerm` looks in
// (with counterparty name and invoice number). The brackets keep ctr_1 from matching ctr_10.
import type { ProcountorClient } from './client';
import { undefinedWhenMissing } from './errors';
import { InvoiceBasicInfo } from './schemas';

/** A dropdown page of invoices: enough to find this week's, few enough to load at once. */
const INVOICE_PAGE_SIZE = 50;

export const orderMarker = (orderKey: string) => `[${orderKey}]`;
export const contractOrderKey = (contractId: string) => `C2C:${contractId}`;
export const uniqueKeyOrderKey = (uniqueKey: string) => `KEY:${uniqueKey}`;

/** The contract id in an invoice's additional information, when a contract made it. */
export const contractIdIn = (additionalInformation: string | null | undefined) => /\[C2C:([^\]]+)\]/.exec(additionalInformation ?? '')?.[1] ?? '';
/** The unique key in an invoice's additional information, when line items mapped in a Zap made it. */
export const uniqueKeyIn = (additionalInformation: string | null | undefined) => /\[KEY:([^\]]+)\]/.exec(additionalInformation ?? '')?.[1] ?? '';

const GONE_STATUSES: ReadonlySet<string> = new Set(['INVALIDATED', 'DELETED']);

export const findInvoiceForOrder = async (client: ProcountorClient, orderKey: string): Promise<InvoiceBasicInfo | undefined> => {
  const { results } = await client.searchInvoices({ types: 'SALES_INVOICE', searchTerm: orderMarker(orderKey), size: 50 });
  return results.filter((invoice) => !GONE_STATUSES.has(invoice.status ?? '')).sort((a, b) => a.id - b.id)[0];
};

export const findInvoiceForContract = (client: ProcountorClient, contractId: string) => findInvoiceForOrder(client, contractOrderKey(contractId));

export const findInvoiceByNumber = async (client: ProcountorClient, invoiceNumber: number) => {
  const { results } = await client.searchInvoices({ types: 'SALES_INVOICE', invoiceNumber, size: 1 });
  return results[0];
};

/** The invoice with this Procountor ID, in the search's shape; undefined when Procountor has none. */
export const findInvoiceById = async (client: ProcountorClient, invoiceId: number): Promise<InvoiceBasicInfo | undefined> => {
  // A 404 is Procountor's answer when no invoice has the ID: for a search, that is no match.
  const [found] = (await undefinedWhenMissing(client.getInvoices([invoiceId]))) ?? [];
  if (!found || (found.type && found.type !== 'SALES_INVOICE')) return undefined;
  const basic = InvoiceBasicInfo.safeParse({ ...found, dueDate: found.paymentInfo?.dueDate ?? undefined });
  return basic.success ? basic.data : undefined;
};

/**
 * The invoice's sums as Procountor computed them: in the invoice's currency, and, for an invoice in another currency
 * than the company's, the total in the company's too ("If the invoice has currency other than the one set for the
 * environment, it returns sum for both the accounting and invoice currency").
 */
export const invoiceTotals = (invoice: Pick<InvoiceBasicInfo, 'invoiceSumInfo'>) => {
  const all = invoice.invoiceSumInfo ?? [];
  const sums = all.find((s) => s.inAccountingCurrency === false) ?? all[0] ?? {};
  const company = all.find((s) => s.inAccountingCurrency === true) ?? sums;
  return {
    total_excluding_vat: sums.excludingVatTotal ?? null,
    vat_total: sums.vatSumTotal ?? null,
    total: sums.invoiceSumTotal ?? null,
    currency: sums.currency ?? 'EUR',
    total_in_company_currency: company.invoiceSumTotal ?? null,
    company_currency: company.currency ?? sums.currency ?? 'EUR',
  };
};

/** A Procountor status as people read it: `PARTLY_PAID` -> "Partly paid"; `fallback` for none. */
export const statusInWords = (status: string | null | undefined, fallback = '') =>
  status ? status.charAt(0) + status.slice(1).toLowerCase().replace(/_/g, ' ') : fallback;

/** One page of sales invoices, newest first: of one status, or of every status but the gone ones. */
export const salesInvoicePage = async (client: ProcountorClient, page: number, status?: 'UNFINISHED') => {
  const { results } = await client.searchInvoices({ types: 'SALES_INVOICE', status, orderById: 'DESC', size: INVOICE_PAGE_SIZE, page });
  return results.filter((invoice) => status || !GONE_STATUSES.has(invoice.status ?? ''));
};
