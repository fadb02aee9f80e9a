import type { Bundle, ZObject } from 'zapier-platform-core';
import { toIsoDate } from '../lib/dates';
import { InputError, withZapierErrors } from '../lib/inputError';
import { decimal, text, wholeNumber } from '../lib/inputs';
import { createInvoiceFromContract, invoiceResultOutput, type InvoiceRequest } from '../lib/invoice/createFromContract';
import { LANGUAGE_CHOICES, languageInput } from '../lib/languages';
import { InvoiceChannel } from '../lib/procountor/schemas';
import { postInvoiceAlertOnce } from '../lib/slack/alert';

const CHANNEL_CHOICES = {
  EMAIL: 'E-mail',
  MAIL: 'Paper mail',
  ELECTRONIC_INVOICE: 'E-invoice',
};

export const invoiceRequestFrom = (input: Record<string, unknown>): InvoiceRequest => {
  const contractId = text(input.contract_id);
  if (!contractId) throw new InputError('Pick a contract in "Contract", or map Contract ID from the "Contract Accepted" trigger into it.', 'contract_id');
  const dateText = text(input.invoice_date);
  const invoiceDate = toIsoDate(dateText);
  if (dateText && !invoiceDate) throw new InputError(`Invoice Date "${dateText}" is not a date. Use YYYY-MM-DD, or leave it empty for today.`, 'invoice_date');
  const channelText = text(input.invoice_channel)?.toUpperCase();
  const channel = channelText ? InvoiceChannel.safeParse(channelText) : undefined;
  if (channel && !channel.success) {
    throw new InputError(`Invoice Channel "${text(input.invoice_channel)}" is not one of: ${Object.values(CHANNEL_CHOICES).join(', ')}.`, 'invoice_channel');
  }
  return {
    contractId,
    invoiceDate,
    paymentTermDays: wholeNumber(input.payment_term_days, 'Payment Term (days)', 'payment_term_days'),
    bankAccountIban: text(input.bank_account),
    channel: channel?.data,
    language: languageInput(input.language),
    notes: text(input.notes),
    defaultVatPercent: decimal(input.default_vat_percent, 'Default VAT %', 'default_vat_percent'),
  };
};

const NO_ALERT = { slack_alert: 'not_requested', slack_channel: '', slack_ts: '', slack_permalink: '', slack_error: '' };

const perform = (z: ZObject, bundle: Bundle) =>
  withZapierErrors(
    z,
    async () => {
      const result = await createInvoiceFromContract(z, bundle, invoiceRequestFrom(bundle.inputData));
      const output = invoiceResultOutput(result);
      const channel = text(bundle.inputData.slack_channel);
      // The invoice exists whatever Slack does: a failed alert is reported in the output, and a replay posts it.
      const alert = channel
        ? await postInvoiceAlertOnce(z, bundle, channel, output.invoice_id, {
            invoiceNumber: output.invoice_number,
            customerName: output.customer_name,
            contractNumber: output.contract_number,
            total: output.total,
            currency: output.currency,
            dueDate: output.due_date,
            status: output.status,
          })
        : NO_ALERT;
      return { ...output, ...alert };
    },
    { halt: true },
  );

