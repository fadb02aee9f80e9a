// A Procountor customer as Zap builders see it: Find Customer, Create Customer and Find or Create Customer.
import type { BusinessPartnerAnswer, BusinessPartnerBasicInfo } from '../procountor/schemas';
import { outputFields } from './outputFields';

export const customerOutput = (partner: BusinessPartnerAnswer | BusinessPartnerBasicInfo) => {
  // A search hit carries a subset of the full partner's fields; read both through the full shape.
  const full = partner as BusinessPartnerAnswer;
  const address = full.billingAddress ?? full.address;
  const invoicing = full.invoicingInfo;
  return {
    id: partner.id!,
    name: partner.name ?? '',
    business_id: partner.invoicingInfo?.identifier ?? '',
    customer_number: partner.invoicingInfo?.customerNumber ?? '',
    street: address?.street ?? '',
    postal_code: address?.zip ?? '',
    city: address?.city ?? '',
    country: address?.country ?? '',
    email: invoicing?.email ?? '',
    active: partner.registryInfo?.active !== false,
  };
};

export const customerOutputFields = outputFields(
  ['id', 'Customer ID (Procountor)', 'integer'],
  ['name', 'Name'],
  ['business_id', 'Business ID'],
  ['customer_number', 'Customer Number'],
  ['street', 'Street Address'],
  ['postal_code', 'Postal Code'],
  ['city', 'City'],
  ['country', 'Country'],
  ['email', 'Invoicing Email'],
  ['active', 'Active', 'boolean'],
);

export const customerSample = {
  id: 5001,
  name: 'Asiakas Oy',
  business_id: '0737546-2',
  customer_number: '5001',
  street: 'Mannerheimintie 1 A 5',
  postal_code: '00100',
  city: 'Helsinki',
  country: 'FINLAND',
  email: 'laskut@asiakas.fi',
  active: true,
};

/**
 * The customer's address and contact as every action that takes a customer asks for them (Create Customer, Create
 * Unfinished Invoice from Line Items): one list, so their labels and help cannot drift apart.
 */
export const customerAddressInputFields = [
  { key: 'street', label: 'Street Address' },
  { key: 'postal_code', label: 'Postal Code' },
  { key: 'city', label: 'City' },
  { key: 'country', label: 'Country', default: 'FI', helpText: 'Two-letter ISO country code, e.g. `FI`, `SE`, `DE`.' },
  { key: 'contact_name', label: 'Contact Person' },
  { key: 'email', label: 'Invoicing Email', helpText: 'Where an e-mailed invoice goes.' },
] as const;
