// The Procountor sandbox's rules, written from Procountor's published reference (reference/procountor-schemas-26.04.json,
// descriptions quoted), never from the app's client: each rule passes a valid request and fails its counter-example.
import fs from 'node:fs';
import path from 'node:path';
import { fullObject, publishedSchemas, referencePath, validateAgainst } from '../../sandboxes/procountor/published';
import { businessPartnerProblems, invoiceProblems, productProblems, publishedIdentifierTypes, type CompanyContext } from '../../sandboxes/procountor/rules';
import { bankTransferPayment } from '../support/procountorSandbox';

const company: CompanyContext = {
  vatRatesOn: (date) => (!date || date >= '2026-01-01' ? [25.5, 13.5, 10, 0] : [25.5, 24, 14, 13.5, 10, 0]),
  salesVatStatuses: () => [1, 3, 5, 12, 19],
  currency: () => 'EUR',
  domesticVatStatus: 1,
  partnerExists: (id) => id === 5001,
  productExists: (id) => id === 7001,
};

const salesInvoice = (over: Record<string, unknown> = {}): Record<string, any> => ({
  type: 'SALES_INVOICE',
  partnerId: 5001,
  date: '2026-11-24',
  counterParty: {
    counterPartyAddress: { name: 'Asiakas Oy', street: 'Mannerheimintie 1', zip: '00100', city: 'Helsinki', country: 'FINLAND' },
    email: 'laskut@asiakas.fi',
  },
  billingAddress: { name: 'Asiakas Oy', street: 'Mannerheimintie 1', zip: '00100', city: 'Helsinki', country: 'FINLAND' },
  paymentInfo: { ...bankTransferPayment },
  extraInfo: { accountingByRow: false, unitPricesIncludeVat: false },
  discountPercent: 0,
  invoiceRows: [{ productId: 7001, product: 'Design sprint', quantity: 2, unit: 'WEEK', unitPrice: 4800, discountPercent: 10, vatPercent: 25.5 }],
  invoiceChannel: 'EMAIL',
  language: 'FINNISH',
  vatStatus: 1,
  ...over,
});

const customer = (over: Record<string, unknown> = {}): Record<string, any> => ({
  name: 'Asiakas Oy',
  type: 'CUSTOMER',
  address: { name: 'Asiakas Oy', street: 'Mannerheimintie 1', zip: '00100', city: 'Helsinki', country: 'FINLAND' },
  invoicingInfo: { identifier: '0737546-2', identifierType: 'YHD' },
  paymentInfo: { paymentMethod: 'BANK_TRANSFER' },
  ...over,
});

const product = (over: Record<string, unknown> = {}): Record<string, any> => ({
  type: 'SALES',
  name: 'Design sprint',
  code: 'DS-01',
  unit: 'WEEK',
  discount: 0,
  price: 4800,
  vat: 25.5,
  active: true,
  currency: 'EUR',
  ...over,
});

const fields = (problems: Array<{ field: string }>) => problems.map((p) => p.field);
const withPath = (base: Record<string, any>, dotted: string, value: unknown) => {
  const copy = structuredClone(base);
  const keys = dotted.split('.');
  let at = copy;
  for (const key of keys.slice(0, -1)) at = at[key];
  if (value === undefined) delete at[keys.at(-1)!];
  else at[keys.at(-1)!] = value;
  return copy;
};

describe('the reference file', () => {
  it('is the owner’s current copy when shared/ is beside the project', () => {
    const owners = path.resolve(__dirname, '../../../shared/reference/procountor-schemas-26.04.json');
    if (!fs.existsSync(owners)) return expect(fs.existsSync(referencePath())).toBe(true);
    expect(fs.readFileSync(referencePath(), 'utf8')).toBe(fs.readFileSync(owners, 'utf8'));
  });

  it('publishes the facts the sandbox relies on', () => {
    const s = publishedSchemas();
    expect(s.Invoice!.vatStatus!.description).toContain('Required for all invoices except travel invoices and expense claims');
    expect(s.BankAccount!.bic!.description).toContain('Not supported for SALES_INVOICE and SALES_ORDER');
    expect(s.Product!.name!.maxLength).toBe(100);
    expect(s.InvoiceRow!.explanationText!.maxLength).toBe(512);
  });
});

