import { defineTrigger, type Bundle, type ZObject } from 'zapier-platform-core';
import { procountorFor } from '../lib/procountor/client';
import { paidInvoiceOutput, paidInvoiceOutputFields, paidInvoiceSample } from '../lib/fields/payment';
import { recentlyPaidInvoices } from '../lib/procountor/payments';

const perform = async (z: ZObject, bundle: Bundle) =>
  (await recentlyPaidInvoices(procountorFor(z, bundle))).map(({ invoice, details }) => paidInvoiceOutput(invoice, details));

export default defineTrigger({
  key: 'invoice_paid',
  noun: 'Payment',
  display: {
    label: 'Invoice Paid',
    description: 'Triggers when a sales invoice in Procountor becomes paid, partly paid or marked paid, and again when a further payment changes it.',
  },
  operation: {
    type: 'polling',
    perform,
    sample: paidInvoiceSample,
    outputFields: paidInvoiceOutputFields,
  },
});
