// A Procountor product as Zap builders see it: Find Product, Create Product and Find or Create Product.
import type { ProductAnswer } from '../procountor/schemas';
import { outputFields } from './outputFields';

export const productOutput = (product: ProductAnswer, match?: { matchedBy?: string; similarity?: number }) => ({
  id: product.id!,
  name: product.name,
  code: product.code ?? '',
  unit: product.unit ?? '',
  price: product.price,
  vat_percent: product.vat ?? null,
  currency: product.currency,
  matched_by: match?.matchedBy ?? '',
  similarity: match?.similarity ?? null,
});

export const productOutputFields = outputFields(
  ['id', 'Product ID (Procountor)', 'integer'],
  ['name', 'Name'],
  ['code', 'Product Code'],
  ['unit', 'Unit'],
  ['price', 'Price', 'number'],
  ['vat_percent', 'VAT %', 'number'],
  ['currency', 'Currency'],
  ['matched_by', 'Matched By (code or name)'],
  ['similarity', 'Name Similarity (0-1)', 'number'],
);

export const productSample = {
  id: 7001,
  name: 'Design sprint',
  code: 'DS-01',
  unit: 'WEEK',
  price: 4800,
  vat_percent: 25.5,
  currency: 'EUR',
  matched_by: 'code',
  similarity: 1,
};
