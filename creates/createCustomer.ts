import { defineCreate, type Bundle, type ZObject } from 'zapier-platform-core';
import { toProcountorCountry } from '../lib/procountor/countries';
import { InputError, withZapierErrors } from '../lib/zapier/errors';
import { text, wholeNumber } from '../lib/zapier/inputs';
import { procountorFor } from '../lib/procountor/client';
import { checkedIdentifierType, createCustomer, type Customer } from '../lib/procountor/customers';
import { customerOutput, customerOutputFields, customerSample } from '../lib/fields/customer';
import { LANGUAGE_CHOICES, languageInput } from '../lib/procountor/languages';
import { mappedCustomer } from '../lib/invoice/sources/customerFields';

export const customerDetailsFrom = (input: Record<string, unknown>): Customer => {
  const countryText = text(input.country) ?? 'FI';
  const country = toProcountorCountry(countryText);
  if (!country) {
    throw new InputError(`"${countryText}" is not a country Procountor knows. Use a two-letter ISO code such as FI, SE or DE.`, 'country');
  }
  return {
    ...mappedCustomer(input, 'name', country),
    businessId: text(input.business_id),
    identifierType: checkedIdentifierType(text(input.identifier_type)),
    phone: text(input.phone),
    language: languageInput(input.language),
    einvoiceAddress: text(input.einvoice_address),
    einvoiceOperator: text(input.einvoice_operator),
    paymentTermDays: wholeNumber(input.payment_term_days, 'Payment Term (days)', 'payment_term_days'),
  };
};

const perform = (z: ZObject, bundle: Bundle) =>
  withZapierErrors(z, async () => customerOutput(await createCustomer(procountorFor(z, bundle), customerDetailsFrom(bundle.inputData))));

export default defineCreate({
  key: 'create_customer',
  noun: 'Customer',
  display: {
    label: 'Create Customer',
    description: 'Creates a customer in Procountor. Pair it with "Find Customer" so a customer is only created when no customer has the same business ID.',
  },
  operation: {
    inputFields: [
      { key: 'name', label: 'Name', required: true, helpText: "The customer's company name as it should appear on invoices." },
      {
        key: 'business_id',
        label: 'Business ID',
        helpText: 'Finnish business ID (Y-tunnus) in any spelling, e.g. `0737546-2`. It is checked and stored as `0737546-2`.',
      },
      {
        key: 'identifier_type',
        label: 'Identifier Type',
        default: 'YHD',
        helpText:
          'Leave as `YHD` for a Finnish business ID (Y-tunnus). For a foreign company, enter the country code of its VAT ID ' +
          '(`SE`, `DE`, `EE`…, Greece `EL`); its ID is then stored exactly as given.',
      },
      { key: 'street', label: 'Street Address' },
      { key: 'postal_code', label: 'Postal Code' },
      { key: 'city', label: 'City' },
      { key: 'country', label: 'Country', default: 'FI', helpText: 'Two-letter ISO country code, e.g. `FI`, `SE`, `DE`.' },
      { key: 'contact_name', label: 'Contact Person' },
      { key: 'email', label: 'Invoicing Email' },
      { key: 'phone', label: 'Phone' },
      { key: 'language', label: 'Invoicing Language', choices: LANGUAGE_CHOICES, default: 'FINNISH' },
      { key: 'einvoice_address', label: 'E-invoice Address', helpText: "The customer's e-invoice address (OVT or IBAN), if known." },
      { key: 'einvoice_operator', label: 'E-invoice Operator', helpText: "The operator's ID (e.g. `003721291126` for Maventa), if known." },
      { key: 'payment_term_days', label: 'Payment Term (days)', type: 'integer', helpText: 'Days to pay; leave empty to use your company default.' },
    ],
    perform,
    sample: customerSample,
    outputFields: customerOutputFields,
  },
});
