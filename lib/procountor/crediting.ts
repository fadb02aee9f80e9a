// Crediting a sales invoice, once: a sent invoice gets a credit note (creditNote.ts), Unfinished for the accountant to
// send; one not yet sent is invalidated instead (PUT /invoices/{id}/invalidate), as Procountor's manual says ("A sent
// invoice cannot be changed or invalidated; errors are corrected with a credit invoice"; "an Unfinished invoice can be
// invalidated instead"). Runs for one invoice take turns through a claim, and each looks for the credit note by its
// marker before making one; a POST that got no answer keeps the claim until it lapses, and the retry looks again.
import type { ZObject } from 'zapier-platform-core';
import { todayInHelsinki } from '../rules/dates';
import { CLAIM_TTL_SECONDS, withClaim } from '../zapier/claim';
import { InputError, isOutcomeUnknown, outcomeUnknown } from '../zapier/errors';
import type { ProcountorClient } from './client';
import { creditNoteOf, creditOrderKey } from './creditNote';
import { isForbidden, undefinedWhenMissing } from './errors';
import { findInvoiceForOrder, statusInWords } from './invoices';
import type { InvoiceToCredit } from './schemas';

const CLAIM_WAIT_MS = 5_000;
/** Not yet sent: invalidated, never credited. */
const NOT_SENT = new Set(['UNFINISHED', 'NOT_SENT', 'APPROVED']);
/** Sent (and perhaps paid since): credited. */
const SENT_OR_LATER = new Set(['SENT', 'PAID', 'PARTLY_PAID', 'MARKED_PAID', 'PAYMENT_QUEUED', 'PAYMENT_SENT_TO_BANK']);

interface CreditOutcome {
  invoiceId: number;
  invoiceNumber: number | null;
  action: 'credited' | 'invalidated';
  creditInvoiceId: number | null;
  creditInvoiceNumber: number | null;
  status: string;
  alreadyExisted: boolean;
}

const nameOf = (invoice: Pick<InvoiceToCredit, 'id' | 'invoiceNumber'>) => `invoice ${invoice.invoiceNumber ?? `(ID ${invoice.id})`}`;

const invalidate = async (client: ProcountorClient, original: InvoiceToCredit): Promise<CreditOutcome> => {
  const outcome = (alreadyExisted: boolean): CreditOutcome => ({
    invoiceId: original.id,
    invoiceNumber: original.invoiceNumber ?? null,
    action: 'invalidated',
    creditInvoiceId: null,
    creditInvoiceNumber: null,
    status: 'INVALIDATED',
    alreadyExisted,
  });
  if (original.status === 'INVALIDATED') return outcome(true);
  try {
    await client.invalidateInvoice(original.id);
  } catch (error) {
    // 403 is also "invoice in closed fiscal year" and a status that moved: read the status before naming the cause.
    if (!isForbidden(error)) throw error;
    const [now] = await client.getInvoices([original.id]);
    if (now?.status === 'INVALIDATED') return outcome(true);
    if (now?.status && SENT_OR_LATER.has(now.status))
      throw new InputError(`${nameOf(original)} was sent while this step ran. Run the step again to credit it.`);
    throw error;
  }
  return outcome(false);
};

const credit = async (z: ZObject, client: ProcountorClient, original: InvoiceToCredit, reason: string | undefined): Promise<CreditOutcome> => {
  const outcome = (note: { id: number; invoiceNumber?: number | null; status?: string | null }, alreadyExisted: boolean): CreditOutcome => ({
    invoiceId: original.id,
    invoiceNumber: original.invoiceNumber ?? null,
    action: 'credited',
    creditInvoiceId: note.id,
    creditInvoiceNumber: note.invoiceNumber ?? null,
    status: note.status ?? '',
    alreadyExisted,
  });
  const existing = await findInvoiceForOrder(client, creditOrderKey(original.id));
  if (existing) return outcome(existing, true);
  const body = creditNoteOf(original, todayInHelsinki(), reason);
  try {
    return outcome(await client.createInvoice(body), false);
  } catch (error) {
    if (!isOutcomeUnknown(error)) throw error;
    throw outcomeUnknown(
      z,
      `Procountor did not answer whether it made the credit note for ${nameOf(original)}. Zapier will retry; the retry looks for the credit note before making one.`,
      CLAIM_TTL_SECONDS,
    );
  }
};

const creditOnce = async (z: ZObject, client: ProcountorClient, invoiceId: number, reason: string | undefined) => {
  const original = await undefinedWhenMissing(client.getInvoiceToCredit(invoiceId));
  if (!original) throw new InputError(`Procountor has no invoice ${invoiceId}. Pick the invoice from the "Invoice" dropdown or map its Invoice ID.`);
  if (original.type && original.type !== 'SALES_INVOICE')
    throw new InputError(`${nameOf(original)} is not a sales invoice; only sales invoices are credited here.`);
  const status = original.status ?? '';
  if (NOT_SENT.has(status) || status === 'INVALIDATED') return invalidate(client, original);
  if (SENT_OR_LATER.has(status)) return credit(z, client, original, reason);
  throw new InputError(
    `${nameOf(original)} is ${statusInWords(status).toLowerCase()}; only sent invoices are credited, and invoices not yet sent invalidated.`,
  );
};

/** Credits a sent invoice, or invalidates one not yet sent; a replay or a second run at once answers what the first did. */
export const creditInvoice = (z: ZObject, client: ProcountorClient, invoiceId: number, reason: string | undefined) =>
  withClaim(
    z,
    {
      key: `procountor:credit:${invoiceId}`,
      of: 'company',
      waitMs: CLAIM_WAIT_MS,
      busyMessage: `Another run is crediting invoice ${invoiceId}, or its credit note's answer is still missing. Zapier will retry this one shortly.`,
    },
    () => creditOnce(z, client, invoiceId, reason),
  );
