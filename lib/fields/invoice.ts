// A Procountor invoice as Zap builders see it: its sums and record (Find Invoice), and what the invoice actions return.
import type { InvoiceResult } from '../invoice/engine';
import { invoiceTotals } from '../procountor/invoices';
import type { InvoiceBasicInfo } from '../procountor/schemas';
import { outputFields, SHARED_ROWS } from './outputFields';

/**
 * The Invoice field of an action on one existing invoice: a required pick of any recent invoice (every status), or a
 * mapped Invoice ID; `helpText` says where to map it from and what the action does with it.
 */
export const recentInvoiceInputField = (helpText: string) => ({
  key: 'invoice_id',
  label: 'Invoice',
  required: true,
  dynamic: 'recent_invoice_list.id.label',
  helpText,
});

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
export const invoiceTotalsOutputFields = outputFields(
  ['total_excluding_vat', 'Total Excluding VAT', 'number'],
  ['vat_total', 'VAT Total', 'number'],
  ['total', 'Total Including VAT', 'number'],
  ['currency', 'Currency'],
  ['total_in_company_currency', "Total Including VAT in Your Company's Currency", 'number'],
  ['company_currency', "Your Company's Currency"],
);

export const invoiceOutputFields = outputFields(
  ['id', 'Invoice ID (Procountor)', 'integer'],
  SHARED_ROWS.invoiceNumber,
  ['status', 'Status'],
  SHARED_ROWS.invoiceDate,
  SHARED_ROWS.dueDate,
  SHARED_ROWS.customerId,
  SHARED_ROWS.customerName,
  ...invoiceTotalsOutputFields,
);

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
  total_in_company_currency: 11444.09,
  company_currency: 'EUR',
};

/** What the invoice actions return for a Finnish customer's invoice; each action's sample adds its own fields. */
export const invoiceResultSample = {
  ...invoiceSample,
  invoice_id: invoiceSample.id,
  already_existed: false,
  reference_number: '1009',
  customer_created: true,
  products_created: 1,
  products_created_names: 'Hosting, 12 months',
  products_reused: 1,
  text_adjusted: '',
  vat_treatment: 'Domestic sale: VAT status 1 (Domestic).',
  vat_warning: '',
  vat_status: 1,
  language: 'FINNISH',
  language_chosen: "by the customer's country (Finland)",
  currency_rate: 1,
  currency_rate_note: '',
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
  vat_treatment: r.chosen.vatTreatment,
  vat_warning: r.chosen.vatWarning,
  vat_status: r.chosen.vatStatus,
  language: r.chosen.language,
  language_chosen: r.chosen.languageReason,
  currency_rate: r.chosen.currencyRate,
  currency_rate_note: r.chosen.currencyRateNote,
  procountor_requests: r.procountorRequests,
});

/** The outputs of an invoice action's Slack message; `label` says what its first one, the outcome, can be. */
export const slackMessageOutputFields = (label: string) =>
  outputFields(
    ['slack_alert', label],
    ['slack_channel', 'Slack Channel ID'],
    ['slack_ts', 'Slack Message Timestamp'],
    ['slack_permalink', 'Slack Message Link'],
    ['slack_error', 'Slack Error'],
  );

export const slackAlertOutputFields = slackMessageOutputFields('Slack Alert (posted, already_posted, failed, not_requested)');

/** The outputs both invoice actions share (`invoiceResultOutput` above), labelled once. */
export const invoiceResultOutputFields = outputFields(
  SHARED_ROWS.invoiceId,
  SHARED_ROWS.invoiceNumber,
  ['status', 'Status (UNFINISHED until sent)'],
  ['already_existed', 'Invoice Already Existed', 'boolean'],
  SHARED_ROWS.invoiceDate,
  SHARED_ROWS.dueDate,
  ['reference_number', 'Reference Number'],
  ...invoiceTotalsOutputFields,
  SHARED_ROWS.customerId,
  SHARED_ROWS.customerName,
  ['customer_created', 'Customer Was Created', 'boolean'],
  ['products_created', 'Products Created', 'integer'],
  ['products_created_names', 'Names of Products Created'],
  ['products_reused', 'Existing Products Used', 'integer'],
  ['text_adjusted', 'Text Adjusted to Fit Procountor'],
  ['vat_treatment', 'VAT Treatment (what was chosen, and why)'],
  ['vat_warning', 'VAT Warning (what to check; empty when nothing)'],
  ['vat_status', 'VAT Status (Procountor)', 'integer'],
  ['language', 'Invoice Language'],
  ['language_chosen', 'Invoice Language Chosen'],
  ['currency_rate', 'Currency Rate (invoice currency per 1 of your company currency)', 'number'],
  ['currency_rate_note', 'Currency Rate Used'],
);
