// The invoice dropdowns' items: sales invoices labelled "1042 · Asiakas Oy · 11 444,09 €" (with the status when the
// dropdown lists every status).
import { statusInWords } from '../procountor/invoices';
import type { InvoiceBasicInfo } from '../procountor/schemas';
import { invoiceLabel } from './labels';
import { outputFields, SHARED_ROWS } from './outputFields';

export const invoiceDropdownItems = (invoices: InvoiceBasicInfo[], withStatus: boolean) =>
  invoices.map((invoice) => ({
    id: invoice.id,
    invoice_number: invoice.invoiceNumber ?? null,
    customer_name: invoice.counterParty?.counterPartyAddress?.name ?? '',
    status: invoice.status ?? '',
    label: [invoiceLabel(invoice), withStatus ? statusInWords(invoice.status) : ''].filter(Boolean).join(' · '),
  }));

export const invoiceDropdownOutputFields = outputFields(
  ['id', 'Invoice ID', 'integer'],
  ['label', 'Label'],
  ['status', 'Status'],
  SHARED_ROWS.invoiceNumber,
  SHARED_ROWS.customerName,
);
