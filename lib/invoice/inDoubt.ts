// An order whose invoice was sent to Procountor and never answered (the request timed out, or the connection dropped
// after sending): Procountor may have made the invoice, and may make it some seconds later still. The company's writer
// state (lib/procountor/writerState.ts, read and saved once per turn) remembers the lost write, and every run of the
// order looks before it writes:
// - the marker search finds the invoice: it was made, and is answered as already made;
// - else the invoices changed since the lost write, read in full, may carry the marker (made, not yet searchable);
// - else, within inDoubtWindowMs() of it (two minutes: far longer than Procountor takes to answer a POST), nobody can
//   know yet: Zapier retries the step later;
// - after it, the request did not make an invoice, and this run writes one.
import crypto from 'node:crypto';
import type { ZObject } from 'zapier-platform-core';
import type { ProcountorClient } from '../procountor/client';
import { findInvoiceSince } from '../procountor/invoices';
import type { LostWrite, WriterTurn } from '../procountor/writerState';
import type { InvoiceAnswer } from '../procountor/schemas';
import { helsinkiDateTime } from '../rules/dates';
import { inDoubtWindowMs } from '../zapier/config';
import { messageOf, retryLater } from '../zapier/errors';

/** The order's entry: a digest, since a unique key may be long and hold any character. */
const entryOf = (orderKey: string) => crypto.createHash('sha256').update(orderKey).digest('base64url');

/** The order's lost write, when an earlier run's invoice POST got no answer. */
export const readInDoubtMark = (turn: WriterTurn, orderKey: string): LostWrite | undefined => turn.lostWrites[entryOf(orderKey)];

/**
 * Remembers the order's invoice POST sent at `sentAt` whose answer was lost, and answers the error the step ends with:
 * a plain retry, since the lost write is remembered (the company's other orders need not wait; were it not saved,
 * the writer state keeps the claim instead).
 */
export const markInDoubt = (z: ZObject, turn: WriterTurn, orderKey: string, sentAt: number, lost: unknown): Error => {
  // A minute early for clock skew between this container and Procountor.
  turn.lostWrites[entryOf(orderKey)] = { at: sentAt, since: helsinkiDateTime(new Date(sentAt - 60_000)) };
  return retryLater(z, messageOf(lost));
};

/** Forgets the order's lost write once its invoice is known (found, or about to be written by this run). */
export const clearInDoubt = (turn: WriterTurn, orderKey: string) => {
  delete turn.lostWrites[entryOf(orderKey)];
};

/**
 * For an order with a lost write and no invoice the marker search found: the invoice made since, or a retry while
 * the lost write may still land. Undefined: the window has passed with nothing made, so writing is safe.
 */
export const invoiceOfLostWrite = async (
  z: ZObject,
  client: ProcountorClient,
  orderKey: string,
  lost: LostWrite,
  label: string,
): Promise<InvoiceAnswer | undefined> => {
  const found = await findInvoiceSince(client, orderKey, lost.since);
  if (found) return found;
  const waited = Date.now() - lost.at;
  if (waited < inDoubtWindowMs()) {
    throw retryLater(
      z,
      `${label} was sent to Procountor ${Math.round(waited / 1000)} s ago and its answer was lost; Procountor may still make it. ` +
        `Nothing is written again until that is known. Zapier will retry.`,
      Math.min(Math.ceil((inDoubtWindowMs() - waited) / 1000), 60),
    );
  }
  return undefined;
};
