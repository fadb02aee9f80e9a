// A payment event as Zap builders see it: what Invoice Paid triggers with.
import { helsinkiDateTimeWithOffset } from '../rules/dates';
import { contractIdIn, invoiceTotals } from '../procountor/invoices';
import type { InvoiceBasicInfo, InvoiceAnswer } from '../procountor/schemas';
import { invoiceSample, invoiceTotalsOutputFields } from './invoice';
import { outputFields, SHARED_ROWS } from './outputFields';

/**
 * The dedupe key: the same invoice triggers again when a payment changes it (PARTLY_PAID -> PAID, or another part
 * paid), which shows as a new status or version; a poll that finds it unchanged gives the same key.
 */
const paymentKey = (invoice: Pick<InvoiceBasicInfo, 'id' | 'status' | 'version'>) => `${invoice.id}:${invoice.status ?? ''}:${invoice.version ?? ''}`;

export const paidInvoiceOutput = (invoice: InvoiceBasicInfo, details: InvoiceAnswer | undefined) => ({
  id: paymentKey(invoice),
  invoice_id: invoice.id,
  invoice_number: invoice.invoiceNumber ?? null,
  status: invoice.status ?? '',
  contract_id: contractIdIn(details?.additionalInformation),
  // Contract invoices carry the contract number as Procountor's agreement number (what people call the contract).
  contract_number: contractIdIn(details?.additionalInformation) ? (details?.agreementNumber ?? '') : '',
  customer_id: invoice.partnerId ?? null,
  customer_name: invoice.counterParty?.counterPartyAddress?.name ?? '',
  date: invoice.date ?? '',
  due_date: invoice.dueDate ?? '',
  payment_date: details?.paymentDate ?? '',
  ...invoiceTotals(invoice),
  changed_at: helsinkiDateTimeWithOffset(invoice.version),
});

export const paidInvoiceOutputFields = outputFields(
  ['id', 'Payment Event ID'],
  SHARED_ROWS.invoiceId,
  SHARED_ROWS.invoiceNumber,
  ['status', 'Status (PAID, PARTLY_PAID or MARKED_PAID)'],
  ['contract_id', 'Contract ID (empty when not from a contract)'],
  ['contract_number', 'Contract Number (empty when not from a contract)'],
  SHARED_ROWS.customerId,
  SHARED_ROWS.customerName,
  SHARED_ROWS.invoiceDate,
  SHARED_ROWS.dueDate,
  ['payment_date', 'Latest Payment Date'],
  ...invoiceTotalsOutputFields,
  ['changed_at', 'Changed At', 'datetime'],
);

/** Find Invoice's sample invoice, paid on 1 December. */
export const paidInvoiceSample = {
  ...invoiceSample,
  id: '9001:PAID:2026-12-01T10:15:00',
  invoice_id: invoiceSample.id,
  invoice_number: 1042,
  status: 'PAID',
  contract_id: 'ctr_8f2k1',
  contract_number: 'C-1042',
  payment_date: '2026-12-01',
  changed_at: '2026-12-01T10:15:00+02:00',
};
