// Finding the invoice made for an order (a Click2Contract contract, or a Zap's Unique Key).
//
// The invoice actions write a marker "[<order key>]" ("[C2C:<contract id>]", "[KEY:<unique key>]") into the invoice's
// additionalInformation, because that is the one free-text field Procountor's GET /invoices `searchTerm` looks in
// (with counterparty name and invoice number). The brackets keep ctr_1 from matching ctr_10.
import { MAX_PAGE_SIZE, type ProcountorClient } from './client';
import { undefinedWhenMissing } from './errors';
import { InvoiceBasicInfo, type InvoiceAnswer } from './schemas';

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

/** Search pages read at most, a page of MAX_PAGE_SIZE each: far more invoices than ever share a marker's words. */
const MAX_MARKER_PAGES = 10;

/** True when the invoice's additional information carries this order's marker exactly (case and every character). */
const carriesMarker = (invoice: Pick<InvoiceAnswer, 'additionalInformation'>, orderKey: string) =>
  (invoice.additionalInformation ?? '').includes(orderMarker(orderKey));

/**
 * The invoice made for this order, read in full, or undefined. Procountor's search ignores case and matches parts of
 * words, so every invoice it returns, on every page, is read (MAX_PAGE_SIZE at a time) and counts only when it carries
 * the exact marker: `[KEY:shop-1042]` is never `[KEY:Shop-1042]`'s invoice. The oldest such invoice wins.
 */
export const findInvoiceForOrder = async (client: ProcountorClient, orderKey: string): Promise<InvoiceAnswer | undefined> => {
  const candidates: number[] = [];
  for (let page = 0; page < MAX_MARKER_PAGES; page += 1) {
    const { results, meta } = await client.searchInvoices({
      types: 'SALES_INVOICE',
      searchTerm: orderMarker(orderKey),
      size: MAX_PAGE_SIZE,
      page,
      orderById: 'ASC',
    });
    candidates.push(...results.filter((invoice) => !GONE_STATUSES.has(invoice.status ?? '')).map((invoice) => invoice.id));
    const total = meta?.totalCount ?? 0;
    if (results.length < MAX_PAGE_SIZE || (page + 1) * MAX_PAGE_SIZE >= total) break;
  }
  return oldestCarrying(client, candidates, orderKey);
};

/** Of these invoices, the oldest that carries the order's marker, read MAX_PAGE_SIZE at a time. */
const oldestCarrying = async (client: ProcountorClient, ids: number[], orderKey: string): Promise<InvoiceAnswer | undefined> => {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  for (let at = 0; at < sorted.length; at += MAX_PAGE_SIZE) {
    const read = await client.getInvoices(sorted.slice(at, at + MAX_PAGE_SIZE));
    const found = read.filter((invoice) => !GONE_STATUSES.has(invoice.status ?? '') && carriesMarker(invoice, orderKey)).sort((a, b) => a.id - b.id)[0];
    if (found) return found;
  }
  return undefined;
};

/**
 * Invoices made or changed since `since` (Procountor date-time) that carry the order's marker: after a write whose
 * answer was lost, the invoice may exist before the search finds it.
 */
export const findInvoiceSince = async (client: ProcountorClient, orderKey: string, since: string): Promise<InvoiceAnswer | undefined> => {
  const ids: number[] = [];
  for (let page = 0; page < MAX_MARKER_PAGES; page += 1) {
    const { results, meta } = await client.searchInvoices({ types: 'SALES_INVOICE', versionStartDate: since, size: MAX_PAGE_SIZE, page, orderById: 'ASC' });
    ids.push(...results.map((invoice) => invoice.id));
    if (results.length < MAX_PAGE_SIZE || (page + 1) * MAX_PAGE_SIZE >= (meta?.totalCount ?? 0)) break;
  }
  return oldestCarrying(client, ids, orderKey);
};

export const findInvoiceForContract = async (client: ProcountorClient, contractId: string) => {
  const found = await findInvoiceForOrder(client, contractOrderKey(contractId));
  return found && basicInfoOf(found);
};

/** A full invoice in the search's shape (its due date where the search puts it). */
export const basicInfoOf = (invoice: InvoiceAnswer): InvoiceBasicInfo =>
  InvoiceBasicInfo.parse({ ...invoice, dueDate: invoice.paymentInfo?.dueDate ?? undefined });

export const findInvoiceByNumber = async (client: ProcountorClient, invoiceNumber: number) => {
  const { results } = await client.searchInvoices({ types: 'SALES_INVOICE', invoiceNumber, size: 1 });
  return results[0];
};

/** The invoice with this Procountor ID, in the search's shape; undefined when Procountor has none. */
export const findInvoiceById = async (client: ProcountorClient, invoiceId: number): Promise<InvoiceBasicInfo | undefined> => {
  // A 404 is Procountor's answer when no invoice has the ID: for a search, that is no match.
  const [found] = (await undefinedWhenMissing(client.getInvoices([invoiceId]))) ?? [];
  if (!found || (found.type && found.type !== 'SALES_INVOICE')) return undefined;
  return basicInfoOf(found);
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
