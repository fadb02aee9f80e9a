// Field lengths Procountor publishes (API 26.04 `maxLength`, generated into enums.ts), named by what the app fills.
// The checks before anything is created and the text fitting take their numbers from here, so a too-long value halts
// or is shortened before a customer or product is made.
import { MAX_LENGTHS } from './enums';

export type PublishedField = keyof typeof MAX_LENGTHS;
export const maxLengthOf = (field: PublishedField): number => MAX_LENGTHS[field];

export const FIELD_LIMITS = {
  /** BusinessPartner.name and the invoice's counterparty and billing address name. */
  name: MAX_LENGTHS['BusinessPartner.name'],
  specifier: MAX_LENGTHS['InvoiceCounterpartyAddress.specifier'],
  street: MAX_LENGTHS['InvoiceCounterpartyAddress.street'],
  zip: MAX_LENGTHS['InvoiceCounterpartyAddress.zip'],
  city: MAX_LENGTHS['InvoiceCounterpartyAddress.city'],
  subdivision: MAX_LENGTHS['InvoiceCounterpartyAddress.subdivision'],
  code: MAX_LENGTHS['Product.code'],
  /** Product.name; the invoice row's product text is kept to the same length, so row and register agree. */
  product: MAX_LENGTHS['Product.name'],
  productCode: MAX_LENGTHS['Product.code'],
  /** Procountor publishes no length for identifiers on partners or invoices; BusinessIdentifier.code is its BRN width. */
  identifier: MAX_LENGTHS['BusinessIdentifier.code'],
  /** BusinessPartnerContactPerson.email: the only published e-mail length. */
  email: MAX_LENGTHS['BusinessPartnerContactPerson.email'],
  contactPersonName: MAX_LENGTHS['CounterParty.contactPersonName'],
  contactPerson: MAX_LENGTHS['BusinessPartnerContactPerson.name'],
  phone: MAX_LENGTHS['BusinessPartnerContactPerson.phone'],
  orderReference: MAX_LENGTHS['Invoice.orderReference'],
  originalInvoiceNumber: MAX_LENGTHS['Invoice.originalInvoiceNumber'],
  additionalInformation: MAX_LENGTHS['Invoice.additionalInformation'],
  notes: MAX_LENGTHS['Invoice.notes'],
  explanationText: MAX_LENGTHS['InvoiceRow.explanationText'],
  comment: MAX_LENGTHS['InvoiceRow.comment'],
} as const;

/** Amounts beyond these are typing mistakes, not invoices. */
export const MAX_ABS_UNIT_PRICE = 100_000_000;
export const MAX_ABS_QUANTITY = 10_000_000;

/**
 * The decimals an invoice row's unit price (InvoiceRow.unitPrice) and a product's price (Product.price) keep. Procountor
 * publishes no scale for either (API 26.04: both plain `number`, decimals with a dot, reference/procountor-SOURCES.md);
 * only totals are money and go to the cent. Inferred, not published: four decimals, the unit-price precision of the
 * Finnish e-invoice Procountor sends (Finvoice 3.0 follows EN 16931, whose unit price amount has no two-decimal cap,
 * docs.gobl.org/addons/fi-finvoice-v3), enough for 8.0645 € × 1,000 to invoice 8,064.50 €. A price with more decimals is
 * rounded to four and said in `text_adjusted`.
 */
export const UNIT_PRICE_DECIMALS = 4;
