// The invoice's language: the one the step names, else the one stored for the customer in Procountor, else the one of
// the customer's country. Pure.
import { isoCountryOf } from '../procountor/countries';
import { languageForCountry } from '../procountor/languages';
import type { Language } from '../procountor/schemas';
import { regionName } from '../rules/euVat';
import type { InvoiceOrder } from './order';

/** The language, and why it was chosen ("by the customer's country (Sweden)"), for the step's output. */
export const invoiceLanguage = (order: InvoiceOrder): { code: Language; reason: string } => {
  if (order.options.language) return { code: order.options.language, reason: 'as chosen in Invoice Language' };
  // Only an existing customer's record gives an order's customer a language (customerDefaults.ts).
  if (order.customer.language) return { code: order.customer.language, reason: 'as stored for the customer in Procountor' };
  const isoCountry = isoCountryOf(order.customer.country) ?? 'FI';
  const code = languageForCountry(isoCountry);
  // Procountor's invoice languages are Finnish, Swedish, English, Danish, Norwegian and Estonian: German, French… fall back.
  const fallback =
    code === 'ENGLISH' && !['GB', 'IE', 'US', 'AU', 'CA', 'NZ'].includes(isoCountry) ? ', which has no Procountor invoice language of its own' : '';
  return { code, reason: `by the customer's country (${regionName(isoCountry)})${fallback}` };
};
