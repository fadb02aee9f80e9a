import { defineTrigger, type Bundle, type ZObject } from 'zapier-platform-core';
import { click2contractFor } from '../lib/click2contract/client';
import { contractChoice, contractChoiceOutputFields, contractChoiceSample } from '../lib/fields/contract';

const PAGE_SIZE = 50;

/** Click2Contract pages contracts by cursor; Zapier asks for page numbers, so the cursor rides in z.cursor. */
const perform = async (z: ZObject, bundle: Bundle) => {
  const page = Number(bundle.meta?.page ?? 0);
  const cursor = page > 0 ? (await z.cursor.get()) || undefined : undefined;
  if (page > 0 && !cursor) return [];
  const { data, next_cursor } = await click2contractFor(z, bundle).listAcceptedContracts(PAGE_SIZE, cursor);
  await z.cursor.set(next_cursor ?? '');
  return data.map(contractChoice);
};

export default defineTrigger({
  key: 'contract_list',
  noun: 'Contract',
  display: {
    label: 'List Accepted Contracts',
    description: 'Triggers when a dropdown needs your latest accepted contracts, newest first.',
    hidden: true,
  },
  operation: {
    perform,
    canPaginate: true,
    sample: contractChoiceSample,
    outputFields: contractChoiceOutputFields,
  },
});
