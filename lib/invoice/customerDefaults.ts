// An existing customer's own data from Procountor, where the order lacks it: its invoicing language (the step's Invoice
// Language still wins, a language the customer's country only suggests does not), its country (when the order's was
// only the default, Finland) and its business ID or VAT number. Applied before the VAT treatment and the language are
// chosen, so both see the customer as Procountor has it; every value taken is said. Pure.
import { checkedBusinessId, identifierTypeFor, type Customer, type CustomerRecord } from '../procountor/customers';
import { isoCountryOf } from '../procountor/countries';
import { regionName } from '../rules/euVat';
import type { InvoiceOrder } from './order';

/** The record's business ID or VAT number with its type (read from the number when the record has none), when the invoice can carry it. */
const usableIdentifier = (record: CustomerRecord, customer: Customer) => {
  if (!record.identifier) return undefined;
  const type = record.identifierType ?? identifierTypeFor(undefined, customer.country, record.identifier);
  try {
    return checkedBusinessId(record.identifier, type) ? { identifier: record.identifier, type } : undefined;
  } catch {
    return undefined;
  }
};

/** The order as the matched customer's record completes it, and the sentence that says what was taken (empty: nothing). */
export const withCustomerRecord = (order: InvoiceOrder, record: CustomerRecord | undefined): { order: InvoiceOrder; sentence: string } => {
  if (!record) return { order, sentence: '' };
  const given = order.customer;
  const customer: Customer = { ...given, language: given.language ?? record.language };
  const taken: string[] = [];
  if (given.countryGiven === false && record.country && record.country !== given.country) {
    customer.country = record.country;
    const iso = isoCountryOf(record.country);
    taken.push(`country (${iso ? regionName(iso) : record.country})`);
  }
  const stored = given.businessId?.trim() ? undefined : usableIdentifier(record, customer);
  if (stored) {
    customer.businessId = stored.identifier;
    customer.identifierType = stored.type;
    taken.push(`${order.words.customerFields.businessId} ${stored.identifier}`);
  }
  const sentence = taken.length ? `The customer's ${taken.join(' and ')}, as stored for the customer in Procountor.` : '';
  return { order: { ...order, customer }, sentence };
};
