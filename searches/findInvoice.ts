import { defineSearch, type Bundle, type ZObject } from 'zapier-platform-core';
import { InputError, withZapierErrors } from '../lib/zapier/errors';
import { text, wholeNumber } from '../lib/zapier/inputs';
import { procountorFor } from '../lib/procountor/client';
import { findInvoiceById, findInvoiceByNumber, findInvoiceForContract } from '../lib/procountor/invoices';
import { invoiceOutput, invoiceOutputFields, invoiceSample } from '../lib/fields/invoice';

const perform = (z: ZObject, bundle: Bundle) =>
  withZapierErrors(z, async () => {
    const client = procountorFor(z, bundle);
    const contractId = text(bundle.inputData.contract_id);
    const invoiceNumber = wholeNumber(bundle.inputData.invoice_number, 'Invoice Number', 1, 2_147_483_647);
    const invoiceId = wholeNumber(bundle.inputData.invoice_id, 'Invoice', 1, 2_147_483_647);
    if (!contractId && invoiceNumber === undefined && invoiceId === undefined) {
      throw new InputError('Pick a contract in "Contract", an invoice in "Invoice", or give a Procountor invoice number to search by.');
    }
    const found = contractId
      ? await findInvoiceForContract(client, contractId)
      : invoiceNumber !== undefined
        ? await findInvoiceByNumber(client, invoiceNumber)
        : await findInvoiceById(client, invoiceId!);
    return found ? [{ ...invoiceOutput(found), contract_id: contractId ?? '' }] : [];
  });

export default defineSearch({
  key: 'find_invoice',
  noun: 'Invoice',
  display: {
    label: 'Find Invoice',
    description: 'Finds the Procountor sales invoice made for a Click2Contract contract, or an invoice by its number.',
  },
  operation: {
    inputFields: [
      {
        key: 'contract_id',
        label: 'Contract',
        dynamic: 'contract_list.id.label',
        helpText:
          'Pick a contract, or map **Contract ID** (e.g. `ctr_8f2k1`) from the "Contract Accepted" trigger. Invoices made by this integration carry it in their additional information as `[C2C:ctr_8f2k1]`.',
      },
      { key: 'invoice_number', label: 'Invoice Number', type: 'integer', helpText: 'Used when no contract ID is given.' },
      {
        key: 'invoice_id',
        label: 'Invoice',
        dynamic: 'invoice_list.id.label',
        helpText: 'Used when neither a contract ID nor an invoice number is given: pick a recent Unfinished invoice, or map an Invoice ID (Procountor).',
      },
    ],
    perform,
    sample: { ...invoiceSample, contract_id: 'ctr_8f2k1' },
    outputFields: [...invoiceOutputFields, { key: 'contract_id', label: 'Contract ID' }],
  },
});
