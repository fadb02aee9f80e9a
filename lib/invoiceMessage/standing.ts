// Where an invoice stands, as its living Slack message shows it, and what changed since the message last showed it:
// the status in plain words ("Sent 12.12.2026 by e-invoice", "Partly paid 500,00 € of 941,25 €"), one thread reply per
// change, and the message metadata that remembers what the message shows. Pure.
import { z as zod } from 'zod';
import { finnishDate } from '../rules/dates';
import { formatMoney, roundCents } from '../rules/money';
import { statusInWords } from '../procountor/invoices';
import { cut, wellFormed } from '../slack/text';
import { invoiceAlertMessage, type InvoiceAlert } from './alertMessage';

/** A payment as Procountor lists it, in the invoice's currency (null when Procountor gave it only in another). */
export interface PaymentSeen {
  amount: number | null;
  date: string;
}

/** An invoice as its message shows it: Procountor's status and sums, how it was sent, and its payments oldest first. */
export interface InvoiceStanding {
  invoiceId: number;
  invoiceNumber: number | null;
  status: string;
  customerName: string;
  /** The contract the invoice was made from (its number), when a contract made it. */
  contractNumber?: string;
  /** For an invoice made from line items: its reference ("Order", the unique key). */
  reference?: { label: string; value?: string };
  total: number | null;
  currency: string;
  dueDate: string;
  /** Procountor's invoice channel (ELECTRONIC_INVOICE, EMAIL, MAIL, ...). */
  invoiceChannel: string;
  /** The day it was sent, when known: Procountor publishes no sending date (see `sentOnOf` in lib/fields). */
  sentOn?: string;
  payments: PaymentSeen[];
  /** Days since the due date (its new one when postponed), while the invoice is open and past it. */
  daysOverdue?: number;
  /** What credited it, when Credit Invoice did: "invoice 1043 (Contract cancelled)". Kept in the message's metadata. */
  creditedBy?: string;
}

/** What a message shows, kept in its metadata: the status, what was paid in how many payments, the day it was sent. */
export interface Shown {
  status: string;
  paid: number;
  payments: number;
  sentOn: string;
  /** Whether it showed the invoice overdue (the thread is told once when it becomes so). */
  overdue: boolean;
  /** What credited it ("invoice 1043 (Contract cancelled)"), once known; empty before. */
  credited: string;
}

/** The app's own metadata event type ([md]: "<resource_name_singular>_<action_in_past_tense>"). */
const INVOICE_EVENT_TYPE = 'procountor_invoice_tracked';

/** Statuses after which the invoice has been sent (and perhaps paid since), as Procountor names them. */
const SENT_OR_LATER = new Set(['SENT', 'PARTLY_PAID', 'PAID', 'MARKED_PAID', 'PAYMENT_QUEUED', 'PAYMENT_SENT_TO_BANK']);
/** A run adds at most this many replies: older payments are told together in the first, so a thread stays readable. */
export const MAX_REPLIES_PER_RUN = 5;
/** A note is one person's remark, not a document. */
const MAX_NOTE = 2000;

const CHANNEL_WORDS: Record<string, string> = {
  ELECTRONIC_INVOICE: 'by e-invoice',
  EMAIL: 'by e-mail',
  MAIL: 'by post',
  PAPER_INVOICE: 'on paper',
  EDIFACT: 'by EDIFACT',
  NO_SENDING: 'without delivery to the customer (No sending)',
};

/** The message header's last word(s): "Invoice 1002 for Asiakas Oy: paid". */
const HEADLINES: Record<string, string> = {
  NOT_SENT: 'approved',
  APPROVED: 'approved',
  SENT: 'sent',
  PARTLY_PAID: 'partly paid',
  PAID: 'paid',
  MARKED_PAID: 'marked paid',
};
/** Statuses with money still to come: such an invoice past its due date is overdue. */
const OPEN = new Set(['SENT', 'APPROVED', 'NOT_SENT', 'PARTLY_PAID']);

const paidOf = (standing: Pick<InvoiceStanding, 'payments'>) =>
  roundCents(standing.payments.reduce((sum, p) => sum + Math.round((p.amount ?? 0) * 100), 0) / 100);
const money = (standing: Pick<InvoiceStanding, 'currency'>, amount: number | null | undefined) => formatMoney(amount, standing.currency, '');
const word = (status: string) => statusInWords(status, 'Unknown');
const on = (iso: string | undefined) => (finnishDate(iso) ? ` ${finnishDate(iso)}` : '');

const openOf = (standing: InvoiceStanding) => (standing.total === null ? null : roundCents(standing.total - paidOf(standing)));
const isOverdue = (standing: InvoiceStanding) => OPEN.has(standing.status) && !standing.creditedBy && (standing.daysOverdue ?? 0) > 0;
const overdueLine = (standing: InvoiceStanding) => {
  const days = standing.daysOverdue ?? 0;
  const open = openOf(standing);
  return `Overdue ${days} ${days === 1 ? 'day' : 'days'}${open !== null && open > 0 ? `: ${money(standing, open)} open` : ''}`;
};