describe('the generic validator (required, types, enums, lengths, min/max, formats, nested, lists, Windows-1252)', () => {
  it('passes a complete sales invoice, customer and product', () => {
    expect(invoiceProblems(salesInvoice(), company)).toEqual([]);
    expect(businessPartnerProblems(customer())).toEqual([]);
    expect(productProblems(product(), company)).toEqual([]);
  });

  it.each([
    [
      'a missing required field (Invoice.paymentInfo, required: true)',
      withPath(salesInvoice(), 'paymentInfo', undefined),
      'paymentInfo',
      'REQUIRED_FIELD_MISSING',
    ],
    ['a required field sent as null', salesInvoice({ extraInfo: null }), 'extraInfo', 'REQUIRED_FIELD_MISSING'],
    [
      'a nested required field (ExtraInfo.accountingByRow)',
      withPath(salesInvoice(), 'extraInfo.accountingByRow', undefined),
      'extraInfo.accountingByRow',
      'REQUIRED_FIELD_MISSING',
    ],
    ['text where a number belongs', salesInvoice({ discountPercent: '0' }), 'discountPercent', 'INVALID_TYPE'],
    ['a value outside the enum (invoiceChannel)', salesInvoice({ invoiceChannel: 'FAX' }), 'invoiceChannel', 'INVALID_ENUM_VALUE'],
    [
      'a row unit outside the enum',
      withPath(salesInvoice(), 'invoiceRows', [{ ...salesInvoice().invoiceRows[0], unit: 'KPL' }]),
      'invoiceRows[0].unit',
      'INVALID_ENUM_VALUE',
    ],
    ['orderReference over its maxLength 70', salesInvoice({ orderReference: 'x'.repeat(71) }), 'orderReference', 'FIELD_TOO_LONG'],
    [
      'explanationText over its maxLength 512',
      withPath(salesInvoice(), 'invoiceRows', [{ ...salesInvoice().invoiceRows[0], explanationText: 'x'.repeat(513) }]),
      'invoiceRows[0].explanationText',
      'FIELD_TOO_LONG',
    ],
    [
      'subdivision over its maxLength 35',
      withPath(salesInvoice(), 'counterParty.counterPartyAddress.subdivision', 'x'.repeat(36)),
      'counterParty.counterPartyAddress.subdivision',
      'FIELD_TOO_LONG',
    ],
    ['discountPercent over its max 100', salesInvoice({ discountPercent: 101 }), 'discountPercent', 'VALUE_TOO_LARGE'],
    ['a negative currencyRate (min 0)', withPath(salesInvoice(), 'paymentInfo.currencyRate', -1), 'paymentInfo.currencyRate', 'VALUE_TOO_SMALL'],
    ['a date not in format date', salesInvoice({ date: '24.11.2026' }), 'date', 'INVALID_FORMAT'],
    ['an impossible date', salesInvoice({ date: '2026-02-30' }), 'date', 'INVALID_FORMAT'],
    ['an int32 field with a fraction (vatStatus)', salesInvoice({ vatStatus: 1.5 }), 'vatStatus', 'INVALID_FORMAT'],
    ['a list where an object belongs', salesInvoice({ counterParty: [] }), 'counterParty', 'INVALID_TYPE'],
    ['an object where a list belongs', salesInvoice({ invoiceRows: {} }), 'invoiceRows', 'INVALID_TYPE'],
    [
      'text outside Windows-1252 ("Not allowed: Ŕ")',
      withPath(salesInvoice(), 'counterParty.counterPartyAddress.name', 'Ŕ Oy'),
      'counterParty.counterPartyAddress.name',
      'INVALID_CHARACTER',
    ],
    [
      'an emoji in a row',
      withPath(salesInvoice(), 'invoiceRows', [{ ...salesInvoice().invoiceRows[0], product: 'Hosting 🚀' }]),
      'invoiceRows[0].product',
      'INVALID_CHARACTER',
    ],
  ])('refuses %s', (_what, body, field, code) => {
    const problems = invoiceProblems(body, company);
    expect(problems).toEqual(expect.arrayContaining([expect.objectContaining({ status: 400, field, message: expect.stringContaining(code) })]));
  });

  it('passes every Windows-1252 character Procountor can store (€, –, “ ”, ’, …, Å Ä Ö Š Ž)', () => {
    const body = withPath(salesInvoice(), 'counterParty.counterPartyAddress.name', '€ – “ ” ’ … Å Ä Ö Š Ž ™');
    expect(invoiceProblems(body, company)).toEqual([]);
  });

  it('refuses a product name over Product.name maxLength 100 and a customer name over 80', () => {
    expect(fields(productProblems(product({ name: 'x'.repeat(101) }), company))).toEqual(['name']);
    expect(fields(productProblems(product({ name: 'x'.repeat(100) }), company))).toEqual([]);
    expect(fields(businessPartnerProblems(customer({ name: 'x'.repeat(81) })))).toEqual(['name']);
  });

  it('reports every problem of a body at once, with the full path', () => {
    const problems = validateAgainst('Invoice', { type: 'SALES_INVOICE' });
    expect(fields(problems)).toEqual(
      expect.arrayContaining(['date', 'counterParty', 'paymentInfo', 'extraInfo', 'discountPercent', 'invoiceRows', 'invoiceChannel']),
    );
  });
});

