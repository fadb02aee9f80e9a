import { defineCreate, type Bundle, type ZObject } from 'zapier-platform-core';
import { InputError, withZapierErrors } from '../lib/zapier/errors';
import { decimal, text } from '../lib/zapier/inputs';
import { procountorFor } from '../lib/procountor/client';
import { productOutput, productOutputFields, productSample } from '../lib/fields/product';
import { createProduct } from '../lib/procountor/products';
import { Currency } from '../lib/procountor/schemas';
import { toProcountorUnit } from '../lib/procountor/units';

const perform = (z: ZObject, bundle: Bundle) =>
  withZapierErrors(z, async () => {
    const currencyText = (text(bundle.inputData.currency) ?? 'EUR').toUpperCase();
    const currency = Currency.safeParse(currencyText);
    if (!currency.success) throw new InputError(`"${currencyText}" is not a currency code Procountor knows (e.g. EUR, SEK).`);
    const product = await createProduct(procountorFor(z, bundle), {
      name: text(bundle.inputData.name) ?? '',
      code: text(bundle.inputData.code),
      unit: toProcountorUnit(text(bundle.inputData.unit)),
      price: decimal(bundle.inputData.price, 'Price'),
      vatPercent: decimal(bundle.inputData.vat_percent, 'VAT %'),
      currency: currency.data,
    });
    return productOutput(product);
  });

export default defineCreate({
  key: 'create_product',
  noun: 'Product',
  display: {
    label: 'Create Product',
    description: 'Creates a sales product in Procountor. Pair it with "Find Product" so a product is only created when no similar product exists.',
  },
  operation: {
    inputFields: [
      { key: 'name', label: 'Name', required: true },
      { key: 'code', label: 'Product Code', helpText: 'Up to 40 characters.' },
      {
        key: 'unit',
        label: 'Unit',
        helpText: 'Free text as written in the proposal: `kpl`, `pcs`, `h`, `hour`, `kk`, `month`, `päivä`, `day`… Unknown units become "piece".',
      },
      { key: 'price', label: 'Price', type: 'number', helpText: 'Unit price excluding VAT.' },
      { key: 'vat_percent', label: 'VAT %', dynamic: 'vat_rate_list.id.label', helpText: "One of your company's VAT rates, e.g. 25.5." },
      { key: 'currency', label: 'Currency', default: 'EUR' },
    ],
    perform,
    sample: productSample,
    outputFields: productOutputFields,
  },
});
