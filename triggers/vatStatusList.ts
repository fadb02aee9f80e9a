import { defineTrigger, type Bundle, type ZObject } from 'zapier-platform-core';
import { procountorFor } from '../lib/procountor/client';
import { salesVatStatuses, vatStatusLabel } from '../lib/procountor/vat';
import { outputFields } from '../lib/fields/outputFields';

const perform = async (z: ZObject, bundle: Bundle) => {
  const vats = await procountorFor(z, bundle).getDefaultVats();
  return salesVatStatuses(vats).map((status) => ({
    id: String(status.id),
    vat_status: status.id,
    description: status.description,
    label: vatStatusLabel(status),
  }));
};

export default defineTrigger({
  key: 'vat_status_list',
  noun: 'VAT Status',
  display: {
    label: 'List VAT Statuses',
    description: "Triggers when a dropdown needs your Procountor company's sales VAT statuses (Management → Accounting info → VAT defaults).",
    hidden: true,
  },
  operation: {
    perform,
    canPaginate: false,
    sample: { id: '19', vat_status: 19, description: 'EU community sales (service)', label: '19 · EU community sales (service)' },
    outputFields: outputFields(['id', 'VAT Status (as text)'], ['vat_status', 'VAT Status', 'integer'], ['description', 'Description'], ['label', 'Label']),
  },
});