export default {
  key: 'create_unfinished_invoice',
  noun: 'Invoice',
  display: {
    label: 'Create Unfinished Invoice (from a Contract)',
    description:
      'Creates an Unfinished sales invoice in Procountor from an accepted contract, finding or creating the customer (by business ID) and the products (by code or similar name). Safe to run twice: a contract never gets a second invoice.',
  },
  operation: {
    throttle: { window: 1, limit: 2, scope: ['auth' as const] },
    inputFields: [
      {
        key: 'contract_id',
        label: 'Contract',
        required: true,
        dynamic: 'contract_list.id.label',
        helpText:
          'Map **Contract ID** from the "Contract Accepted" (or "Contract Sent to Procountor") trigger, or pick one of the latest accepted contracts. Everything else is read from the contract.',
      },
      { key: 'invoice_date', label: 'Invoice Date', type: 'datetime' as const, helpText: 'Defaults to today (Finnish time).' },
      {
        key: 'payment_term_days',
        label: 'Payment Term (days)',
        type: 'integer' as const,
        helpText: "Defaults to the customer's own payment term in Procountor, else 14 days.",
      },
      { key: 'bank_account', label: 'Bank Account', dynamic: 'bank_account_list.id.label', helpText: 'The account the customer pays to. Defaults to your first bank account in Procountor.' },
      {
        key: 'invoice_channel',
        label: 'Invoice Channel',
        choices: CHANNEL_CHOICES,
        helpText: 'Leave empty to choose automatically: e-invoice when the customer has an e-invoice address and operator in Procountor, e-mail when it has an e-mail, else paper mail.',
      },
      { key: 'language', label: 'Invoice Language', choices: LANGUAGE_CHOICES, default: 'FINNISH' },
      {
        key: 'default_vat_percent',
        label: 'Default VAT %',
        dynamic: 'vat_rate_list.id.label',
        helpText: 'Used for Pricing Table lines that have no VAT %. Lines with a VAT % keep their own.',
      },
      { key: 'notes', label: 'Notes', type: 'text' as const, helpText: 'Internal notes on the invoice (not printed for the customer).' },
      {
        key: 'slack_channel',
        label: 'Notify Slack Channel',
        dynamic: 'slack_channel_list.id.name',
        helpText:
          'Optional. Posts a new-invoice alert to this Slack channel in the same step (needs the Slack Bot Token in the connection). If Slack fails, the invoice is still made and the output says why; replaying the step posts the alert once.',
      },
    ],
    perform,
    sample: {
      id: 9001,
      invoice_id: 9001,
      invoice_number: 1001,
      status: 'UNFINISHED',
      already_existed: false,
      date: '2026-11-24',
      due_date: '2026-12-08',
      reference_number: '1009',
      total_excluding_vat: 9118.8,
      vat_total: 2325.29,
      total: 11444.09,
      currency: 'EUR',
      customer_id: 5001,
      customer_name: 'Asiakas Oy',
      customer_created: true,
      products_created: 1,
      products_created_names: 'Hosting, 12 months',
      products_reused: 1,
      contract_id: 'ctr_8f2k1',
      contract_number: 'C-1042',
      contract_title: 'Website renewal 2027',
      procountor_requests: 7,
      slack_alert: 'posted',
      slack_channel: 'C0INVOICES',
      slack_ts: '1764000000.000100',
      slack_permalink: 'https://example.slack.com/archives/C0INVOICES/p1764000000000100',
      slack_error: '',
    },
    outputFields: [
      { key: 'invoice_id', label: 'Invoice ID (Procountor)', type: 'integer' as const },
      { key: 'invoice_number', label: 'Invoice Number', type: 'integer' as const },
      { key: 'status', label: 'Status (UNFINISHED until sent)' },
      { key: 'already_existed', label: 'Invoice Already Existed', type: 'boolean' as const },
      { key: 'date', label: 'Invoice Date' },
      { key: 'due_date', label: 'Due Date' },
      { key: 'reference_number', label: 'Reference Number' },
      { key: 'total_excluding_vat', label: 'Total Excluding VAT', type: 'number' as const },
      { key: 'vat_total', label: 'VAT Total', type: 'number' as const },
      { key: 'total', label: 'Total Including VAT', type: 'number' as const },
      { key: 'currency', label: 'Currency' },
      { key: 'customer_id', label: 'Customer ID (Procountor)', type: 'integer' as const },
      { key: 'customer_name', label: 'Customer Name' },
      { key: 'customer_created', label: 'Customer Was Created', type: 'boolean' as const },
      { key: 'products_created', label: 'Products Created', type: 'integer' as const },
      { key: 'products_created_names', label: 'Names of Products Created' },
      { key: 'products_reused', label: 'Existing Products Used', type: 'integer' as const },
      { key: 'contract_id', label: 'Contract ID' },
      { key: 'contract_number', label: 'Contract Number' },
      { key: 'contract_title', label: 'Contract Title' },
      { key: 'procountor_requests', label: 'Procountor Requests Made', type: 'integer' as const },
      { key: 'slack_alert', label: 'Slack Alert (posted, already_posted, failed, not_requested)' },
      { key: 'slack_channel', label: 'Slack Channel ID' },
      { key: 'slack_ts', label: 'Slack Message Timestamp' },
      { key: 'slack_permalink', label: 'Slack Message Link' },
      { key: 'slack_error', label: 'Slack Error' },
    ],
  },
};
