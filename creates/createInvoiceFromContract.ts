import { defineCreate, type Bundle, type ZObject } from 'zapier-platform-core';
import { InputError, withZapierErrors } from '../lib/zapier/errors';
import { text } from '../lib/zapier/inputs';
import { orderFromContract } from '../lib/invoice/sources/contractOrder';
import { contractInvoiceOutput } from '../lib/fields/contract';
import { createInvoiceFromOrder } from '../lib/invoice/engine';
import { invoiceResultOutput, invoiceResultOutputFields, invoiceResultSample, slackAlertOutputFields } from '../lib/fields/invoice';
import { alertIfAsked } from '../lib/invoiceMessage/alert';
import { invoiceOptionFields, invoiceOptionsFrom } from '../lib/fields/invoiceOptions';
import { outputFields } from '../lib/fields/outputFields';

const perform = (z: ZObject, bundle: Bundle) =>
  withZapierErrors(
    z,
    async () => {
      const startedAt = Date.now();
      const contractId = text(bundle.inputData.contract_id);
      if (!contractId) throw new InputError('Pick a contract in "Contract", or map Contract ID from the "Contract Accepted" trigger into it.');
      const { contract, order } = await orderFromContract(z, bundle, contractId, invoiceOptionsFrom(bundle.inputData));
      const result = await createInvoiceFromOrder(z, bundle, order, { startedAt });
      const output = { ...invoiceResultOutput(result), ...contractInvoiceOutput(contract) };
      return { ...output, ...(await alertIfAsked(z, bundle, output, output.contract_number)) };
    },
    { halt: true },
  );

export default defineCreate({
  key: 'create_unfinished_invoice',
  noun: 'Invoice',
  display: {
    label: 'Create Unfinished Invoice (from a Contract)',
    description:
      'Creates an Unfinished sales invoice in Procountor from an accepted contract, finding or creating the customer (by business ID) and the products (by code or similar name). Safe to run twice: a contract never gets a second invoice.',
  },
  operation: {
    // Per connection: a company's invoices take turns anyway (its writer claim), and Procountor's budget is shared in
    // lib/zapier/requestBudget.ts; an app-wide throttle counts invocations, not requests, and would let one company's
    // burst take the others' turns.
    throttle: { window: 1, limit: 5, scope: ['auth'] },
    inputFields: [
      {
        key: 'contract_id',
        label: 'Contract',
        required: true,
        dynamic: 'contract_list.id.label',
        helpText:
          'Map **Contract ID** from the "Contract Accepted" (or "Contract Sent to Procountor") trigger, or pick one of the latest accepted contracts. Everything else is read from the contract.',
      },
      ...invoiceOptionFields('Pricing Table lines'),
    ],
    perform,
    sample: {
      ...invoiceResultSample,
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
    outputFields: outputFields(
      ...invoiceResultOutputFields,
      ['contract_id', 'Contract ID'],
      ['contract_number', 'Contract Number'],
      ['contract_title', 'Contract Title'],
      ['procountor_requests', 'Procountor Requests Made', 'integer'],
      ...slackAlertOutputFields,
    ),
  },
});
