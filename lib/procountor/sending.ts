// Approving and sending a sales invoice (PUT /invoices/{id}/approve, then /send), safe to replay: the invoice's
// status is read first, so an approved invoice is not approved again and a sent one is not sent twice.
import { InputError } from '../zapier/errors';
import type { ProcountorClient } from './client';

/** Statuses after which the invoice has been sent (and perhaps paid since). */
const SENT_OR_LATER = new Set(['SENT', 'PAID', 'PARTLY_PAID', 'MARKED_PAID', 'PAYMENT_QUEUED', 'PAYMENT_SENT_TO_BANK']);

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

export const approveAndSendInvoice = async (client: ProcountorClient, invoiceId: number): Promise<SendOutcome> => {
  const [invoice] = await client.getInvoices([invoiceId]);
  if (!invoice) throw new InputError(`Procountor has no invoice ${invoiceId}. Pick the invoice from the "Invoice" dropdown or map its Invoice ID.`);
  const name = `Invoice ${invoice.invoiceNumber ?? `(ID ${invoice.id})`}`;
  if (invoice.type && invoice.type !== 'SALES_INVOICE') {
    throw new InputError(`${name} is a ${invoice.type.toLowerCase().replace(/_/g, ' ')}; only sales invoices can be sent.`);
  }
  let status = invoice.status ?? '';
  const outcome = { id: invoice.id, invoiceNumber: invoice.invoiceNumber ?? null, channel: invoice.invoiceChannel ?? '' };
  if (SENT_OR_LATER.has(status)) {
    return {
      ...outcome,
      status,
      approvedNow: false,
      alreadySent: true,
      statusNote: `Already ${status.toLowerCase().replace(/_/g, ' ')}; not sent again.`,
      procountorRequests: client.requestCount,
    };
  }
  const noSending = invoice.invoiceChannel === 'NO_SENDING';
  let approvedNow = false;
  if (status === 'UNFINISHED') {
    await client.approveInvoice(invoice.id);
    approvedNow = true;
    status = noSending ? 'APPROVED' : 'NOT_SENT';
  }
  if (status === 'APPROVED' && noSending) {
    return { ...outcome, status, approvedNow, alreadySent: false, statusNote: NO_SENDING_NOTE, procountorRequests: client.requestCount };
  }
  if (status !== 'NOT_SENT') {
    throw new InputError(`${name} is ${status}; only Unfinished or approved (Not sent) invoices can be sent. Check it in Procountor.`);
  }
  await client.sendInvoice(invoice.id);
  return { ...outcome, status: 'SENT', approvedNow, alreadySent: false, statusNote: 'Sent.', procountorRequests: client.requestCount };
};
