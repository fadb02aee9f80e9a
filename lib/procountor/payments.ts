// Sales invoices that became paid. Procountor publishes no webhook for invoice status and no paid amount on an
// invoice; each payment changes the invoice's status and version, so a poll reads the paid statuses changed lately.
import { addDays, helsinkiDateTimeWithOffset, todayInHelsinki } from '../rules/dates';
import { allSettledOrThrow } from '../zapier/settle';
import { MAX_PAGE_SIZE, type ProcountorClient } from './client';
import { contractIdIn } from './invoices';
import { invoiceTotals } from '../fields/records';
import type { InvoiceBasicInfo, InvoiceDetails } from './schemas';

/** `status` takes one status per request in Procountor's published API, so each is asked for on its own. */
export const PAID_STATUSES = ['PAID', 'PARTLY_PAID', 'MARKED_PAID'] as const;

/** How far back a poll looks; Zapier's dedupe keeps what it has seen, so this only bounds the first poll. */
export const LOOKBACK_DAYS = 30;

/**
 * The dedupe key: the same invoice triggers again when a payment changes it (PARTLY_PAID -> PAID, or another part
 * paid), which shows as a new status or version; a poll that finds it unchanged gives the same key.
 */
export const paymentKey = (invoice: Pick<InvoiceBasicInfo, 'id' | 'status' | 'version'>) =>
  `${invoice.id}:${invoice.status ?? ''}:${invoice.version ?? ''}`;

export const paidInvoiceOutput = (invoice: InvoiceBasicInfo, details: InvoiceDetails | undefined) => ({
  id: paymentKey(invoice),
  invoice_id: invoice.id,
  invoice_number: invoice.invoiceNumber ?? null,
  status: invoice.status ?? '',
  contract_id: contractIdIn(details?.additionalInformation),
  // Contract invoices carry the contract number as Procountor's agreement number (what people call the contract).
  contract_number: contractIdIn(details?.additionalInformation) ? details?.agreementNumber ?? '' : '',
  customer_id: invoice.partnerId ?? null,
  customer_name: invoice.counterParty?.counterPartyAddress?.name ?? '',
  date: invoice.date ?? '',
  due_date: invoice.dueDate ?? '',
  payment_date: details?.paymentDate ?? '',
  ...invoiceTotals(invoice),
  changed_at: helsinkiDateTimeWithOffset(invoice.version),
});

/** Newest change first; at most one page per status and one batch read for the contract markers. */
export const recentlyPaidInvoices = async (client: ProcountorClient, now = new Date()) => {
  const since = `${addDays(todayInHelsinki(now), -LOOKBACK_DAYS)}T00:00:00`;
  const pages = await allSettledOrThrow(
    PAID_STATUSES.map((status) =>
      client.searchInvoices({ types: 'SALES_INVOICE', status, versionStartDate: since, orderByVersion: 'DESC', size: MAX_PAGE_SIZE }),
    ),
  );
  const found = pages
    .flatMap((page) => page.results)
    .sort((a, b) => String(b.version ?? '').localeCompare(String(a.version ?? '')) || b.id - a.id)
    .slice(0, MAX_PAGE_SIZE);
  const details = await client.getInvoices(found.map((invoice) => invoice.id));
  const byId = new Map(details.map((d) => [d.id, d]));
  return found.map((invoice) => paidInvoiceOutput(invoice, byId.get(invoice.id)));
};
