import { defineTrigger, type Bundle, type ZObject } from 'zapier-platform-core';
import { procountorFor } from '../lib/procountor/client';
import { contractIdIn } from '../lib/procountor/invoices';
import { overdueInvoices } from '../lib/procountor/overdue';
import { withZapierErrors } from '../lib/zapier/errors';
import { wholeNumber } from '../lib/zapier/inputs';
import { outputFields, SHARED_ROWS } from '../lib/fields/outputFields';

const perform = (z: ZObject, bundle: Bundle) =>
  withZapierErrors(z, async () => {
    const days = wholeNumber(bundle.inputData.days_overdue, 'Days Overdue', 0, 365) ?? 1;
    const overdue = await overdueInvoices(procountorFor(z, bundle), days);
    return overdue.map(({ invoice, details, dueDate, daysOverdue, openAmount }) => ({
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
    ),
  },
});
