// A Procountor product as Zap builders see it: Find Product, Create Product and Find or Create Product.
import type { ProductAnswer } from '../procountor/schemas';

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

export const productOutputFields = [
  { key: 'id', label: 'Product ID (Procountor)', type: 'integer' as const },
  { key: 'name', label: 'Name' },
  { key: 'code', label: 'Product Code' },
  { key: 'unit', label: 'Unit' },
  { key: 'price', label: 'Price', type: 'number' as const },
  { key: 'vat_percent', label: 'VAT %', type: 'number' as const },
  { key: 'currency', label: 'Currency' },
  { key: 'matched_by', label: 'Matched By (code or name)' },
  { key: 'similarity', label: 'Name Similarity (0-1)', type: 'number' as const },
];

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
