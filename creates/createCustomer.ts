import { defineCreate, type Bundle, type ZObject } from 'zapier-platform-core';
import { isoCountryOf } from '../lib/procountor/countries';
import { InputError, withZapierErrors } from '../lib/zapier/errors';
import { text, wholeNumber } from '../lib/zapier/inputs';
import { procountorFor } from '../lib/procountor/client';
import { checkedIdentifierType, createCustomer, FINNISH_BUSINESS_ID_TYPE, identifierTypeFor, type Customer } from '../lib/procountor/customers';
import { customerAddressInputFields, customerOutput, customerOutputFields, customerSample } from '../lib/fields/customer';
import { LANGUAGE_CHOICES, languageForCountry, languageInput } from '../lib/procountor/languages';
import { customerCountry, mappedCustomer } from '../lib/invoice/sources/customerFields';

const customerDetailsFrom = (input: Record<string, unknown>): Customer => {
  const businessId = text(input.business_id);
  const { written: countryText, country } = customerCountry(text(input.country), businessId);
  if (!country) {
    throw new InputError(`"${countryText}" is not a country Procountor knows. Use a two-letter ISO code such as FI, SE or DE.`);
  }
  const typed = checkedIdentifierType(text(input.identifier_type));
  return {
    ...mappedCustomer(input, 'name', country),
    businessId,
    // Left at YHD (the field's default), an EU VAT number takes its own country's type rather than failing as a Y-tunnus.
    identifierType: typed === undefined || typed === FINNISH_BUSINESS_ID_TYPE ? (identifierTypeFor(countryText, country, businessId) ?? typed) : typed,
    phone: text(input.phone),
    language: languageInput(input.language) ?? languageForCountry(isoCountryOf(country)),
    einvoiceAddress: text(input.einvoice_address),
    einvoiceOperator: text(input.einvoice_operator),
    paymentTermDays: wholeNumber(input.payment_term_days, 'Payment Term (days)'),
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
        helpText:
          'Finnish business ID (Y-tunnus) in any spelling, e.g. `0737546-2`, checked and stored as `0737546-2`; or an EU VAT number such as `SE556677889901`, checked and stored as written there.',
      },
      {
        key: 'identifier_type',
        label: 'Identifier Type',
        default: 'YHD',
        helpText:
          'Leave as `YHD` for a Finnish business ID (Y-tunnus): an EU VAT number (`SE556677889901`, `DE 136 695 976`) is then recognised, ' +
          'checked and stored with its own country code. For another foreign ID, enter its country code (`NO`, `GB`…); the ID is then stored exactly as given.',
      },
      ...customerAddressInputFields,
      { key: 'phone', label: 'Phone' },
      {
        key: 'language',
        label: 'Invoicing Language',
        choices: LANGUAGE_CHOICES,
        helpText: "Leave empty to follow the customer's country: Finnish, Swedish (Sweden, Åland), Danish, Norwegian, Estonian, else English.",
      },
      { key: 'einvoice_address', label: 'E-invoice Address', helpText: "The customer's e-invoice address (OVT or IBAN), if known." },
      { key: 'einvoice_operator', label: 'E-invoice Operator', helpText: "The operator's ID (e.g. `003721291126` for Maventa), if known." },
      { key: 'payment_term_days', label: 'Payment Term (days)', type: 'integer', helpText: 'Days to pay; leave empty to use your company default.' },
    ],
    perform,
    sample: customerSample,
    outputFields: customerOutputFields,
  },
});
