// The rules Procountor states in its field descriptions (API 26.04), which types alone cannot say. Each rule quotes
// the description it comes from; each has a test with a counter-example in test/sandboxes/procountor-published-rules.test.ts.
import { isIsoDate, schemaOf, validateAgainst, type FieldError } from './published';
import { isValidFinnishReference } from './reference';

type Json = Record<string, any>;

const error = (field: string, message: string): FieldError => ({ status: 400, field, message });
const blank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && !value.trim());
const SALES = new Set(['SALES_INVOICE', 'SALES_ORDER']);

/** What the rules need to know about the sandbox company. */
export interface CompanyContext {
  /** VAT percentages in use on a date ("Must be a percentage currently in use for the company"). */
  vatRatesOn: (isoDate?: string) => number[];
  /** The VAT statuses GET /vats/default lists for sales (a control may change them). */
  salesVatStatuses: () => number[];
  /** The company's currency, GET /currencies/company. */
  currency: () => string;
  /** The company's Domestic status: "With any status other than Domestic, the VAT percent is 0". */
  domesticVatStatus: number;
  partnerExists: (id: number) => boolean;
  productExists: (id: number) => boolean;
}

/**
 * Identifier types Procountor publishes: BusinessIdentifier.brnType and BusinessPartnerAdditionalInfo.parentCompanyIdType.
 * InvoicingInfo.identifierType itself is free text in the schema; the sandbox takes only these (an inference).
 */
export const publishedIdentifierTypes = () =>
  new Set(
    [...(schemaOf('BusinessIdentifier').brnType!.enum ?? []), ...(schemaOf('BusinessPartnerAdditionalInfo').parentCompanyIdType!.enum ?? [])].filter(Boolean),
  );

