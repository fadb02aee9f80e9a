import { defineTrigger, type Bundle, type ZObject } from 'zapier-platform-core';
import { invoiceDropdownItems, invoiceDropdownOutputFields } from '../lib/fields/invoiceDropdown';
import { procountorFor } from '../lib/procountor/client';
import { salesInvoicePage } from '../lib/procountor/invoices';

const perform = async (z: ZObject, bundle: Bundle) =>
  invoiceDropdownItems(await salesInvoicePage(procountorFor(z, bundle), Number(bundle.meta?.page ?? 0), 'UNFINISHED'), false);

export default defineTrigger({
  key: 'invoice_list',
  noun: 'Invoice',
  display: { label: 'List Unfinished Invoices', description: 'Triggers when a dropdown needs your Unfinished sales invoices, newest first.', hidden: true },
  operation: {
    perform,
    canPaginate: true,
    sample: { id: 9001, invoice_number: 1042, customer_name: 'Asiakas Oy', status: 'UNFINISHED', label: '1042 · Asiakas Oy · 11 444,09 €' },
    outputFields: invoiceDropdownOutputFields,
  },
});
