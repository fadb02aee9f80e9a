import type { Bundle, ZObject } from 'zapier-platform-core';
import { procountorFor } from '../lib/procountor/client';
import { invoiceTotalsOutputFields } from '../lib/fields/records';
import { recentlyPaidInvoices } from '../lib/procountor/payments';

const perform = (z: ZObject, bundle: Bundle) => recentlyPaidInvoices(procountorFor(z, bundle));

export default {
  key: 'invoice_paid',
  noun: 'Payment',
  display: {
    label: 'Invoice Paid',
    description:
      'Triggers when a sales invoice in Procountor becomes paid, partly paid or marked paid, and again when a further payment changes it.',
  },
  operation: {
    type: 'polling' as const,
    perform,
    sample: {
      id: '9001:PAID:2026-12-01T10:15:00',
      invoice_id: 9001,
      invoice_number: 1042,
      status: 'PAID',
      contract_id: 'ctr_8f2k1',
      contract_number: 'C-1042',
      customer_id: 5001,
      customer_name: 'Asiakas Oy',
      date: '2026-11-24',
      due_date: '2026-12-08',
      payment_date: '2026-12-01',
      total_excluding_vat: 9118.8,
      vat_total: 2325.29,
      total: 11444.09,
      currency: 'EUR',
      changed_at: '2026-12-01T10:15:00+02:00',
    },
    outputFields: [
      { key: 'id', label: 'Payment Event ID' },
      { key: 'invoice_id', label: 'Invoice ID (Procountor)', type: 'integer' as const },
      { key: 'invoice_number', label: 'Invoice Number', type: 'integer' as const },
      { key: 'status', label: 'Status (PAID, PARTLY_PAID or MARKED_PAID)' },
      { key: 'contract_id', label: 'Contract ID (empty when not from a contract)' },
      { key: 'contract_number', label: 'Contract Number (empty when not from a contract)' },
      { key: 'customer_id', label: 'Customer ID (Procountor)', type: 'integer' as const },
      { key: 'customer_name', label: 'Customer Name' },
      { key: 'date', label: 'Invoice Date' },
      { key: 'due_date', label: 'Due Date' },
      { key: 'payment_date', label: 'Latest Payment Date' },
      ...invoiceTotalsOutputFields,
      { key: 'changed_at', label: 'Changed At', type: 'datetime' as const },
    ],
  },
};
