import { defineTrigger, type Bundle, type ZObject } from 'zapier-platform-core';
import { MAX_PAGE_SIZE, procountorFor } from '../lib/procountor/client';
import { outputFields } from '../lib/fields/outputFields';

/** Procountor pages products by the last id seen, not by page number, so later pages continue from a cursor. */
const perform = async (z: ZObject, bundle: Bundle) => {
  const page = Number(bundle.meta?.page ?? 0);
  const previousId = page > 0 ? Number(await z.cursor.get()) || undefined : undefined;
  const { results } = await procountorFor(z, bundle).searchProducts({
    type: 'SALES',
    active: true,
    orderById: 'ASC',
    size: MAX_PAGE_SIZE,
    previousId,
  });
  if (results.length === MAX_PAGE_SIZE) await z.cursor.set(String(results.at(-1)!.id));
  return results.map((p) => ({ id: p.id!, name: p.name, code: p.code ?? '', label: p.code ? `${p.name} (${p.code})` : p.name }));
};

export default defineTrigger({
  key: 'product_list',
  noun: 'Product',
  display: { label: 'List Products', description: 'Triggers when a dropdown needs your active sales products.', hidden: true },
  operation: {
    perform,
    canPaginate: true,
    sample: { id: 7001, name: 'Design sprint', code: 'DS-01', label: 'Design sprint (DS-01)' },
    outputFields: outputFields(['id', 'Product ID', 'integer'], ['name', 'Name'], ['code', 'Product Code'], ['label', 'Label']),
  },
});
