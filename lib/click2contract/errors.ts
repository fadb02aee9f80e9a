// A contract Click2Contract sent in a shape we cannot read, described in the proposal's own terms.
import type { z } from 'zod';

const FIELD_WORDS: Record<string, string> = {
  name: 'name',
  code: 'product code',
  description: 'description',
  quantity: 'quantity',
  unit: 'unit',
  unit_price: 'price',
  discount_percent: 'discount %',
  vat_percent: 'VAT %',
  company_name: 'company name',
  business_id: 'Business ID',
  address: 'Address',
  postal_code: 'Postal code',
  city: 'City',
  country: 'country',
  contact_name: 'contact person',
  email: 'e-mail',
  phone: 'phone',
  currency: 'currency',
  prices_include_vat: '"prices include VAT" setting',
};

const where = (path: PropertyKey[]): string => {
  const [first, second, third, fourth] = path;
  if (first === 'pricing_table' && second === 'items' && typeof third === 'number') {
    return `Pricing Table line ${third + 1}${fourth !== undefined ? ` ${FIELD_WORDS[String(fourth)] ?? String(fourth)}` : ''}`;
  }
  if (first === 'pricing_table') return second !== undefined ? `Pricing Table ${FIELD_WORDS[String(second)] ?? String(second)}` : 'Pricing Table';
  if (first === 'customer') return second !== undefined ? `customer ${FIELD_WORDS[String(second)] ?? String(second)}` : 'customer details';
  return path.map(String).join('.') || 'contract';
};

const what = (issue: z.core.$ZodIssue): string => {
  if (issue.code === 'invalid_type') {
    if ((issue as { input?: unknown }).input === undefined) return 'is missing';
    const expected = String((issue as { expected?: string }).expected);
    return expected === 'number'
      ? 'is not a number'
      : expected === 'string'
        ? 'is not text'
        : expected === 'array'
          ? 'is not a list'
          : `is not a valid ${expected}`;
  }
  if (issue.code === 'invalid_value') return 'has a value Click2Contract does not use';
  return 'cannot be read';
};

/** "Pricing Table line 1 quantity is not a number; customer company name is not text." (at most five) */
export const describeContractIssues = (error: z.ZodError): string => {
  const sentences = [...new Set(error.issues.map((issue) => `${where(issue.path)} ${what(issue)}`))];
  const shown = sentences.slice(0, 5).join('; ');
  return sentences.length > 5 ? `${shown}; and ${sentences.length - 5} more` : shown;
};
