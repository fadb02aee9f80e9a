import { defineTrigger, type Bundle, type ZObject } from 'zapier-platform-core';
import { procountorFor } from '../lib/procountor/client';
import { invoiceLabel } from '../lib/fields/labels';
import { outputFields } from '../lib/fields/outputFields';

const PAGE_SIZE = 50;

const perform = async (z: ZObject, bundle: Bundle) => {
  const { results } = await procountorFor(z, bundle).searchInvoices({
    types: 'SALES_INVOICE',
    status: 'UNFINISHED',
    orderById: 'DESC',
    size: PAGE_SIZE,
    page: Number(bundle.meta?.page ?? 0),
  });
  return results.map((invoice) => ({
    id: invoice.id,
    invoice_number: invoice.invoiceNumber ?? null,
    customer_name: invoice.counterParty?.counterPartyAddress?.name ?? '',
    label: invoiceLabel(invoice),
  }));
};

export default defineTrigger({
  key: 'invoice_list',
  noun: 'Invoice',
  display: { label: 'List Unfinished Invoices', description: 'Triggers when a dropdown needs your Unfinished sales invoices, newest first.', hidden: true },
  operation: {
    perform,
    canPaginate: true,
    sample: { id: 9001, invoice_number: 1042, customer_name: 'Asiakas Oy', label: '1042 · Asiakas Oy · 11 444,09 €' },
    outputFields: outputFields(
      ['id', 'Invoice ID', 'integer'],
      ['invoice_number', 'Invoice Number', 'integer'],
      ['customer_name', 'Customer Name'],
      ['label', 'Label'],
    ),
  },
});
