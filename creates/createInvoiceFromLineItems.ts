import { defineCreate, type Bundle, type ZObject } from 'zapier-platform-core';
import { withZapierErrors } from '../lib/zapier/errors';
import { createInvoiceFromOrder } from '../lib/invoice/engine';
import { invoiceResultOutput, invoiceResultOutputFields, invoiceResultSample, slackAlertOutputFields } from '../lib/fields/invoice';
import { alertIfAsked } from '../lib/invoiceMessage/alert';
import { invoiceOptionFields, invoiceOptionsFrom } from '../lib/fields/invoiceOptions';
import { lineItemsToOrder } from '../lib/invoice/sources/lineItemsOrder';
import { outputFields } from '../lib/fields/outputFields';
import { customerAddressInputFields } from '../lib/fields/customer';

const perform = (z: ZObject, bundle: Bundle) =>
  withZapierErrors(
    z,
    async () => {
      const startedAt = Date.now();
      const order = lineItemsToOrder(bundle.inputData, invoiceOptionsFrom(bundle.inputData));
      const result = await createInvoiceFromOrder(z, bundle, order, { startedAt });
      const output = { ...invoiceResultOutput(result), unique_key: order.idempotencyKey.replace(/^KEY:/, '') };
      // The alert's "Contract" field stays empty: these lines came from no contract.
      return { ...output, ...(await alertIfAsked(z, bundle, output, output.unique_key, 'Order')) };
    },
    // Bad data halts: replaying the same fields cannot succeed until the Zap is fixed.
    { halt: true },
  );

export default defineCreate({
  key: 'create_invoice',
  noun: 'Invoice',
  display: {
    label: 'Create Unfinished Invoice (from Line Items)',
    description:
      'Creates an Unfinished sales invoice in Procountor from a customer and line items mapped from any app: finds or creates the customer (by business ID, else name) and the products (by code or similar name). Safe to run twice: the same Unique Key never makes a second invoice.',
  },
  operation: {
    // Per connection: a company's invoices take turns anyway (its writer claim), and Procountor's budget is shared in
    // lib/zapier/requestBudget.ts; an app-wide throttle counts invocations, not requests, and would let one company's
    // burst take the others' turns.
    throttle: { window: 1, limit: 5, scope: ['auth'] },
    inputFields: [
      {
        key: 'unique_key',
        label: 'Unique Key',
        required: true,
        helpText:
          "The deal, order or form entry ID; the same key never makes two invoices. It is written into the invoice's additional information as `[KEY:<your key>]`, where a replayed step looks for it. At most 100 characters, no square brackets.",
      },
      {
        key: 'customer_name',
        label: 'Customer Name',
        required: true,
        helpText: 'The company or person billed. Used to find the customer when no Business ID is given.',
      },
      {
        key: 'business_id',
        label: 'Business ID',
        helpText:
          'Finnish business ID (Y-tunnus) in any spelling (`0737546-2`, `FI07375462`), or a foreign VAT ID with the Country. The customer with this ID is reused; without one, a customer with exactly the same name is.',
      },
      ...customerAddressInputFields,
      {
        key: 'heading',
        label: 'Invoice Heading',
        helpText: 'Shown to the customer in the additional information, e.g. "Web shop order 1042". Defaults to "Order <Unique Key>".',
      },
      {
        key: 'line_items',
        label: 'Line Items',
        required: true,
        // A line-item group takes no help text of its own (Zapier's schema); its fields carry the help.
        children: [
          {
            key: 'name',
            label: 'Product Name',
            required: true,
            helpText: 'Products are found by code, then by a similar name, and created when none is similar enough.',
          },
          {
            key: 'code',
            label: 'Product Code',
            dynamic: 'product_list.code.label',
            helpText: 'Optional. Pick one of your Procountor products that has a code, or map your own code.',
          },
          { key: 'quantity', label: 'Quantity', type: 'number', helpText: 'Defaults to 1. Below zero only with "Allow Negative Quantities (Credit Lines)".' },
          {
            key: 'unit',
            label: 'Unit',
            helpText: 'Such as kpl, h, pv, vk, kk, kg or a Procountor unit (PIECE, HOUR). Empty means pieces; an unknown unit stops the step.',
          },
          { key: 'unit_price', label: 'Unit Price', type: 'number', required: true },
          { key: 'discount_percent', label: 'Discount %', type: 'number' },
          {
            key: 'vat_percent',
            label: 'VAT %',
            type: 'number',
            helpText: 'A rate your Procountor company uses on the invoice date, e.g. 25.5. Empty uses "Default VAT %".',
          },
          { key: 'description', label: 'Description', helpText: 'Printed under the line on the invoice.' },
          {
            key: 'kind',
            label: 'Kind',
            choices: { goods: 'Goods', services: 'Services' },
            helpText: 'What the line sells, for VAT abroad: goods and services at 0 % are taxed by different rules, row by row. Empty: "What You Sell Abroad".',
          },
        ],
      },
      {
        key: 'prices_include_vat',
        label: 'Prices Include VAT',
        type: 'boolean',
        default: 'false',
        helpText: 'Yes when the unit prices already include VAT (as in most web shops selling to consumers).',
      },
      {
        key: 'allow_negative_quantities',
        label: 'Allow Negative Quantities (Credit Lines)',
        type: 'boolean',
        default: 'false',
        helpText:
          'Leave at No to stop the step when a line has a quantity or unit price below zero (usually a mapping mistake). Yes lets such lines through as credits on the invoice.',
      },
      {
        key: 'currency',
        label: 'Currency',
        helpText:
          "The currency of the unit prices, as an ISO 4217 code such as EUR, SEK or USD. Leave empty for your company's own currency. An invoice in another currency carries Procountor's exchange rate for the invoice date (see Exchange Rate Type).",
      },
      ...invoiceOptionFields('line items'),
    ],
    perform,
    sample: {
      ...invoiceResultSample,
      id: 9002,
      invoice_id: 9002,
      invoice_number: 1002,
      reference_number: '1012',
      total_excluding_vat: 139.8,
      vat_total: 35.65,
      total: 175.45,
      total_in_company_currency: 175.45,
      customer_id: 5002,
      customer_name: 'Verkkokauppa Asiakas Oy',
      products_created_names: 'Coffee beans 1 kg',
      procountor_requests: 9,
      unique_key: 'order-1042',
      slack_alert: 'not_requested',
      slack_channel: '',
      slack_ts: '',
      slack_permalink: '',
      slack_error: '',
    },
    outputFields: outputFields(
      ...invoiceResultOutputFields,
      ['procountor_requests', 'Procountor Requests Made', 'integer'],
      ['unique_key', 'Unique Key'],
      ...slackAlertOutputFields,
    ),
  },
});
