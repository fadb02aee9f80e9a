// Approving and sending a sales invoice (PUT /invoices/{id}/approve, then /send), once per invoice. Runs for one invoice
// take turns through a claim and read the invoice's status inside it: an approved invoice is not approved again, a sent
// one is not sent twice (Procountor would send a SENT invoice again), and the later of two runs reports what the first
// did. A send that got no answer keeps the claim until it lapses, so no run sends again while it may still land.
import type { ZObject } from 'zapier-platform-core';
import { CLAIM_TTL_SECONDS, withClaim } from '../zapier/claim';
import { InputError, isOutcomeUnknown, outcomeUnknown, retryLater } from '../zapier/errors';
import type { ProcountorClient } from './client';
import { isForbidden } from './errors';
import type { InvoiceAnswer } from './schemas';

/** Statuses after which the invoice has been sent (and perhaps paid since). */
const SENT_OR_LATER = new Set(['SENT', 'PAID', 'PARTLY_PAID', 'MARKED_PAID', 'PAYMENT_QUEUED', 'PAYMENT_SENT_TO_BANK']);
/** A run waiting for another run of the same invoice (three requests, normally a second or two) gives up after this. */
const SEND_CLAIM_WAIT_MS = 5_000;

export interface SendOutcome {
  id: number;
  invoiceNumber: number | null;
  status: string;
  channel: string;
  approvedNow: boolean;
  alreadySent: boolean;
  /** One sentence on what happened; for a No-sending invoice, that Procountor sends nothing. */
  statusNote: string;
  procountorRequests: number;
}

/**
 * "approve: NOT_SENT; APPROVED when the invoice channel is No sending", and only NOT_SENT and SENT invoices can be sent
 * (Procountor's "Sales invoice statuses in the Procountor API"): a No-sending invoice is done once it is approved.
 */
const NO_SENDING_NOTE =
  'Approved. Procountor sends nothing for an invoice whose channel is No sending: deliver it to the customer yourself, or give it another invoice channel in Procountor before approving.';

const nameOf = (invoice: Pick<InvoiceAnswer, 'id' | 'invoiceNumber'>) => `Invoice ${invoice.invoiceNumber ?? `(ID ${invoice.id})`}`;
const alreadyNote = (status: string) => `Already ${status.toLowerCase().replace(/_/g, ' ')}; not sent again.`;

const readSalesInvoice = async (client: ProcountorClient, invoiceId: number) => {
  const [invoice] = await client.getInvoices([invoiceId]);
  if (!invoice) throw new InputError(`Procountor has no invoice ${invoiceId}. Pick the invoice from the "Invoice" dropdown or map its Invoice ID.`);
  if (invoice.type && invoice.type !== 'SALES_INVOICE') {
    throw new InputError(`${nameOf(invoice)} is a ${invoice.type.toLowerCase().replace(/_/g, ' ')}; only sales invoices can be sent.`);
  }
  return invoice;
};

/**
 * Procountor answers 403 both for missing rights and for an invoice whose status no longer allows the call ("Insufficient
 * user rights or invalid invoice status"): someone may have approved or sent it since it was read. The status now, when
 * it moved; when it did not, the 403 is about rights and is thrown as it came.
 */
const statusAfterRefusal = async (client: ProcountorClient, invoiceId: number, before: string, error: unknown) => {
  if (!isForbidden(error)) throw error;
  const [now] = await client.getInvoices([invoiceId]);
  const status = now?.status ?? '';
  if (status === before) throw error;
  return status;
};

const approveAndSend = async (z: ZObject, client: ProcountorClient, invoiceId: number): Promise<SendOutcome> => {
  const invoice = await readSalesInvoice(client, invoiceId);
  const name = nameOf(invoice);
  const noSending = invoice.invoiceChannel === 'NO_SENDING';
  let status = invoice.status ?? '';
  let approvedNow = false;
  const outcome = (alreadySent: boolean, statusNote: string): SendOutcome => ({
    id: invoice.id,
    invoiceNumber: invoice.invoiceNumber ?? null,
    channel: invoice.invoiceChannel ?? '',
    status,
    approvedNow,
    alreadySent,
    statusNote,
    procountorRequests: client.requestCount,
  });
  if (status === 'UNFINISHED') {
    try {
      await client.approveInvoice(invoice.id);
      approvedNow = true;
      status = noSending ? 'APPROVED' : 'NOT_SENT';
    } catch (error) {
      status = await statusAfterRefusal(client, invoice.id, status, error);
      // Approved meanwhile outside this connection's claim (a person in Procountor, a Zap on another connection), which
      // may be sending it right now: the retry sends it unless it was sent by then.
      if (status === 'NOT_SENT') {
        throw retryLater(
          z,
          `${name} was approved in Procountor while this step ran, perhaps by someone sending it now. Zapier will retry, and sends it then unless it was sent.`,
        );
      }
    }
  }
  if (SENT_OR_LATER.has(status)) return outcome(true, alreadyNote(status));
  if (status === 'APPROVED' && noSending) return outcome(false, NO_SENDING_NOTE);
  if (status !== 'NOT_SENT') {
    throw new InputError(`${name} is ${status}; only Unfinished or approved (Not sent) invoices can be sent. Check it in Procountor.`);
  }
  try {
    await client.sendInvoice(invoice.id);
  } catch (error) {
    if (isOutcomeUnknown(error)) {
      // Kept in doubt: withClaim holds the claim until it lapses, and the retry comes after that.
      throw outcomeUnknown(
        z,
        `Procountor did not answer whether it sent ${name.replace(/^Invoice/, 'invoice')}. Zapier will retry once Procountor has had time to finish; ` +
          'the retry checks whether it was sent before sending it.',
        CLAIM_TTL_SECONDS,
      );
    }
    status = await statusAfterRefusal(client, invoice.id, status, error);
    if (SENT_OR_LATER.has(status)) return outcome(true, alreadyNote(status));
    throw new InputError(`${name} is ${status}; only Unfinished or approved (Not sent) invoices can be sent. Check it in Procountor.`);
  }
  status = 'SENT';
  return outcome(false, 'Sent.');
};

/** Approves and sends the invoice, once: a run that finds another run of it under way waits, then reports what it did. */
export const approveAndSendInvoice = (z: ZObject, client: ProcountorClient, invoiceId: number): Promise<SendOutcome> =>
  withClaim(
    z,
    {
      key: `procountor:send:${invoiceId}`,
      of: 'company',
      waitMs: SEND_CLAIM_WAIT_MS,
      busyMessage: `Another run is approving and sending invoice ${invoiceId}, or its send is still unanswered. Zapier will retry this one shortly, and it reports what happened then.`,
    },
    () => approveAndSend(z, client, invoiceId),
  );
