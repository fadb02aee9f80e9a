// The customer fields a step maps in: the same keys in every action that takes a customer (Create Customer, Create
// Unfinished Invoice from Line Items), read the same way so the two cannot drift apart.
import type { Country } from '../../procountor/schemas';
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
