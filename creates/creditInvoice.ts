import { recentInvoiceInputField } from '../lib/fields/invoice';
import { defineCreate, type Bundle, type ZObject } from 'zapier-platform-core';
import { InputError, withZapierErrors } from '../lib/zapier/errors';
import { text, wholeNumber } from '../lib/zapier/inputs';
import { procountorFor } from '../lib/procountor/client';
import { creditInvoice } from '../lib/procountor/crediting';
import { outputFields, SHARED_ROWS } from '../lib/fields/outputFields';
import { notifySlackChannelField, sentMessageOutputFields, sentMessageSample } from '../lib/fields/invoiceMessage';
import { notifyIfAsked } from '../lib/invoiceMessage/update';

const perform = (z: ZObject, bundle: Bundle) =>
  withZapierErrors(z, async () => {
    const invoiceId = wholeNumber(bundle.inputData.invoice_id, 'Invoice', 1, 2_147_483_647);
    if (invoiceId === undefined) throw new InputError('Pick the invoice from the "Invoice" dropdown, or map its Invoice ID from an earlier step.');
    const reason = text(bundle.inputData.reason);
    const client = procountorFor(z, bundle);
    const done = await creditInvoice(z, client, invoiceId, reason);
    const creditedBy =
      done.action === 'credited' ? `invoice ${done.creditInvoiceNumber ?? `(ID ${done.creditInvoiceId})`}${reason ? ` (${reason})` : ''}` : undefined;
    return {
      id: done.creditInvoiceId ?? done.invoiceId,
      invoice_id: done.invoiceId,
      invoice_number: done.invoiceNumber,
      action: done.action,
      credit_invoice_id: done.creditInvoiceId,
      credit_invoice_number: done.creditInvoiceNumber,
      status: done.status,
      already_existed: done.alreadyExisted,
      ...(await notifyIfAsked(z, bundle, client, done.invoiceId, creditedBy)),
    };
  });

export default defineCreate({
  key: 'credit_invoice',
  noun: 'Credit Note',
  display: {
    label: 'Credit Invoice',
    description:
      "Credits a sent sales invoice in Procountor with a credit note (a new Unfinished sales invoice crediting the original's rows, for your accountant to send), or invalidates an invoice not yet sent. Safe to run twice, even at the same time: an invoice gets one credit note.",
  },
  operation: {
    inputFields: [
      recentInvoiceInputField(
        'Pick the invoice, or map **Invoice ID (Procountor)** from Find Invoice. A sent invoice gets a credit note naming its number; one not yet sent (Unfinished, Not sent, Approved) is invalidated instead, as Procountor allows.',
      ),
      {
        key: 'reason',
        label: 'Reason',
        helpText: 'Optional. Printed on the credit note under the original invoice\'s number, e.g. "Contract cancelled".',
      },
      notifySlackChannelField('After crediting or invalidating'),
    ],
    perform,
    sample: {
      id: 9002,
      invoice_id: 9001,
      invoice_number: 1042,
      action: 'credited',
      credit_invoice_id: 9002,
      credit_invoice_number: 1043,
      status: 'UNFINISHED',
      already_existed: false,
      ...sentMessageSample,
    },
    outputFields: outputFields(
      ['id', 'ID', 'integer'],
      SHARED_ROWS.invoiceId,
      SHARED_ROWS.invoiceNumber,
      ['action', 'Action (credited or invalidated)'],
      ['credit_invoice_id', 'Credit Note Invoice ID (Procountor)', 'integer'],
      ['credit_invoice_number', 'Credit Note Invoice Number', 'integer'],
      ['status', "Status (the credit note's, or INVALIDATED)"],
      ['already_existed', 'Already Done Before', 'boolean'],
      ...sentMessageOutputFields,
    ),
  },
});
