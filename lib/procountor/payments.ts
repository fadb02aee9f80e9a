// Sales invoices that became paid. Procountor publishes no webhook for invoice status and no paid amount on an
// invoice; each payment changes the invoice's status and version, so a poll reads the paid statuses changed lately.
import { addDays, todayInHelsinki } from '../rules/dates';
import { allSettledOrThrow } from '../zapier/settle';
import { MAX_PAGE_SIZE, type ProcountorClient } from './client';

/** `status` takes one status per request in Procountor's published API, so each is asked for on its own. */
const PAID_STATUSES = ['PAID', 'PARTLY_PAID', 'MARKED_PAID'] as const;

/** How far back a poll looks; Zapier's dedupe keeps what it has seen, so this only bounds the first poll. */
const LOOKBACK_DAYS = 30;

/** Newest change first, each with its full record (where the contract marker is); at most one page per status and one batch read. */
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
  return found.map((invoice) => ({ invoice, details: byId.get(invoice.id) }));
};
