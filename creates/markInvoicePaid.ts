import { recentInvoiceInputField } from '../lib/fields/invoice';
import { defineCreate, type Bundle, type ZObject } from 'zapier-platform-core';
import { InputError, withZapierErrors } from '../lib/zapier/errors';
import { decimal, text, wholeNumber } from '../lib/zapier/inputs';
import { todayInHelsinki, toIsoDate } from '../lib/rules/dates';
import { procountorFor } from '../lib/procountor/client';
import { markInvoicePaid } from '../lib/procountor/markingPaid';
import { PaymentMethodType } from '../lib/procountor/schemas';
import { outputFields, SHARED_ROWS } from '../lib/fields/outputFields';
import { notifySlackChannelField, sentMessageOutputFields, sentMessageSample } from '../lib/fields/invoiceMessage';
import { notifyIfAsked } from '../lib/invoiceMessage/update';

/** PaymentEvent.type's values for a payment taken outside Procountor's bank matching, as the dropdown offers them. */
const PAYMENT_METHODS = [
  { value: 'CHARGECARD', label: 'Card (Stripe, a card terminal)' },
  { value: 'CASH', label: 'Cash' },
  { value: 'BANKTRANSFERELSEWHERE', label: 'Bank transfer to another account' },
  { value: 'ELSEWHERE', label: 'Paid elsewhere' },
  { value: 'OTHERPAYMENTMETHOD', label: 'Other payment method' },
];

const paymentInput = (bundle: Bundle) => {
  const invoiceId = wholeNumber(bundle.inputData.invoice_id, 'Invoice', 1, 2_147_483_647);
  if (invoiceId === undefined) throw new InputError('Pick the invoice from the "Invoice" dropdown, or map its Invoice ID from an earlier step.');
  const rawDate = text(bundle.inputData.payment_date);
  const paymentDate = rawDate === undefined ? todayInHelsinki() : toIsoDate(rawDate);
  if (!paymentDate) throw new InputError(`Payment Date "${rawDate}" is not a date: write it as YYYY-MM-DD, or leave it empty for today.`);
  const method = PaymentMethodType.safeParse(text(bundle.inputData.payment_method) ?? 'ELSEWHERE');
  if (!method.success) throw new InputError(`Payment Method must be one of ${PAYMENT_METHODS.map((m) => m.value).join(', ')}.`);
  return {
    invoiceId,
    amount: decimal(bundle.inputData.amount, 'Amount'),
    paymentDate,
    method: method.data,
    reference: text(bundle.inputData.payment_reference),
  };
};

const perform = (z: ZObject, bundle: Bundle) =>
  withZapierErrors(z, async () => {
    const client = procountorFor(z, bundle);
    const marked = await markInvoicePaid(z, client, paymentInput(bundle));
    return {
      id: marked.invoiceId,
      invoice_id: marked.invoiceId,
      invoice_number: marked.invoiceNumber,
      status: marked.status,
      amount: marked.amount,
      open_amount: marked.openAmount,
      currency: marked.currency,
      already_existed: marked.alreadyExisted,
      ...(await notifyIfAsked(z, bundle, client, marked.invoiceId)),
    };
  });

export default defineCreate({
  key: 'mark_invoice_paid',
  noun: 'Payment',
  display: {
    label: 'Mark Invoice Paid',
    description:
      "Marks a payment taken outside Procountor's bank matching (a card, Stripe, cash) on a sent sales invoice (Marked paid when nothing is left open, else Partly paid). Safe to run twice, even at the same time: a replay never records the payment again.",
  },
  operation: {
    inputFields: [
      recentInvoiceInputField('Pick a sent invoice, or map **Invoice ID (Procountor)** from Find Invoice or Approve and Send Invoice.'),
      {
        key: 'amount',
        label: 'Amount',
        type: 'number',
        helpText: "Optional. In the invoice's currency. Empty: what is still open on the invoice, so the invoice becomes Marked paid.",
      },
      { key: 'payment_date', label: 'Payment Date', type: 'datetime', helpText: 'Optional. Empty: today in Helsinki.' },
      {
        key: 'payment_method',
        label: 'Payment Method',
        choices: PAYMENT_METHODS.map(({ value, label }) => ({ value, label, sample: value })),
        default: 'ELSEWHERE',
        helpText: 'How the customer paid. Procountor only shows it beside the payment.',
      },
      {
        key: 'payment_reference',
        label: 'Payment Reference',
        helpText:
          "Optional, recommended: the payment's ID where it was taken (a Stripe charge ID). Two payments of the same amount on the same day by the same method are told apart only by it; without it, the second is taken for a replay of the first.",
      },
      notifySlackChannelField('After marking the payment'),
    ],
    perform,
    sample: {
      id: 9001,
      invoice_id: 9001,
      invoice_number: 1042,
      status: 'MARKED_PAID',
      amount: 941.25,
      open_amount: 0,
      currency: 'EUR',
      already_existed: false,
      ...sentMessageSample,
    },
    outputFields: outputFields(
      ['id', 'Invoice ID', 'integer'],
      SHARED_ROWS.invoiceId,
      SHARED_ROWS.invoiceNumber,
      ['status', 'Status (MARKED_PAID or PARTLY_PAID)'],
      ['amount', 'Amount Marked Paid', 'number'],
      ['open_amount', 'Open Amount', 'number'],
      ['currency', 'Currency'],
      ['already_existed', 'Was Already Recorded', 'boolean'],
      ...sentMessageOutputFields,
    ),
  },
});