const sentLine = (standing: InvoiceStanding) =>
  `Sent${on(standing.sentOn)}${CHANNEL_WORDS[standing.invoiceChannel] ? ` ${CHANNEL_WORDS[standing.invoiceChannel]}` : ''}`;

/** The status as people say it. */
export const statusLine = (standing: InvoiceStanding): string => {
  const paid = paidOf(standing);
  if (standing.creditedBy) return `Credited by ${standing.creditedBy}`;
  if (isOverdue(standing)) return overdueLine(standing);
  switch (standing.status) {
    case 'NOT_SENT':
      return 'Approved, not sent yet';
    // Approval gives APPROVED, not NOT_SENT, when the channel is No sending: Procountor will send nothing.
    case 'APPROVED':
      return standing.invoiceChannel === 'NO_SENDING' ? 'Approved; Procountor sends nothing for a No-sending invoice' : 'Approved';
    case 'SENT':
      return sentLine(standing);
    case 'PARTLY_PAID':
      return paid > 0 && standing.total !== null ? `Partly paid ${money(standing, paid)} of ${money(standing, standing.total)}` : 'Partly paid';
    case 'PAID':
      return standing.total !== null ? `Paid ${money(standing, standing.total)}` : 'Paid';
    default:
      return word(standing.status);
  }
};

const todoOf = (standing: InvoiceStanding) => {
  const due = finnishDate(standing.dueDate);
  if (standing.creditedBy) return 'To do in Procountor: check and send the credit note.';
  if (isOverdue(standing)) return `Was due ${due ?? 'earlier'}: remind the customer, or agree a new due date in Procountor.`;
  switch (standing.status) {
    case 'NOT_SENT':
      return 'To do in Procountor: send the invoice.';
    case 'SENT':
      return `Waiting for payment${due ? `, due ${due}` : ''}.`;
    case 'PARTLY_PAID': {
      const open = standing.total === null ? null : roundCents(standing.total - paidOf(standing));
      return `${open !== null && open > 0 ? `${money(standing, open)} still open` : 'Waiting for the rest'}${due ? `, due ${due}` : ''}.`;
    }
    default:
      return undefined;
  }
};

/** A note as it goes into Slack: well-formed, trimmed and cut. */
const noteText = (note: string | undefined) => {
  const clean = note === undefined ? '' : wellFormed(note).trim();
  return clean ? cut(clean, MAX_NOTE) : undefined;
};

/**
 * The message for an invoice where it stands now. An Unfinished invoice reads as the new-invoice alert did, so a
 * message the alert posted needs no update until the invoice moves on.
 */
export const standingMessage = (standing: InvoiceStanding, note?: string) => {
  const alert: InvoiceAlert = {
    invoiceNumber: standing.invoiceNumber,
    customerName: standing.customerName,
    contractNumber: standing.contractNumber,
    reference: standing.reference,
    total: standing.total,
    currency: standing.currency,
    dueDate: standing.dueDate,
    status: standing.status,
    notes: noteText(note) && `Note: ${noteText(note)}`,
  };
  if (standing.status === 'UNFINISHED') return invoiceAlertMessage(alert);
  const headline = standing.creditedBy ? 'credited' : isOverdue(standing) ? 'overdue' : (HEADLINES[standing.status] ?? word(standing.status).toLowerCase());
  return invoiceAlertMessage({ ...alert, standing: { headline, status: statusLine(standing), todo: todoOf(standing) } });
};

/** What the message will show, for its metadata; the day it was sent carries over once known. */
export const shownOf = (standing: InvoiceStanding, previous?: Shown): Shown => ({
  status: standing.status,
  paid: paidOf(standing),
  payments: standing.payments.length,
  sentOn: standing.sentOn ?? previous?.sentOn ?? '',
  overdue: isOverdue(standing),
  credited: standing.creditedBy ?? previous?.credited ?? '',
});

/** What a message posted for a new invoice shows. */
export const NEW_INVOICE_SHOWN: Shown = { status: 'UNFINISHED', paid: 0, payments: 0, sentOn: '', overdue: false, credited: '' };

const paymentReply = (standing: InvoiceStanding, payment: PaymentSeen, paidSoFar: number, last: boolean) => {
  const amount = payment.amount === null ? 'A payment' : `A payment of ${money(standing, payment.amount)}`;
  const when = finnishDate(payment.date) ? ` arrived ${finnishDate(payment.date)}` : ' arrived';
  if (last && standing.status === 'PAID') {
    const whole = standing.payments.length > 1 && standing.total !== null ? ` (${money(standing, standing.total)} in all)` : '';
    return `Paid in full: ${amount.charAt(0).toLowerCase()}${amount.slice(1)}${when}${whole}.`;
  }
  const open = standing.total === null ? null : roundCents(standing.total - paidSoFar);
  return `${amount}${when}${open !== null && open > 0 ? `; ${money(standing, open)} still open` : ''}.`;
};

const statusReply = (standing: InvoiceStanding) => {
  switch (standing.status) {
    case 'MARKED_PAID':
      return 'Marked paid in Procountor.';
    case 'INVALIDATED':
      return 'Invalidated in Procountor.';
    default:
      return `${statusLine(standing)}.`;
  }
};

