import { defineTrigger, type Bundle, type ZObject } from 'zapier-platform-core';
import { invoiceDropdownOutputFields, invoiceDropdownPage } from '../lib/fields/invoiceDropdown';

const perform = (z: ZObject, bundle: Bundle) => invoiceDropdownPage(z, bundle);

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
