// The app's zod schemas (which the sandbox also validates with) must require exactly what Procountor's
// API 26.04 requires. Checked against the owner's copy of the schemas beside the project.
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { BusinessPartner, Invoice, InvoiceRow, Product } from '../../../lib/procountor/schemas';
import * as enums from '../../../lib/procountor/enums';

// The owner's current copy beside the project when there is one, else the copy committed with it.
const referencePath = [
  path.resolve(__dirname, '../../../../shared/reference/procountor-schemas-26.04.json'),
  path.resolve(__dirname, '../../../reference/procountor-schemas-26.04.json'),
].find((candidate) => fs.existsSync(candidate))!;
const reference = JSON.parse(fs.readFileSync(referencePath, 'utf8')).schemas as Record<string, Record<string, { required?: boolean; enum?: string[] }>>;

const requiredKeys = (schema: z.ZodObject<any>) =>
  Object.entries(schema.shape)
    .filter(([, field]) => !(field as z.ZodType).safeParse(undefined).success)
    .map(([key]) => key)
    .sort();

const referenceRequired = (name: string) =>
  Object.entries(reference[name]!)
    .filter(([, field]) => field.required)
    .map(([key]) => key)
    .sort();

describe('Procountor schemas match the API 26.04 reference', () => {
  it.each([
    ['Invoice', Invoice],
    ['InvoiceRow', InvoiceRow],
    ['Product', Product],
    ['BusinessPartner', BusinessPartner],
  ] as const)('%s requires exactly the reference fields', (name, schema) => {
    expect(requiredKeys(schema as unknown as z.ZodObject<any>)).toEqual(referenceRequired(name));
  });

  it('the generated enums are the reference enums', () => {
    expect(enums.INVOICE_ROW_UNITS).toEqual(reference.InvoiceRow!.unit!.enum);
    expect(enums.PRODUCT_UNITS).toEqual(reference.Product!.unit!.enum);
    expect(enums.INVOICE_CHANNELS).toEqual(reference.Invoice!.invoiceChannel!.enum);
    expect(enums.COUNTRIES).toEqual(reference.InvoiceCounterpartyAddress!.country!.enum);
    expect(enums.CURRENCIES).toEqual(reference.PaymentInfo!.currency!.enum);
  });
});