/**
 * The thread replies for what changed since the message showed `previous`: sending, each new payment, any other
 * change of status. The same state gives none, so a replay adds nothing. A note goes with the last reply.
 */
export const changesSince = (previous: Shown, standing: InvoiceStanding, note?: string): string[] => {
  const replies: string[] = [];
  const wasSent = SENT_OR_LATER.has(previous.status);
  const isSent = SENT_OR_LATER.has(standing.status);
  if (!wasSent && isSent) {
    const sent = sentLine({ ...standing, sentOn: standing.sentOn ?? (previous.sentOn || undefined) });
    replies.push(previous.status === 'UNFINISHED' ? `Approved and ${sent.charAt(0).toLowerCase()}${sent.slice(1)}.` : `${sent}.`);
  } else if (!wasSent && standing.status === 'NOT_SENT' && previous.status !== 'NOT_SENT') {
    replies.push('Approved in Procountor, not sent yet.');
  }
  const fresh = standing.payments.slice(previous.payments);
  const told =
    (standing.status === 'SENT' && !wasSent) ||
    (standing.status === 'NOT_SENT' && replies.length > 0) ||
    (fresh.length > 0 && (standing.status === 'PAID' || standing.status === 'PARTLY_PAID'));
  const status = standing.status !== previous.status && !told ? [statusReply(standing)] : [];
  const removed = standing.payments.length < previous.payments ? [`Procountor's payments changed: ${statusLine(standing)}.`] : [];
  const late = isOverdue(standing) && !previous.overdue ? [`${overdueLine(standing)}; it was due ${finnishDate(standing.dueDate) ?? 'earlier'}.`] : [];
  const credited = standing.creditedBy && standing.creditedBy !== previous.credited ? [`Credited by ${standing.creditedBy}.`] : [];
  status.push(...late, ...credited);
  const room = Math.max(1, MAX_REPLIES_PER_RUN - replies.length - status.length - removed.length);
  replies.push(...paymentReplies(standing, fresh, previous.paid, room), ...status, ...removed);
  const noted = noteText(note);
  if (noted && replies.length) replies[replies.length - 1] = `${replies[replies.length - 1]}\nNote: ${noted}`;
  return replies;
};

/** One reply per new payment; past `room`, the earliest are told together in one. */
const paymentReplies = (standing: InvoiceStanding, fresh: PaymentSeen[], paidBefore: number, room: number) => {
  const folded = fresh.length > room ? fresh.slice(0, fresh.length - room + 1) : [];
  const replies: string[] = [];
  let paidSoFar = paidBefore;
  if (folded.length) {
    const sum = roundCents(folded.reduce((total, p) => total + Math.round((p.amount ?? 0) * 100), 0) / 100);
    paidSoFar = roundCents(paidSoFar + sum);
    const dates = [finnishDate(folded[0]!.date), finnishDate(folded[folded.length - 1]!.date)].filter(Boolean);
    replies.push(`${folded.length} payments of ${money(standing, sum)} in all arrived${dates.length ? ` ${[...new Set(dates)].join('–')}` : ''}.`);
  }
  fresh.slice(folded.length).forEach((payment, i, rest) => {
    paidSoFar = roundCents(paidSoFar + (payment.amount ?? 0));
    replies.push(paymentReply(standing, payment, paidSoFar, i === rest.length - 1));
  });
  return replies;
};

const Payload = zod.looseObject({
  invoice_id: zod.union([zod.number(), zod.string()]),
  status: zod.string().catch(''),
  paid: zod.number().catch(0),
  payments: zod.number().int().nonnegative().catch(0),
  sent_on: zod.string().catch(''),
  overdue: zod.boolean().catch(false),
  credited: zod.string().catch(''),
});
const Metadata = zod.looseObject({ event_type: zod.literal(INVOICE_EVENT_TYPE), event_payload: Payload });

/** The metadata that marks a message as the invoice's and remembers what it shows ([md]: invisible to people). */
export const invoiceMetadata = (invoiceId: number, invoiceNumber: number | null | undefined, shown: Shown) => ({
  event_type: INVOICE_EVENT_TYPE,
  event_payload: {
    invoice_id: invoiceId,
    ...(invoiceNumber === null || invoiceNumber === undefined ? {} : { invoice_number: invoiceNumber }),
    status: shown.status,
    paid: shown.paid,
    payments: shown.payments,
    sent_on: shown.sentOn,
    overdue: shown.overdue,
    credited: shown.credited,
  },
});

/** What a message's metadata says it shows, when it is this invoice's; read leniently. */
export const shownIn = (metadata: unknown, invoiceId: number): Shown | undefined => {
  const parsed = Metadata.safeParse(metadata);
  if (!parsed.success || String(parsed.data.event_payload.invoice_id) !== String(invoiceId)) return undefined;
  const { status, paid, payments, sent_on, overdue, credited } = parsed.data.event_payload;
  return { status, paid, payments, sentOn: sent_on, overdue, credited };
};
