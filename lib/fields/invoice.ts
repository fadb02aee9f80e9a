// A Procountor invoice as Zap builders see it: its sums and record (Find Invoice), and what the invoice actions return.
import type { ZObject } from 'zapier-platform-core';
import type { InvoiceResult } from '../invoice/engine';
import type { InvoiceBasicInfo } from '../procountor/schemas';
import { postInvoiceAlertOnce } from '../slack/alert';
import { text } from '../zapier/inputs';

export const invoiceTotals = (invoice: Pick<InvoiceBasicInfo, 'invoiceSumInfo'>) => {
  const sums = invoice.invoiceSumInfo?.[0] ?? {};
  return {
    total_excluding_vat: sums.excludingVatTotal ?? null,
    vat_total: sums.vatSumTotal ?? null,
    total: sums.invoiceSumTotal ?? null,
    currency: sums.currency ?? 'EUR',
  };
};

export const invoiceOutput = (invoice: InvoiceBasicInfo) => ({
  id: invoice.id,
  invoice_number: invoice.invoiceNumber ?? null,
  status: invoice.status ?? '',
  date: invoice.date ?? '',
  due_date: invoice.dueDate ?? '',
  customer_id: invoice.partnerId ?? null,
  customer_name: invoice.counterParty?.counterPartyAddress?.name ?? '',
  ...invoiceTotals(invoice),
});

/** The output fields of `invoiceTotals`, labelled once for every operation that returns an invoice's sums. */
export const invoiceTotalsOutputFields = [
  { key: 'total_excluding_vat', label: 'Total Excluding VAT', type: 'number' as const },
  { key: 'vat_total', label: 'VAT Total', type: 'number' as const },
  { key: 'total', label: 'Total Including VAT', type: 'number' as const },
  { key: 'currency', label: 'Currency' },
];

export const invoiceOutputFields = [
  { key: 'id', label: 'Invoice ID (Procountor)', type: 'integer' as const },
  { key: 'invoice_number', label: 'Invoice Number', type: 'integer' as const },
  { key: 'status', label: 'Status' },
  { key: 'date', label: 'Invoice Date' },
  { key: 'due_date', label: 'Due Date' },
  { key: 'customer_id', label: 'Customer ID (Procountor)', type: 'integer' as const },
  { key: 'customer_name', label: 'Customer Name' },
  ...invoiceTotalsOutputFields,
];

export const invoiceSample = {
  id: 9001,
  invoice_number: 1001,
  status: 'UNFINISHED',
  date: '2026-11-24',
  due_date: '2026-12-08',
  customer_id: 5001,
  customer_name: 'Asiakas Oy',
  total_excluding_vat: 9118.8,
  vat_total: 2325.29,
  total: 11444.09,
  currency: 'EUR',
};

/** The outputs both invoice actions share; each adds what its source knows (contract, unique key). */
export const invoiceResultOutput = (r: InvoiceResult) => ({
  id: r.invoice.id,
  invoice_id: r.invoice.id,
  invoice_number: r.invoice.invoiceNumber ?? null,
  status: r.invoice.status ?? '',
  already_existed: r.alreadyExisted,
  date: r.invoice.date ?? '',
  due_date: r.invoice.dueDate ?? '',
  reference_number: r.invoice.paymentInfo?.bankReferenceCode ?? '',
  ...invoiceTotals(r.invoice),
  customer_id: r.customerId,
  customer_name: r.customerName,
  customer_created: r.customerCreated,
  products_created: r.productsCreated.length,
  products_created_names: r.productsCreated.join(', '),
  products_reused: r.productsReused.length,
  text_adjusted: r.adjustments.join(' '),
  procountor_requests: r.procountorRequests,
});

const NO_ALERT = { slack_alert: 'not_requested', slack_channel: '', slack_ts: '', slack_permalink: '', slack_error: '' };

/** The built-in alert when the step names a Slack channel. The invoice exists whatever Slack does: a failed alert is reported in the output, and a replay posts it. */
export const alertIfAsked = async (
  z: ZObject,
  bundle: { authData: Record<string, string | undefined>; inputData: Record<string, unknown> },
  output: { invoice_id: number; invoice_number: number | null; customer_name: string; total: number | null; currency: string; due_date: string; status: string },
  reference: string,
  /** Set for invoices that did not come from a contract: what their reference is called ("Order"). */
  referenceLabel?: string,
) => {
  const channel = text(bundle.inputData.slack_channel);
  if (!channel) return NO_ALERT;
  return postInvoiceAlertOnce(z, bundle, channel, output.invoice_id, {
    invoiceNumber: output.invoice_number,
    customerName: output.customer_name,
    contractNumber: reference,
    reference: referenceLabel ? { label: referenceLabel, value: reference } : undefined,
    total: output.total,
    currency: output.currency,
    dueDate: output.due_date,
    status: output.status,
  });
};

export const slackAlertOutputFields = [
  { key: 'slack_alert', label: 'Slack Alert (posted, already_posted, failed, not_requested)' },
  { key: 'slack_channel', label: 'Slack Channel ID' },
  { key: 'slack_ts', label: 'Slack Message Timestamp' },
  { key: 'slack_permalink', label: 'Slack Message Link' },
  { key: 'slack_error', label: 'Slack Error' },
];

/** The outputs both invoice actions share (see `invoiceResultOutput` in engine.ts), labelled once. */
export const invoiceResultOutputFields = [
  { key: 'invoice_id', label: 'Invoice ID (Procountor)', type: 'integer' as const },
  { key: 'invoice_number', label: 'Invoice Number', type: 'integer' as const },
  { key: 'status', label: 'Status (UNFINISHED until sent)' },
  { key: 'already_existed', label: 'Invoice Already Existed', type: 'boolean' as const },
  { key: 'date', label: 'Invoice Date' },
  { key: 'due_date', label: 'Due Date' },
  { key: 'reference_number', label: 'Reference Number' },
  ...invoiceTotalsOutputFields,
  { key: 'customer_id', label: 'Customer ID (Procountor)', type: 'integer' as const },
  { key: 'customer_name', label: 'Customer Name' },
  { key: 'customer_created', label: 'Customer Was Created', type: 'boolean' as const },
  { key: 'products_created', label: 'Products Created', type: 'integer' as const },
  { key: 'products_created_names', label: 'Names of Products Created' },
  { key: 'products_reused', label: 'Existing Products Used', type: 'integer' as const },
  { key: 'text_adjusted', label: 'Text Adjusted to Fit Procountor' },
];
