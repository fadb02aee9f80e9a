// Bringing an invoice's living Slack message up to date: where the invoice stands, read from Procountor (status, number,
// sums, payment events), and Approve and Send Invoice's built-in "Notify Slack Channel".
import type { ZObject } from 'zapier-platform-core';
import type { ProcountorClient } from '../procountor/client';
import { contractIdIn, invoiceTotals, uniqueKeyIn } from '../procountor/invoices';
import type { InvoiceAnswer, PaymentEvent } from '../procountor/schemas';
import { InputError, messageOf } from '../zapier/errors';
import { flag, text } from '../zapier/inputs';
import { daysBetween, todayInHelsinki } from '../rules/dates';
import { updateLivingMessage, type LivingMessageOutcome } from './livingMessage';
import type { InvoiceStanding, PaymentSeen } from './standing';

/** Statuses whose payments are worth a request: the others have none. */
const WITH_PAYMENTS = new Set(['PARTLY_PAID', 'PAID', 'MARKED_PAID']);
/** Payment event statuses that are not money received (PaymentEvent.status). */
const NOT_RECEIVED = new Set(['EMPTY', 'PAYMENT_DENIED', 'INVALIDATED', 'DELETED', 'UNSAVED', 'PAYMENT_TRANSACTION_REMOVED']);

/**
 * Each payment in the invoice's currency: `paidAmount` is "in paid currency", `amount` "in accounting currency"
 * (PaymentEvent); whichever is in the invoice's currency is taken, else the amount is not known.
 */
const paymentsIn = (events: PaymentEvent[], currency: string): PaymentSeen[] =>
  events
    .filter((event) => !NOT_RECEIVED.has(event.status ?? ''))
    .map((event) => {
      const inPaid = (event.paidCurrency ?? currency) === currency ? event.paidAmount : undefined;
      const inAccounting = (event.currency ?? currency) === currency ? event.amount : undefined;
      return { amount: inPaid ?? inAccounting ?? null, date: event.paymentDate ?? '', id: event.id ?? 0 };
    })
    .sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id)
    .map(({ amount, date }) => ({ amount, date }));

/**
 * Procountor publishes no sending date. An invoice whose status is SENT was last changed by being sent, so its
 * `version` ("updated date", Helsinki time as Procountor writes date-times) gives the day; later statuses give none.
 */
const sentOnOf = (invoice: Pick<InvoiceAnswer, 'status' | 'version'>) =>
  invoice.status === 'SENT' && /^\d{4}-\d{2}-\d{2}/.test(invoice.version ?? '') ? invoice.version!.slice(0, 10) : undefined;

/** Days past the due date that counts (`newDueDate`, "Payment new due date", when Procountor has one); 0 when not past. */
const daysOverdueOf = (invoice: Pick<InvoiceAnswer, 'paymentInfo'>) => {
  const due = invoice.paymentInfo?.newDueDate || invoice.paymentInfo?.dueDate;
  return due ? Math.max(0, daysBetween(due, todayInHelsinki())) : 0;
};

/** Where the invoice stands, and its date (where a search for its message starts). */
const readStanding = async (client: ProcountorClient, invoiceId: number): Promise<{ standing: InvoiceStanding; date: string }> => {
  let invoice: InvoiceAnswer | undefined;
  try {
    [invoice] = await client.getInvoices([invoiceId]);
  } catch (error) {
    if (!/ProcountorNotFound/.test(String((error as Error).message))) throw error;
  }
  if (!invoice || (invoice.type && invoice.type !== 'SALES_INVOICE')) {
    throw new InputError(
      `Procountor has no sales invoice with the ID ${invoiceId}. Pick the invoice from the "Invoice" dropdown, or map Invoice ID (Procountor) from an earlier step.`,
    );
  }
  const { total, currency } = invoiceTotals(invoice);
  const status = invoice.status ?? '';
  const events = WITH_PAYMENTS.has(status) ? await client.getPaymentEvents(invoice.id) : [];
  const contractId = contractIdIn(invoice.additionalInformation);
  const key = contractId ? '' : uniqueKeyIn(invoice.additionalInformation);
  const standing: InvoiceStanding = {
    invoiceId: invoice.id,
    invoiceNumber: invoice.invoiceNumber ?? null,
    status,
    customerName: invoice.counterParty?.counterPartyAddress?.name ?? '',
    contractNumber: contractId ? invoice.agreementNumber || contractId : undefined,
    reference: key ? { label: 'Order', value: key } : undefined,
    total,
    currency,
    dueDate: invoice.paymentInfo?.newDueDate || invoice.paymentInfo?.dueDate || '',
    invoiceChannel: invoice.invoiceChannel ?? '',
    sentOn: sentOnOf(invoice),
    payments: paymentsIn(events, currency),
    daysOverdue: daysOverdueOf(invoice),
  };
  return { standing, date: invoice.date ?? '' };
};

/** Reads the invoice and brings its Slack message up to date. */
export const updateInvoiceMessage = async (
  z: ZObject,
  bundle: { authData: Record<string, string | undefined> },
  client: ProcountorClient,
  request: { invoiceId: number; channel: string; note?: string; replyBroadcast?: boolean; creditedBy?: string },
): Promise<LivingMessageOutcome & { standing: InvoiceStanding }> => {
  const read = await readStanding(client, request.invoiceId);
  const standing: InvoiceStanding = { ...read.standing, creditedBy: request.creditedBy };
  const date = read.date;
  const outcome = await updateLivingMessage(z, bundle, {
    channel: request.channel,
    standing,
    searchFrom: date,
    note: request.note,
    replyBroadcast: request.replyBroadcast,
  });
  return { ...outcome, standing };
};

const NOT_ASKED = { slack_alert: 'not_requested', slack_channel: '', slack_ts: '', slack_permalink: '', slack_error: '', slack_warning: '' };

/**
 * The "Notify Slack Channel" of Approve and Send, Credit Invoice, Mark Invoice Paid and Invoice Overdue: updates the
 * invoice's message after the step's work (or posts one). The work stands whatever Slack does: a Slack failure is
 * reported in the output, and a replay updates the message. `creditedBy` names the credit note the step made.
 */
export const notifyIfAsked = async (
  z: ZObject,
  bundle: { authData: Record<string, string | undefined>; inputData: Record<string, unknown> },
  client: ProcountorClient,
  invoiceId: number,
  creditedBy?: string,
) => {
  const channel = text(bundle.inputData.slack_channel);
  if (!channel) return NOT_ASKED;
  try {
    const replyBroadcast = flag(bundle.inputData.reply_broadcast, false);
    const outcome = await updateInvoiceMessage(z, bundle, client, { invoiceId, channel, replyBroadcast, creditedBy });
    return {
      slack_alert: outcome.message_action,
      slack_channel: outcome.channel,
      slack_ts: outcome.ts,
      slack_permalink: outcome.permalink,
      slack_error: '',
      slack_warning: outcome.warning,
    };
  } catch (error) {
    return { ...NOT_ASKED, slack_alert: 'failed', slack_channel: channel, slack_error: messageOf(error) };
  }
};
