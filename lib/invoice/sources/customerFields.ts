// The customer fields a step maps in: the same keys in every action that takes a customer (Create Customer, Create
// Unfinished Invoice from Line Items), read the same way so the two cannot drift apart.
import { toProcountorCountry } from '../../procountor/countries';
import type { Country } from '../../procountor/schemas';
import { parseEuVatNumber } from '../../rules/euVat';
import type { Customer } from '../../procountor/customers';
import { text } from '../../zapier/inputs';

/** The name (under the step's own key), address and contact of the customer, as Zapier handed them over. */
export const mappedCustomer = (input: Record<string, unknown>, nameKey: string, country: Country): Customer => ({
  name: text(input[nameKey]) ?? '',
  street: text(input.street),
  postalCode: text(input.postal_code),
  city: text(input.city),
  country,
  contactName: text(input.contact_name),
  email: text(input.email),
});

/**
 * The customer's country as the step gives it (an ISO code or an English name); when it gives none, the country of an
 * EU VAT number in the business ID, else Finland. `country` is undefined when Procountor knows no such country;
 * `countryGiven` is false when Finland is only that default, so an existing customer's own record may tell instead.
 */
export const customerCountry = (given: string | undefined, businessId: string | undefined) => {
  const vat = businessId ? parseEuVatNumber(businessId) : undefined;
  const fromSource = given?.trim() || (vat?.kind === 'eu' ? vat.isoCountry : undefined);
  const written = fromSource ?? 'FI';
  return { written, country: toProcountorCountry(written), countryGiven: fromSource !== undefined };
};
