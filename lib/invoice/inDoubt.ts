// An order whose invoice was sent to Procountor and never answered (the request timed out, or the connection dropped
// after sending): Procountor may have made the invoice, and may make it some seconds later still. The order keeps a
// mark in z.cache (the company's), and every run of the order looks before it writes:
// - the marker search finds the invoice: it was made, and is answered as already made;
// - else the invoices changed since the mark, read in full, may carry the marker (made, not yet searchable);
// - else, within inDoubtWindowMs() of the lost request (two minutes: far longer than Procountor takes to answer a POST), nobody can know yet: Zapier retries the step later;
// - after it, the request did not make an invoice, and this run writes one.
import crypto from 'node:crypto';
import type { ZObject } from 'zapier-platform-core';
import type { ProcountorClient } from '../procountor/client';
import { findInvoiceSince } from '../procountor/invoices';
import type { InvoiceAnswer } from '../procountor/schemas';
import { helsinkiDateTime } from '../rules/dates';
import { companyCache } from '../zapier/cache';
import { inDoubtWindowMs } from '../zapier/config';
import { messageOf, retryLater } from '../zapier/errors';

/** How long the mark is kept: a Zapier replay or a manual re-run an hour later still looks first. */
const MARK_TTL_SECONDS = 24 * 3600;

interface InDoubtMark {
  /** When the lost write was sent (ms since the epoch). */
  at: number;
  /** The same moment as Procountor's `versionStartDate` takes it (Helsinki wall clock), a minute early for clock skew. */
  since: string;
}

/** The mark's key: a digest, since a unique key may be long and hold any character. */
const markKey = (orderKey: string) => `procountor:order-in-doubt:${crypto.createHash('sha256').update(orderKey).digest('base64url')}`;

const isMark = (value: unknown): value is InDoubtMark =>
  !!value && typeof value === 'object' && typeof (value as InDoubtMark).at === 'number' && typeof (value as InDoubtMark).since === 'string';

/** The order's mark, when an earlier run's write of it was lost; z.cache failing reads as a mark (fail closed). */
export const readInDoubtMark = async (z: ZObject, orderKey: string): Promise<InDoubtMark | undefined> => {
  try {
    const value = await companyCache(z).get(markKey(orderKey));
    return isMark(value) ? value : undefined;
  } catch (error) {
    z.console.log(`z.cache unavailable (${(error as Error).message}); treating the order as possibly written`);
    return { at: Date.now(), since: helsinkiDateTime(new Date(Date.now() - 60_000)) };
  }
};

/**
 * Leaves the mark for a write sent at `sentAt` whose answer was lost, and answers the error the step ends with: with
 * the mark left, a plain retry (the mark guards the order, and the company's other orders need not wait); without it,
 * the write's own error, which keeps the claim held around it (withClaim) until the claim lapses.
 */
export const markInDoubt = async (z: ZObject, orderKey: string, sentAt: number, lost: Error): Promise<Error> => {
  const mark: InDoubtMark = { at: sentAt, since: helsinkiDateTime(new Date(sentAt - 60_000)) };
  try {
    await companyCache(z).set(markKey(orderKey), mark, MARK_TTL_SECONDS);
    return retryLater(z, messageOf(lost));
  } catch (error) {
    z.console.log(`Could not leave the in-doubt mark: ${(error as Error).message}`);
    return lost;
  }
};

/** Clears the mark once the order's invoice is known (made by this run, or found). */
export const clearInDoubt = async (z: ZObject, orderKey: string) => {
  try {
    await companyCache(z).delete(markKey(orderKey));
  } catch {
    // It only makes a later run look once more.
  }
};

/**
 * For an order with a mark and no invoice the marker search found: the invoice made since the mark, or a retry
 * while the lost write may still land. Undefined: the window has passed with nothing made, so writing is safe.
 */
export const invoiceOfLostWrite = async (
  z: ZObject,
  client: ProcountorClient,
  orderKey: string,
  mark: InDoubtMark,
  label: string,
): Promise<InvoiceAnswer | undefined> => {
  const found = await findInvoiceSince(client, orderKey, mark.since);
  if (found) return found;
  const waited = Date.now() - mark.at;
  if (waited < inDoubtWindowMs()) {
    const seconds = Math.ceil((inDoubtWindowMs() - waited) / 1000);
    throw retryLater(
      z,
      `${label} was sent to Procountor ${Math.round(waited / 1000)} s ago and its answer was lost; Procountor may still make it. ` +
        `Nothing is written again until that is known. Zapier will retry.`,
      Math.min(seconds, 60),
    );
  }
  return undefined;
};
