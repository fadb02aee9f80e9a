import { defineTrigger } from 'zapier-platform-core';
import { autoInvoiceOnly, hookOperations } from '../lib/click2contract/hooks';
import { contractOutput, contractOutputFields, contractSample } from '../lib/fields/contract';

export default defineTrigger({
  key: 'contract_accepted',
  noun: 'Contract',
  display: {
    label: 'Contract Accepted',
    description: 'Triggers when a customer accepts and signs a proposal.',
  },
  operation: {
    inputFields: [
      {
        key: 'auto_invoice_only',
        label: 'Only contracts set to create invoices automatically',
        type: 'boolean',
        default: 'true',
        helpText:
          'Mirrors Click2Contract\'s Procountor setting "create invoices automatically when the customer accepts". ' +
          "When yes, other contracts are skipped here; send them with **Send to Procountor** in the contract's menu " +
          'and catch them with the "Contract Sent to Procountor" trigger.',
      },
    ],
    ...hookOperations({
      output: contractOutput,
      event: 'contract.accepted',
      wanted: (contract, bundle) => !autoInvoiceOnly(bundle) || Boolean(contract.procountor?.auto_invoice),
      samples: (contracts) => contracts, // the API already answers newest first
    }),
    sample: contractSample,
    outputFields: contractOutputFields,
  },
});
