import { defineTrigger, type Bundle, type ZObject } from 'zapier-platform-core';
import { procountorFor } from '../lib/procountor/client';
import { salesVatRates } from '../lib/procountor/vat';
import { outputFields } from '../lib/fields/outputFields';

const perform = async (z: ZObject, bundle: Bundle) => {
  const vats = await procountorFor(z, bundle).getDefaultVats();
  return salesVatRates(vats).map((percent) => ({ id: String(percent), vat_percent: percent, label: `${percent} %` }));
};

export default defineTrigger({
  key: 'vat_rate_list',
  noun: 'VAT Rate',
  display: {
    label: 'List VAT Rates',
    description: "Triggers when a dropdown needs your Procountor company's sales VAT rates.",
    hidden: true,
  },
  operation: {
    perform,
    canPaginate: false,
    sample: { id: '25.5', vat_percent: 25.5, label: '25.5 %' },
    outputFields: outputFields(['id', 'VAT Percent (as text)'], ['vat_percent', 'VAT Percent', 'number'], ['label', 'Label']),
  },
});
