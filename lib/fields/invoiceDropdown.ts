// The invoice dropdowns: a page of sales invoices, newest first, labelled "1042 · Asiakas Oy · 11 444,09 €".
import type { Bundle, ZObject } from 'zapier-platform-core';
import { procountorFor } from '../procountor/client';
import { invoiceLabel } from './labels';
import { outputFields } from './outputFields';

const PAGE_SIZE = 50;
/** Invoices that no longer count, left out of a dropdown of every status. */
const GONE = new Set(['INVALIDATED', 'DELETED']);

const statusWord = (status: string | null | undefined) => (status ? status.charAt(0) + status.slice(1).toLowerCase().replace(/_/g, ' ') : '');

/** One dropdown page: the invoices of one status, or of every status with the status in the label. */
export const invoiceDropdownPage = async (z: ZObject, bundle: Bundle, status?: 'UNFINISHED') => {
  const { results } = await procountorFor(z, bundle).searchInvoices({
    types: 'SALES_INVOICE',
    status,
    orderById: 'DESC',
    size: PAGE_SIZE,
    page: Number(bundle.meta?.page ?? 0),
  });
  return results
    .filter((invoice) => status || !GONE.has(invoice.status ?? ''))
    .map((invoice) => ({
      id: invoice.id,
      invoice_number: invoice.invoiceNumber ?? null,
      customer_name: invoice.counterParty?.counterPartyAddress?.name ?? '',
      status: invoice.status ?? '',
      label: [invoiceLabel(invoice), status ? '' : statusWord(invoice.status)].filter(Boolean).join(' · '),
    }));
};

export const invoiceDropdownOutputFields = outputFields(
  ['id', 'Invoice ID', 'integer'],
  ['label', 'Label'],
  ['status', 'Status'],
  ['invoice_number', 'Invoice Number', 'integer'],
  ['customer_name', 'Customer Name'],
);
