import { defineTrigger, type Bundle, type ZObject } from 'zapier-platform-core';
import { invoiceDropdownItems, invoiceDropdownOutputFields } from '../lib/fields/invoiceDropdown';
import { procountorFor } from '../lib/procountor/client';
import { salesInvoicePage } from '../lib/procountor/invoices';

const perform = async (z: ZObject, bundle: Bundle) =>
  invoiceDropdownItems(await salesInvoicePage(procountorFor(z, bundle), Number(bundle.meta?.page ?? 0)), true);

export default defineTrigger({
  key: 'recent_invoice_list',
  noun: 'Invoice',
  display: {
    label: 'List Recent Invoices',
    description: 'Triggers when a dropdown needs your sales invoices of any status, newest first, with where each stands.',
    hidden: true,
  },
  operation: {
    perform,
    canPaginate: true,
    sample: { id: 9001, invoice_number: 1042, customer_name: 'Asiakas Oy', status: 'SENT', label: '1042 · Asiakas Oy · 11 444,09 € · Sent' },
    outputFields: invoiceDropdownOutputFields,
  },
});
