import { defineTrigger } from 'zapier-platform-core';
import { hookOperations } from '../lib/click2contract/hooks';
import { contractOutput, contractOutputFields, contractSample } from '../lib/fields/contract';

export default defineTrigger({
  key: 'contract_sent_to_procountor',
  noun: 'Contract',
  display: {
    label: 'Contract Sent to Procountor',
    description:
      "Triggers when someone chooses **Send to Procountor** in an accepted contract's menu (for contracts not set to create invoices automatically).",
  },
  operation: {
    ...hookOperations({
      output: contractOutput,
      event: 'contract.sent_to_procountor',
      samples: (contracts) =>
        contracts.filter((c) => c.procountor?.sent_at).sort((a, b) => Date.parse(b.procountor!.sent_at!) - Date.parse(a.procountor!.sent_at!)),
    }),
    sample: { ...contractSample, auto_invoice: false, event_type: 'contract.sent_to_procountor', sent_to_procountor_at: '2026-11-24T09:30:00+02:00' },
    outputFields: contractOutputFields,
  },
});
