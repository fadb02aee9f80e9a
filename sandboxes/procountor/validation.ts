// What the Procountor sandbox checks on POSTs, as strictly as Procountor: required fields and enums from the
// API 26.04 schemas (shared zod schemas), plus lengths and business rules the schemas cannot say.
import type { z } from 'zod';
import { FIELD_LIMITS } from '../../lib/procountor/limits';
import { BusinessPartner, Invoice, Product } from '../../lib/procountor/schemas';

export interface FieldError {
  status: 400;
  field: string;
  message: string;
}

const pathOf = (path: PropertyKey[]) =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');

const schemaErrors = (schema: z.ZodType, body: unknown): FieldError[] => {
  const result = schema.safeParse(body);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({
    status: 400,
    field: pathOf(issue.path) || 'body',
    message: issue.code === 'invalid_type' && issue.input === undefined ? 'Field is required.' : issue.message,
  }));
};

const MAX_LENGTHS: Record<string, number> = FIELD_LIMITS;

const lengthErrors = (value: unknown, path: string[] = [], limits: Record<string, number> = MAX_LENGTHS): FieldError[] => {
  if (Array.isArray(value)) return value.flatMap((v, i) => lengthErrors(v, [...path.slice(0, -1), `${path.at(-1)}[${i}]`], limits));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, v]) => lengthErrors(v, [...path, key], limits));
  }
  const key = path.at(-1)?.replace(/\[\d+\]$/, '');
  const max = key ? limits[key] : undefined;
  if (typeof value === 'string' && max !== undefined && value.length > max) {
    return [{ status: 400, field: path.join('.'), message: `Value is too long (${value.length} characters, maximum ${max}).` }];
  }
  return [];
};

export const validateBusinessPartner = (body: unknown) => [...schemaErrors(BusinessPartner, body), ...lengthErrors(body)];
/** A product's name is as long as an invoice row's product text. */
export const validateProduct = (body: unknown) => [
  ...schemaErrors(Product, body),
  ...lengthErrors(body, [], { ...MAX_LENGTHS, name: FIELD_LIMITS.product }),
];
export const validateInvoice = (body: unknown) => [...schemaErrors(Invoice, body), ...lengthErrors(body)];

/** The sandbox company's VAT rates: 25.5, 13.5, 10 and 0, and for dates before 2026 also 24 and 14. */
export const companyVatRates = (isoDate?: string): number[] =>
  !isoDate || isoDate >= '2026-01-01' ? [25.5, 13.5, 10, 0] : [25.5, 24, 14, 13.5, 10, 0];

export const isIsoDate = (value: unknown): value is string =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
