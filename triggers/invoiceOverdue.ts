import { defineTrigger, type Bundle, type ZObject } from 'zapier-platform-core';
import { procountorFor } from '../lib/procountor/client';
import { contractIdIn } from '../lib/procountor/invoices';
import { overdueInvoices } from '../lib/procountor/overdue';
import { withZapierErrors } from '../lib/zapier/errors';
import { wholeNumber } from '../lib/zapier/inputs';
import { outputFields, SHARED_ROWS } from '../lib/fields/outputFields';
import { notifySlackChannelField, sentMessageOutputFields, sentMessageSample } from '../lib/fields/invoiceMessage';
import { notifyIfAsked } from '../lib/invoiceMessage/update';

/** Invoices whose Slack message a poll brings up to date, the latest due first: a poll stays well inside 30 s. */
const MESSAGES_PER_POLL = 10;
const NOT_UPDATED = { slack_alert: 'not_requested', slack_channel: '', slack_ts: '', slack_permalink: '', slack_error: '', slack_warning: '' };

const perform = (z: ZObject, bundle: Bundle) =>
  withZapierErrors(z, async () => {
    const days = wholeNumber(bundle.inputData.days_overdue, 'Days Overdue', 0, 365) ?? 1;
    const client = procountorFor(z, bundle);
    const overdue = await overdueInvoices(client, days);
    const items = overdue.map(({ invoice, details, dueDate, daysOverdue, openAmount }) => ({
      // New when the due date moves and passes again: a postponed invoice that is late again triggers again.
      id: `${invoice.id}:${dueDate}`,
      invoice_id: invoice.id,
      invoice_number: invoice.invoiceNumber ?? null,
      status: invoice.status ?? '',
      customer_name: invoice.counterParty?.counterPartyAddress?.name ?? '',
      due_date: dueDate,
      days_overdue: daysOverdue,
      open_amount: openAmount,
      currency: invoice.invoiceSumInfo?.find((s) => s.inAccountingCurrency === false)?.currency ?? invoice.invoiceSumInfo?.[0]?.currency ?? '',
      contract_id: contractIdIn(details?.additionalInformation),
    }));
    // One message at a time: each takes its own claim, and Slack posts one message a second per channel.
    const notified = [];
    for (const [i, item] of items.entries()) {
      const slack =
        i < MESSAGES_PER_POLL || !bundle.inputData.slack_channel
          ? await notifyIfAsked(z, bundle, client, item.invoice_id)
          : { ...NOT_UPDATED, slack_alert: 'skipped' };
      notified.push({ ...item, ...slack });
    }
    return notified;
  });

export default defineTrigger({
  key: 'invoice_overdue',
  noun: 'Invoice',
  display: {
    label: 'Invoice Overdue',
    description:
      'Triggers when a sent, approved or partly paid sales invoice in Procountor is past its due date (its new due date when it was postponed) by the given number of days, in Helsinki time; again when a postponed due date passes.',
  },
  operation: {
    type: 'polling',
    inputFields: [
      {
        key: 'days_overdue',
        label: 'Days Overdue',
        type: 'integer',
        default: '1',
        helpText: 'Trigger once the due date is at least this many days past (0: on the due date itself). Default 1.',
      },
      notifySlackChannelField('At each poll, for the 10 latest-due overdue invoices'),
    ],
    perform,
    sample: {
      id: '9001:2026-12-08',
      invoice_id: 9001,
      invoice_number: 1042,
      status: 'SENT',
      customer_name: 'Asiakas Oy',
      due_date: '2026-12-08',
      days_overdue: 5,
      open_amount: 941.25,
      currency: 'EUR',
      contract_id: 'ctr_8f2k1',
      ...sentMessageSample,
    },
    outputFields: outputFields(
      ['id', 'Overdue Event ID'],
      SHARED_ROWS.invoiceId,
      SHARED_ROWS.invoiceNumber,
      ['status', 'Status (SENT, APPROVED or PARTLY_PAID)'],
      SHARED_ROWS.customerName,
      SHARED_ROWS.dueDate,
      ['days_overdue', 'Days Overdue', 'integer'],
      ['open_amount', 'Open Amount', 'number'],
      ['currency', 'Currency'],
      ['contract_id', 'Contract ID (empty when not from a contract)'],
      ...sentMessageOutputFields,
    ),
  },
});
