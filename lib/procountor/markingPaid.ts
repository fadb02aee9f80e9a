// Marking a payment taken elsewhere (a card, Stripe, cash) on a sales invoice: PUT /invoices/{id}/paymentevents/markpaid,
// once. Procountor keeps no key for a payment, so each payment this app records carries a marker "[PAY:<key>]" in its
// description (PaymentEvent.description, "Used only in sales invoices"), and a run first reads the invoice's payment
// events (GET /invoices/{id}/paymentevents) for it. Runs for one invoice take turns through a claim; a markpaid that got
// no answer keeps the claim until it lapses, and the retry reads the events before marking again.
import crypto from 'node:crypto';
import type { ZObject } from 'zapier-platform-core';
import { formatMoney, roundCents } from '../rules/money';
import { CLAIM_TTL_SECONDS, withClaim } from '../zapier/claim';
import { InputError, isOutcomeUnknown, outcomeUnknown } from '../zapier/errors';
import type { ProcountorClient } from './client';
import { invoiceTotals, statusInWords } from './invoices';
import { Currency, type InvoiceAnswer, type PaymentEvent, type PaymentMethodType } from './schemas';

const CLAIM_WAIT_MS = 5_000;

export interface PaymentToMark {
  invoiceId: number;
  /** In the invoice's currency; undefined: what is open. */
  amount?: number;
  paymentDate: string;
  /** One of PaymentEvent.type's values (Procountor: "informative", it changes nothing). */
  method: PaymentMethodType;
  /** The payment's own id elsewhere (a Stripe charge): two payments of one amount on one day stay two. */
  reference?: string;
}

export interface MarkPaidOutcome {
  invoiceId: number;
  invoiceNumber: number | null;
  status: string;
  openAmount: number;
  currency: string;
  amount: number;
  alreadyExisted: boolean;
}

/** The marker's key: the reference given, or what makes this payment this payment (the day, the method, the amount). */
const paymentKey = (payment: PaymentToMark) =>
  payment.reference ??
  crypto
    .createHash('sha256')
    .update([payment.invoiceId, payment.paymentDate, payment.method, payment.amount ?? 'open'].join('|'))
    .digest('hex')
    .slice(0, 16);
const markerOf = (payment: PaymentToMark) => `[PAY:${paymentKey(payment)}]`;

const nameOf = (invoice: Pick<InvoiceAnswer, 'id' | 'invoiceNumber'>) => `Invoice ${invoice.invoiceNumber ?? `(ID ${invoice.id})`}`;
const paidIn = (events: PaymentEvent[]) => roundCents(events.reduce((sum, e) => sum + (e.paidAmount ?? e.amount ?? 0), 0));

/** "The transactions will not be able to be added if the status of the invoice is UNFINISHED" (Procountor's use case). */
const checkMarkable = (invoice: InvoiceAnswer) => {
  if (invoice.type && invoice.type !== 'SALES_INVOICE')
    throw new InputError(`${nameOf(invoice)} is not a sales invoice; only sales invoices can be marked paid.`);
  if (invoice.status === 'UNFINISHED') {
    throw new InputError(
      `${nameOf(invoice)} is Unfinished: Procountor takes payments only on approved or sent invoices. Send it first (Approve and Send Invoice, or in Procountor).`,
    );
  }
  if (invoice.status === 'INVALIDATED' || invoice.status === 'DELETED') {
    throw new InputError(`${nameOf(invoice)} is ${statusInWords(invoice.status).toLowerCase()}: there is nothing to pay on it.`);
  }
};

/** How much to mark: what is open, or the amount asked for when it fits in what is open. */
const amountToMark = (invoice: InvoiceAnswer, asked: number | undefined, open: number, currency: string) => {
  if (open <= 0) throw new InputError(`${nameOf(invoice)} is already paid in full (${statusInWords(invoice.status)}): nothing is open to mark paid.`);
  if (asked === undefined) return open;
  if (asked <= 0) throw new InputError('Amount must be above zero. Leave it empty to mark what is open paid.');
  if (roundCents(asked) > open) {
    throw new InputError(
      `Amount ${formatMoney(asked, currency)} is more than the ${formatMoney(open, currency)} open on ${nameOf(invoice).toLowerCase()}. Check the Amount, or leave it empty to mark what is open.`,
    );
  }
  return roundCents(asked);
};

const markOnce = async (z: ZObject, client: ProcountorClient, payment: PaymentToMark): Promise<MarkPaidOutcome> => {
  const [invoice] = await client.getInvoices([payment.invoiceId]);
  if (!invoice) throw new InputError(`Procountor has no invoice ${payment.invoiceId}. Pick the invoice from the "Invoice" dropdown or map its Invoice ID.`);
  checkMarkable(invoice);
  const events = await client.getPaymentEvents(invoice.id);
  const { total, currency } = invoiceTotals(invoice);
  const open = roundCents((total ?? 0) - paidIn(events));
  const marker = markerOf(payment);
  const base = { invoiceId: invoice.id, invoiceNumber: invoice.invoiceNumber ?? null, currency };
  const earlier = events.find((e) => (e.description ?? '').includes(marker));
  if (earlier) {
    return { ...base, status: invoice.status ?? '', openAmount: open, amount: earlier.paidAmount ?? earlier.amount ?? 0, alreadyExisted: true };
  }
  const amount = amountToMark(invoice, payment.amount, open, currency);
  const paidCurrency = Currency.safeParse(currency);
  if (!paidCurrency.success) throw new InputError(`${nameOf(invoice)} is in ${currency}, a currency Procountor does not list for payments.`);
  try {
    const description = `Marked paid from Zapier${payment.reference ? ` (${payment.reference})` : ''} ${marker}`;
    await client.markInvoicePaid(invoice.id, {
      paymentDate: payment.paymentDate,
      amount,
      currency: paidCurrency.data,
      paymentMethodType: payment.method,
      description,
    });
  } catch (error) {
    if (!isOutcomeUnknown(error)) throw error;
    throw outcomeUnknown(
      z,
      `Procountor did not answer whether it recorded the payment on ${nameOf(invoice).toLowerCase()}. Zapier will retry; the retry looks for the payment before recording it.`,
      CLAIM_TTL_SECONDS,
    );
  }
  const openAmount = roundCents(open - amount);
  // "When the invoice's open sum is zero, the status of the invoice will change to Marked paid (MARKED_PAID)", else Partly paid.
  return { ...base, status: openAmount === 0 ? 'MARKED_PAID' : 'PARTLY_PAID', openAmount, amount, alreadyExisted: false };
};

/** Records the payment on the invoice once: a replay, or a second run at once, answers the payment already recorded. */
export const markInvoicePaid = (z: ZObject, client: ProcountorClient, payment: PaymentToMark) =>
  withClaim(
    z,
    {
      key: `procountor:markpaid:${payment.invoiceId}`,
      of: 'company',
      waitMs: CLAIM_WAIT_MS,
      busyMessage: `Another run is marking a payment on invoice ${payment.invoiceId}, or its answer is still missing. Zapier will retry this one shortly.`,
    },
    () => markOnce(z, client, payment),
  );