const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** The RF creditor reference (ISO 11649): mod 97 of the rearranged, letters-as-numbers text is 1. */
const isValidRfReference = (reference: string) => {
  const compact = reference.replace(/\s+/g, '').toUpperCase();
  if (!/^RF\d{2}[0-9A-Z]{1,21}$/.test(compact)) return false;
  const rearranged = (compact.slice(4) + compact.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  return [...rearranged].reduce((rest, digit) => (rest * 10 + Number(digit)) % 97, 0) === 1;
};

const addressHas = (address: Json | undefined | null, key: string) => !blank(address?.[key]);

/** The invoice's own fields: its type, VAT status, language, channel, rows, partner and delivery method. */
const invoiceHeaderProblems = (body: Json, company: CompanyContext): FieldError[] => {
  const problems: FieldError[] = [];
  const type = body.type;
  const channel = body.invoiceChannel;
  const sales = SALES.has(type);
  // Invoice.type: "PERIODIC_TAX_RETURN is supported only by GET /invoices endpoint."
  if (type === 'PERIODIC_TAX_RETURN') problems.push(error('type', 'PERIODIC_TAX_RETURN cannot be created through POST /invoices'));
  // Invoice.vatStatus: "Required for all invoices except travel invoices and expense claims."
  if (type && !['TRAVEL_INVOICE', 'BILL_OF_CHARGES'].includes(type) && blank(body.vatStatus)) {
    problems.push(error('vatStatus', 'REQUIRED_FIELD_MISSING'));
  } else if (sales && typeof body.vatStatus === 'number' && !company.salesVatStatuses().includes(body.vatStatus)) {
    // Product.vatStatus: "Allowed VAT statuses are available under GET /vats/default" (the same list for invoices).
    problems.push(error('vatStatus', `VAT status ${body.vatStatus} is not one GET /vats/default lists for sales`));
  }
  // Invoice.language: "Required for sales invoices and sales orders, otherwise ignored."
  if (sales && blank(body.language)) problems.push(error('language', 'REQUIRED_FIELD_MISSING'));
  // Invoice.invoiceChannel: "Values EDIFACT and PAPER_INVOICE are not allowed for POST /invoices and PUT /invoices endpoints."
  if (channel === 'EDIFACT' || channel === 'PAPER_INVOICE') {
    problems.push(error('invoiceChannel', `${channel} is not allowed for POST /invoices`));
  }
  // Invoice.invoiceRows: "An invoice should always have at least one row."
  if (type !== 'PERIODIC_TAX_RETURN' && Array.isArray(body.invoiceRows) && body.invoiceRows.length === 0) {
    problems.push(error('invoiceRows', 'An invoice must have at least one row'));
  }
  // Invoice.partnerId: "If supplied, the company must have this partner ID in the corresponding register."
  if (typeof body.partnerId === 'number' && !company.partnerExists(body.partnerId)) {
    problems.push(error('partnerId', `Business partner ${body.partnerId} does not exist`));
  }
  // Invoice.deliveryMethod: "SALES_INVOICE and SALES_ORDER do not support type OTHER."
  if (sales && body.deliveryMethod === 'OTHER') problems.push(error('deliveryMethod', 'OTHER is not supported for sales invoices'));

  return problems;
};

/** PaymentInfo and its bank account: the account, the currency rate, the payment term and the reference. */
const paymentProblems = (body: Json, company: CompanyContext): FieldError[] => {
  const problems: FieldError[] = [];
  const sales = SALES.has(body.type);
  const payment: Json = body.paymentInfo ?? {};
  // BankAccount.bic: "Not supported for SALES_INVOICE and SALES_ORDER."
  if (sales && !blank(payment.bankAccount?.bic)) problems.push(error('paymentInfo.bankAccount.bic', 'Not supported for SALES_INVOICE'));
  // PaymentInfo.bankAccount: "Payment bank account. Not required if payment method is cash." (so required otherwise)
  if (payment.paymentMethod && payment.paymentMethod !== 'CASH' && blank(payment.bankAccount?.accountNumber)) {
    problems.push(error('paymentInfo.bankAccount.accountNumber', 'REQUIRED_FIELD_MISSING'));
  }
  // BankAccount.accountNumber: "must ... include country code and exclude any spaces."
  if (typeof payment.bankAccount?.accountNumber === 'string' && !/^[A-Z]{2}\d{2}[0-9A-Z]+$/.test(payment.bankAccount.accountNumber)) {
    problems.push(error('paymentInfo.bankAccount.accountNumber', 'The IBAN must start with its country code and have no spaces'));
  }
  // PaymentInfo.currencyRate: "Only foreign currency payments should have a value other than 1."
  if (payment.currency === company.currency() && typeof payment.currencyRate === 'number' && payment.currencyRate !== 1) {
    problems.push(error('paymentInfo.currencyRate', `The company's own currency ${payment.currency} takes the rate 1`));
  }
  // PaymentInfo.dueDate: "The payment term can be 0-999 days."
  if (isIsoDate(body.date) && isIsoDate(payment.dueDate)) {
    const term = daysBetween(body.date, payment.dueDate);
    if (term < 0) problems.push(error('paymentInfo.dueDate', 'DUE_DATE_BEFORE_BILL_DATE'));
    else if (term > 999) problems.push(error('paymentInfo.dueDate', 'The payment term can be 0-999 days'));
  }
  // PaymentInfo.bankReferenceCode: "If specified, must be a valid reference code where the last digit is a check digit.
  // If the field is given an empty string value, a reference code is automatically generated."
  if (typeof payment.bankReferenceCode === 'string' && payment.bankReferenceCode !== '') {
    const ref = payment.bankReferenceCode;
    if (!(isValidFinnishReference(ref) || isValidRfReference(ref))) problems.push(error('paymentInfo.bankReferenceCode', 'Invalid reference code'));
  }
  // PaymentInfo.bankReferenceCodeType: "If type not allowed for a user country will be given, then 400 is returned."
  // The sandbox company is Finnish: Finnish national (FI) and RF creditor references.
  if (!blank(payment.bankReferenceCodeType) && !['FI', 'RF'].includes(payment.bankReferenceCodeType)) {
    problems.push(error('paymentInfo.bankReferenceCodeType', `${payment.bankReferenceCodeType} is not allowed in a Finnish environment`));
  }
  return problems;
};

/** The counterparty's and the billing address, and the e-invoice address, as the invoice channel requires them. */
const addressProblems = (body: Json): FieldError[] => {
  const problems: FieldError[] = [];
  const type = body.type;
  const channel = body.invoiceChannel;
  const sales = SALES.has(type);
  const counterParty: Json = body.counterParty ?? {};
  const counterAddress: Json | undefined = counterParty.counterPartyAddress;
  const billing: Json | undefined = body.billingAddress;
  for (const key of ['street', 'zip', 'city']) {
    // InvoiceCounterpartyAddress.street/zip/city: "Required for SALES_INVOICE and SALES_ORDER if invoicing channel is
    // MAIL. In that case, must be specified in counterPartyAddress if not specified in billingAddress."
    if (sales && channel === 'MAIL' && !addressHas(billing, key) && !addressHas(counterAddress, key)) {
      problems.push(error(`counterParty.counterPartyAddress.${key}`, 'REQUIRED_FIELD_MISSING'));
    }
    // "... Required for SALES_INVOICE if invoicing channel is ELECTRONIC_INVOICE. In that case, must be specified in
    // billingAddress and counterPartyAddress."
    if (type === 'SALES_INVOICE' && channel === 'ELECTRONIC_INVOICE') {
      if (!addressHas(counterAddress, key)) problems.push(error(`counterParty.counterPartyAddress.${key}`, 'REQUIRED_FIELD_MISSING'));
      if (!addressHas(billing, key)) problems.push(error(`billingAddress.${key}`, 'REQUIRED_FIELD_MISSING'));
    }
  }
  if (type === 'SALES_INVOICE' && channel === 'ELECTRONIC_INVOICE') {
    const einvoice: Json | undefined = counterParty.einvoiceAddress;
    // EInvoiceAddress.address: "Required if the invoiceChannel is ELECTRONIC_INVOICE".
    if (blank(einvoice?.address)) problems.push(error('counterParty.einvoiceAddress.address', 'REQUIRED_FIELD_MISSING'));
    // EInvoiceAddress.operator: "Required if the invoiceChannel is ELECTRONIC_INVOICE and country is FINLAND."
    const country = counterAddress?.country ?? 'FINLAND';
    if (country === 'FINLAND' && blank(einvoice?.operator)) problems.push(error('counterParty.einvoiceAddress.operator', 'REQUIRED_FIELD_MISSING'));
  }
  return problems;
};

/** The buyer's email address and its Bcc addresses. */
const emailProblems = (body: Json): FieldError[] => {
  const problems: FieldError[] = [];
  const counterParty: Json = body.counterParty ?? {};
  const sales = SALES.has(body.type);
  // CounterParty.email: "Email address of the buyer. Required to be correct if supported."
  if (sales && typeof counterParty.email === 'string' && counterParty.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(counterParty.email)) {
    problems.push(error('counterParty.email', 'INVALID_EMAIL'));
  }
  // CounterParty.bccAddresses: "Maximum 4 email addresses can be provided. Must not match the main email address and
  // each Bcc address must ... be no longer than 256 characters."
  if (Array.isArray(counterParty.bccAddresses)) {
    const bcc: unknown[] = counterParty.bccAddresses;
    if (bcc.length > 4) problems.push(error('counterParty.bccAddresses', 'At most 4 addresses'));
    bcc.forEach((address, i) => {
      if (typeof address === 'string' && (address.length > 256 || address === counterParty.email)) {
        problems.push(error(`counterParty.bccAddresses[${i}]`, 'Too long, or the same as the main email address'));
      }
    });
  }
  return problems;
};

/** Each row's VAT percent and status, and its product. */
const rowProblems = (body: Json, company: CompanyContext): FieldError[] => {
  const problems: FieldError[] = [];
  const sales = SALES.has(body.type);
  const rates = company.vatRatesOn(isIsoDate(body.date) ? body.date : undefined);
  (Array.isArray(body.invoiceRows) ? body.invoiceRows : []).forEach((row: Json, i: number) => {
    // InvoiceRow.vatPercent: "Must be a percentage currently in use for the company."
    if (typeof row?.vatPercent === 'number' && !rates.includes(row.vatPercent)) {
      problems.push(error(`invoiceRows[${i}].vatPercent`, `VAT percent ${row.vatPercent} is not in use in this company on ${body.date}`));
    }
    // InvoiceRow.vatStatus: "Product VAT status", one of GET /vats/default's; a row's status overrides the invoice's
    // ("BtoB Webshop sales Domestic/EU"), and "With any status other than Domestic, the VAT percent is 0" ("VAT status").
    if (sales && typeof row?.vatStatus === 'number' && !company.salesVatStatuses().includes(row.vatStatus)) {
      problems.push(error(`invoiceRows[${i}].vatStatus`, `VAT status ${row.vatStatus} is not one GET /vats/default lists for sales`));
    }
    const status = typeof row?.vatStatus === 'number' ? row.vatStatus : body.vatStatus;
    if (sales && typeof status === 'number' && status !== company.domesticVatStatus && typeof row?.vatPercent === 'number' && row.vatPercent !== 0) {
      problems.push(error(`invoiceRows[${i}].vatPercent`, `VAT status ${status} is not Domestic, so the VAT percent must be 0, not ${row.vatPercent}`));
    }
    // InvoiceRow.productId: "Links the invoice row to a product in the product register."
    if (typeof row?.productId === 'number' && !company.productExists(row.productId)) {
      problems.push(error(`invoiceRows[${i}].productId`, `Product ${row.productId} does not exist`));
    }
  });
  return problems;
};

/** POST /invoices: the schema check plus every rule the descriptions state for the fields a sales invoice carries. */
export const invoiceProblems = (body: Json, company: CompanyContext): FieldError[] => [
  ...validateAgainst('Invoice', body),
  ...invoiceHeaderProblems(body, company),
  ...paymentProblems(body, company),
  ...addressProblems(body),
  ...emailProblems(body),
  ...rowProblems(body, company),
];

/** POST /businesspartners. */
export const businessPartnerProblems = (body: Json): FieldError[] => {
  const problems = validateAgainst('BusinessPartner', body);
  // BusinessPartner.address: "Address of the partner. Required for customer".
  if (body.type === 'CUSTOMER' && (body.address === undefined || body.address === null)) problems.push(error('address', 'REQUIRED_FIELD_MISSING'));
  // BusinessPartnerPaymentInfo.paymentMethod: "The DKLMPKRE method is deprecated and read only".
  if (body.paymentInfo?.paymentMethod === 'DKLMPKRE') problems.push(error('paymentInfo.paymentMethod', 'DKLMPKRE is read only'));
  const identifierType = body.invoicingInfo?.identifierType;
  if (!blank(identifierType) && !publishedIdentifierTypes().has(identifierType)) {
    problems.push(error('invoicingInfo.identifierType', `Unknown identifier type "${identifierType}"`));
  }
  // InvoicingInfo.bccAddresses: "Maximum 4 email addresses can be provided."
  if (Array.isArray(body.invoicingInfo?.bccAddresses) && body.invoicingInfo.bccAddresses.length > 4) {
    problems.push(error('invoicingInfo.bccAddresses', 'At most 4 addresses'));
  }
  return problems;
};

/** POST /products. */
export const productProblems = (body: Json, company: CompanyContext): FieldError[] => {
  const problems = validateAgainst('Product', body);
  // Product.vatStatus: "Allowed VAT statuses are available under GET /vats/default".
  if (typeof body.vatStatus === 'number' && !company.salesVatStatuses().includes(body.vatStatus) && body.type === 'SALES') {
    problems.push(error('vatStatus', `VAT status ${body.vatStatus} is not one GET /vats/default lists for sales`));
  }
  // Product.vat: a sales product's VAT is one the company uses (inferred from InvoiceRow.vatPercent's rule).
  if (typeof body.vat === 'number' && !company.vatRatesOn().includes(body.vat)) {
    problems.push(error('vat', `VAT percent ${body.vat} is not in use in this company`));
  }
  // Product.startDate/endDate/bookkeepingAccount: "Used by TRAVEL type only."
  for (const key of ['startDate', 'endDate', 'bookkeepingAccount']) {
    if (body.type !== 'TRAVEL' && !blank(body[key])) problems.push(error(key, 'Used by TRAVEL type only'));
  }
  return problems;
};
