import { defineSearch, type Bundle, type ZObject } from 'zapier-platform-core';
import { InputError, withZapierErrors } from '../lib/zapier/errors';
import { decimal, text } from '../lib/zapier/inputs';
import { procountorFor } from '../lib/procountor/client';
import { productOutput, productOutputFields, productSample } from '../lib/fields/product';
import { findProduct } from '../lib/procountor/products';
import { SIMILARITY_THRESHOLD } from '../lib/rules/productMatch';
import { toProcountorUnit } from '../lib/procountor/units';

const perform = (z: ZObject, bundle: Bundle) =>
  withZapierErrors(z, async () => {
    const code = text(bundle.inputData.code);
    const name = text(bundle.inputData.name);
    if (!code && !name) throw new InputError('Give a product code or a product name to search by.');
    const found = await findProduct(procountorFor(z, bundle), {
      code,
      name: name ?? '',
      unit: toProcountorUnit(text(bundle.inputData.unit)),
      price: decimal(bundle.inputData.price, 'Price'),
    });
    return found ? [productOutput(found.product, found)] : [];
  });

export default defineSearch({
  key: 'find_product',
  noun: 'Product',
  display: {
    label: 'Find Product',
    description: `Finds an active sales product in Procountor by product code, or else by a similar name (case, spacing, punctuation and å/ä/ö do not matter; names at least ${Math.round(SIMILARITY_THRESHOLD * 100)}% similar match).`,
  },
  operation: {
    inputFields: [
      { key: 'code', label: 'Product Code', helpText: 'Matched exactly (case does not matter). Searched first.' },
      {
        key: 'name',
        label: 'Name',
        helpText: 'Used when no product has the code: "Design Sprint", "design sprint " and "Design-sprint" all find the same product.',
      },
      { key: 'unit', label: 'Unit', helpText: 'Optional. Breaks ties between equally similar products: `kpl`, `h`, `month`, `päivä`…' },
      { key: 'price', label: 'Price', helpText: 'Optional. Breaks ties between equally similar products with the same unit.' },
    ],
    perform,
    sample: productSample,
    outputFields: productOutputFields,
  },
});