describe('rules the descriptions state', () => {
  it.each([
    ['Invoice.vatStatus "Required for all invoices except travel invoices and expense claims"', { vatStatus: undefined }, 'vatStatus'],
    ['Invoice.vatStatus: a status GET /vats/default does not list for sales', { vatStatus: 99 }, 'vatStatus'],
    ['Invoice.language "Required for sales invoices and sales orders"', { language: undefined }, 'language'],
    ['Invoice.invoiceChannel "EDIFACT and PAPER_INVOICE are not allowed for POST /invoices"', { invoiceChannel: 'PAPER_INVOICE' }, 'invoiceChannel'],
    ['Invoice.type "PERIODIC_TAX_RETURN ... not supported by PUT and POST"', { type: 'PERIODIC_TAX_RETURN' }, 'type'],
    ['Invoice.invoiceRows "An invoice should always have at least one row"', { invoiceRows: [] }, 'invoiceRows'],
    ['Invoice.partnerId "the company must have this partner ID"', { partnerId: 424242 }, 'partnerId'],
    ['Invoice.deliveryMethod "SALES_INVOICE and SALES_ORDER do not support type OTHER"', { deliveryMethod: 'OTHER' }, 'deliveryMethod'],
    [
      'InvoiceRow.vatPercent "Must be a percentage currently in use for the company"',
      { invoiceRows: [{ ...salesInvoice().invoiceRows[0], vatPercent: 24 }] },
      'invoiceRows[0].vatPercent',
    ],
    [
      'InvoiceRow.productId links to the product register',
      { invoiceRows: [{ ...salesInvoice().invoiceRows[0], productId: 4242 }] },
      'invoiceRows[0].productId',
    ],
    [
      'CounterParty.email "Required to be correct if supported"',
      { counterParty: { ...salesInvoice().counterParty, email: 'not-an-address' } },
      'counterParty.email',
    ],
    [
      'CounterParty.bccAddresses "Maximum 4 email addresses"',
      { counterParty: { ...salesInvoice().counterParty, bccAddresses: ['a@x.fi', 'b@x.fi', 'c@x.fi', 'd@x.fi', 'e@x.fi'] } },
      'counterParty.bccAddresses',
    ],
  ])('%s', (_rule, over, field) => {
    expect(fields(invoiceProblems(salesInvoice(), company))).not.toContain(field);
    expect(fields(invoiceProblems(salesInvoice(over), company))).toContain(field);
  });

  it('BankAccount.bic: "Not supported for SALES_INVOICE and SALES_ORDER"', () => {
    const withBic = withPath(salesInvoice(), 'paymentInfo.bankAccount.bic', 'OKOYFIHH');
    expect(fields(invoiceProblems(withBic, company))).toEqual(['paymentInfo.bankAccount.bic']);
  });

  it('PaymentInfo.bankAccount: "Not required if payment method is cash" (required otherwise)', () => {
    const noAccount = withPath(salesInvoice(), 'paymentInfo.bankAccount', undefined);
    expect(fields(invoiceProblems(noAccount, company))).toEqual(['paymentInfo.bankAccount.accountNumber']);
    expect(fields(invoiceProblems(withPath(noAccount, 'paymentInfo.paymentMethod', 'CASH'), company))).toEqual([]);
  });

  it('BankAccount.accountNumber: "include country code and exclude any spaces"', () => {
    const spaced = withPath(salesInvoice(), 'paymentInfo.bankAccount.accountNumber', 'FI42 5000 1510 0000 23');
    expect(fields(invoiceProblems(spaced, company))).toEqual(['paymentInfo.bankAccount.accountNumber']);
  });

  it('PaymentInfo.dueDate: "The payment term can be 0-999 days"', () => {
    expect(fields(invoiceProblems(withPath(salesInvoice(), 'paymentInfo.dueDate', '2026-11-24'), company))).toEqual([]);
    expect(fields(invoiceProblems(withPath(salesInvoice(), 'paymentInfo.dueDate', '2026-11-23'), company))).toEqual(['paymentInfo.dueDate']);
    expect(fields(invoiceProblems(withPath(salesInvoice(), 'paymentInfo.dueDate', '2029-08-20'), company))).toEqual(['paymentInfo.dueDate']);
  });

  it('PaymentInfo.bankReferenceCode: "must be a valid reference code where the last digit is a check digit"; empty means generate', () => {
    for (const valid of ['', '1009', 'RF18539007547034']) {
      expect(fields(invoiceProblems(withPath(salesInvoice(), 'paymentInfo.bankReferenceCode', valid), company))).toEqual([]);
    }
    for (const invalid of ['1008', 'RF19539007547034']) {
      expect(fields(invoiceProblems(withPath(salesInvoice(), 'paymentInfo.bankReferenceCode', invalid), company))).toEqual(['paymentInfo.bankReferenceCode']);
    }
  });

  it('PaymentInfo.bankReferenceCodeType: "If type not allowed for a user country ... 400" (Finnish company: FI, RF)', () => {
    expect(fields(invoiceProblems(withPath(salesInvoice(), 'paymentInfo.bankReferenceCodeType', 'FI'), company))).toEqual([]);
    expect(fields(invoiceProblems(withPath(salesInvoice(), 'paymentInfo.bankReferenceCodeType', 'KID'), company))).toEqual([
      'paymentInfo.bankReferenceCodeType',
    ]);
  });

  it('street, zip and city for MAIL: "must be specified in counterPartyAddress if not specified in billingAddress"', () => {
    const bare = { name: 'Asiakas Oy' };
    const mail = salesInvoice({ invoiceChannel: 'MAIL' });
    expect(fields(invoiceProblems(mail, company))).toEqual([]);
    expect(fields(invoiceProblems({ ...mail, billingAddress: bare }, company))).toEqual([]);
    expect(fields(invoiceProblems(withPath({ ...mail, billingAddress: bare }, 'counterParty.counterPartyAddress', bare), company))).toEqual([
      'counterParty.counterPartyAddress.street',
      'counterParty.counterPartyAddress.zip',
      'counterParty.counterPartyAddress.city',
    ]);
    // E-mail invoices need no postal address.
    expect(fields(invoiceProblems(withPath({ ...salesInvoice(), billingAddress: bare }, 'counterParty.counterPartyAddress', bare), company))).toEqual([]);
  });

  it('ELECTRONIC_INVOICE: address "must be specified in billingAddress and counterPartyAddress", e-invoice address and operator', () => {
    const einvoice = salesInvoice({
      invoiceChannel: 'ELECTRONIC_INVOICE',
      counterParty: { ...salesInvoice().counterParty, einvoiceAddress: { address: '003707375462', operator: '003721291126' } },
    });
    expect(fields(invoiceProblems(einvoice, company))).toEqual([]);
    expect(fields(invoiceProblems({ ...einvoice, billingAddress: { name: 'Asiakas Oy' } }, company))).toEqual([
      'billingAddress.street',
      'billingAddress.zip',
      'billingAddress.city',
    ]);
    // EInvoiceAddress.address "Required if the invoiceChannel is ELECTRONIC_INVOICE"; operator "... and country is FINLAND".
    expect(fields(invoiceProblems(withPath(einvoice, 'counterParty.einvoiceAddress', {}), company))).toEqual([
      'counterParty.einvoiceAddress.address',
      'counterParty.einvoiceAddress.operator',
    ]);
    const swedish = withPath(withPath(einvoice, 'counterParty.einvoiceAddress.operator', undefined), 'counterParty.counterPartyAddress.country', 'SWEDEN');
    expect(fields(invoiceProblems(swedish, company))).toEqual([]);
  });

  it('BusinessPartner.address: "Address of the partner. Required for customer"', () => {
    expect(fields(businessPartnerProblems(customer({ address: undefined })))).toEqual(['address']);
    expect(fields(businessPartnerProblems(customer({ type: 'SUPPLIER', address: undefined })))).toEqual([]);
  });

  it('InvoicingInfo.identifierType: only published identifier types (YHD, HETU, country codes), never Y_TUNNUS', () => {
    expect(publishedIdentifierTypes()).toEqual(expect.objectContaining({ size: expect.any(Number) }));
    expect([...publishedIdentifierTypes()]).toEqual(expect.arrayContaining(['YHD', 'HETU', 'SE', 'EL']));
    expect(fields(businessPartnerProblems(customer({ invoicingInfo: { identifier: '0737546-2', identifierType: 'Y_TUNNUS' } })))).toEqual([
      'invoicingInfo.identifierType',
    ]);
    expect(fields(businessPartnerProblems(customer({ invoicingInfo: { identifier: 'SE556036079301', identifierType: 'SE' } })))).toEqual([]);
  });

  it('BusinessPartnerPaymentInfo.paymentMethod: "The DKLMPKRE method is deprecated and read only"', () => {
    expect(fields(businessPartnerProblems(customer({ paymentInfo: { paymentMethod: 'DKLMPKRE' } })))).toEqual(['paymentInfo.paymentMethod']);
  });

  it('Product: VAT in use, a listed VAT status, and TRAVEL-only fields refused on sales products', () => {
    expect(fields(productProblems(product({ vat: 23 }), company))).toEqual(['vat']);
    expect(fields(productProblems(product({ vatStatus: 99 }), company))).toEqual(['vatStatus']);
    expect(fields(productProblems(product({ startDate: '2026-01-01' }), company))).toEqual(['startDate']);
    expect(fields(productProblems(product({ type: 'TRAVEL', startDate: '2026-01-01' }), company))).toEqual([]);
  });
});

describe('answers as Procountor gives them', () => {
  it('carry every field of the response schema, empty ones and absent nested objects as null', () => {
    const answer = fullObject('BusinessPartner', { id: 5001, name: 'Asiakas Oy', type: 'CUSTOMER', paymentInfo: { paymentMethod: 'BANK_TRANSFER' } });
    expect(Object.keys(answer).sort()).toEqual(Object.keys(publishedSchemas().BusinessPartner!).sort());
    expect(answer.registryInfo).toBeNull();
    expect(answer.address).toBeNull();
    expect(answer.paymentInfo).toEqual(expect.objectContaining({ paymentMethod: 'BANK_TRANSFER', paymentTermDays: null, currency: null }));
  });

  it('shape lists of nested objects too', () => {
    const answer = fullObject('Invoice', salesInvoice()) as any;
    expect(answer.invoiceRows[0]).toEqual(expect.objectContaining({ product: 'Design sprint', comment: null, explanationText: null, id: null }));
    expect(answer.invoiceNumber).toBeNull();
  });
});
