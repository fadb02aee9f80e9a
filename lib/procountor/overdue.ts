// Sales invoices past their due date. Procountor has no overdue status and no webhook for it: a poll asks for the
// open statuses (sent, approved with No sending, partly paid; `status` takes one status per request) due on or before
// the cut-off day (`dueEndDate`), reads them in one batch for the contract marker, and reads payment events only for
// the partly paid ones (a sent or approved invoice has none: any payment changes its status).
import { addDays, daysBetween, todayInHelsinki } from '../rules/dates';
import { roundCents } from '../rules/money';
import { allSettledOrThrow, mapSettledLimited } from '../zapier/settle';
import { MAX_PAGE_SIZE, type ProcountorClient } from './client';
import { invoiceTotals } from './invoices';
import type { InvoiceBasicInfo } from './schemas';

const OPEN_STATUSES = ['SENT', 'APPROVED', 'PARTLY_PAID'] as const;
/** Payment-event reads at once: a poll stays well inside Procountor's rate limit. */
const EVENT_READS_AT_ONCE = 4;

/**
 * The due date that counts: `newDueDate` ("Payment new due date") when Procountor has one, else `dueDate`. INFERRED:
 * `dueEndDate` searches the due date the invoice was made with; a new due date is later, so the search finds every
 * candidate and this decides.
 */
const dueDateOf = (invoice: InvoiceBasicInfo) => invoice.newDueDate || invoice.dueDate || '';

/** The open invoices whose due date passed at least `daysOverdue` days ago in Helsinki, latest due first, with what is open. */
export const overdueInvoices = async (client: ProcountorClient, daysOverdue: number, now = new Date()) => {
  const today = todayInHelsinki(now);
  const cutoff = addDays(today, -daysOverdue);
  const pages = await allSettledOrThrow(
    OPEN_STATUSES.map((status) => client.searchInvoices({ types: 'SALES_INVOICE', status, dueEndDate: cutoff, orderById: 'DESC', size: MAX_PAGE_SIZE })),
  );
  const due = pages
    .flatMap((page) => page.results)
    .filter((invoice) => dueDateOf(invoice) && dueDateOf(invoice) <= cutoff && (invoiceTotals(invoice).total ?? 0) > 0)
    .sort((a, b) => dueDateOf(b).localeCompare(dueDateOf(a)) || b.id - a.id)
    .slice(0, MAX_PAGE_SIZE);
  const partly = due.filter((invoice) => invoice.status === 'PARTLY_PAID');
  const [details, paid] = await allSettledOrThrow([
    client.getInvoices(due.map((invoice) => invoice.id)),
    mapSettledLimited(partly, EVENT_READS_AT_ONCE, async (invoice) => {
      const events = await client.getPaymentEvents(invoice.id);
      return [invoice.id, events.reduce((sum, e) => sum + (e.paidAmount ?? e.amount ?? 0), 0)] as const;
    }),
  ]);
  const detailsById = new Map(details.map((d) => [d.id, d]));
  const paidById = new Map(paid);
  return due.map((invoice) => ({
    invoice,
    details: detailsById.get(invoice.id),
    dueDate: dueDateOf(invoice),
    daysOverdue: daysBetween(dueDateOf(invoice), today),
    openAmount: roundCents((invoiceTotals(invoice).total ?? 0) - (paidById.get(invoice.id) ?? 0)),
  }));
};
