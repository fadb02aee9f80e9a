// Procountor API 26.04 wire shapes, from the owner's copy of Procountor's schemas
// (reference/procountor-schemas-26.04.json). Send strictly, parse leniently: what we send is built to
// Procountor's required fields, enums and published lengths; what we read names only the fields a step uses and
// takes null (or a value it does not know) anywhere else.
import { z } from 'zod';
import {
  BANK_REFERENCE_CODE_TYPES,
  COUNTRIES,
  CURRENCIES,
  INVOICE_CHANNELS,
  INVOICE_LANGUAGES,
  INVOICE_PAYMENT_METHODS,
  INVOICE_ROW_UNITS,
  INVOICE_STATUSES,
  INVOICE_TYPES,
  PARTNER_PAYMENT_METHODS,
  PAYMENT_EVENT_TYPES,
  PARTNER_TYPES,
  PRODUCT_TYPES,
  PRODUCT_UNITS,
} from './enums';
import { maxLengthOf, type PublishedField } from './limits';

export const Country = z.enum(COUNTRIES);
export const Currency = z.enum(CURRENCIES);
export const InvoiceChannel = z.enum(INVOICE_CHANNELS);
export const Language = z.enum(INVOICE_LANGUAGES);
export const InvoiceRowUnit = z.enum(INVOICE_ROW_UNITS);
const ProductUnit = z.enum(PRODUCT_UNITS);
export type Country = z.infer<typeof Country>;
export type Currency = z.infer<typeof Currency>;
export type InvoiceChannel = z.infer<typeof InvoiceChannel>;
export type Language = z.infer<typeof Language>;
export type InvoiceRowUnit = z.infer<typeof InvoiceRowUnit>;

const optionalString = z.string().optional();
/** Answers carry empty fields as null ("an empty reference ID has a value of null", dev.procountor.com/api-requests). */
const maybe = <T extends z.ZodType>(schema: T) => schema.nullish();
const maybeString = z.string().nullish();
const maybeNumber = z.number().nullish();
/** Enums in answers are read as text: a value Procountor adds later must not fail a step that does not use it. */
const maybeCode = z.string().nullish();

const SearchMeta = z.looseObject({
  pageNumber: maybeNumber,
  pageSize: maybeNumber,
  resultCount: maybeNumber,
  totalCount: maybeNumber,
});
const searchResult = <T extends z.ZodType>(item: T) =>
  z.looseObject({ results: maybe(z.array(item)).transform((list) => list ?? []), meta: maybe(SearchMeta) });

export const ErrorMessages = z.looseObject({
  errors: maybe(z.array(z.looseObject({ status: maybeNumber, field: maybeString, message: maybeString }))).transform((list) => list ?? []),
});

export const User = z.looseObject({
  id: maybeNumber,
  username: maybeString,
  companyId: maybeNumber,
  firstName: maybeString,
  lastName: maybeString,
  email: maybeString,
});
export type User = z.infer<typeof User>;

/**
 * GET /company: the company's id and name, the currency it keeps its books in (DKK, EUR, NOK or SEK), and which
 * exchange rates its Basic company info asks for (`currencyRateSearchDensity`: DAILY_EXCHANGE_RATE,
 * LAST_DAY_OF_THE_MONTH or PROCOUNTOR_FIXED_RATE; null when not set).
 */
export const Company = z.looseObject({ id: z.number(), name: z.string(), companyCurrency: maybeString, currencyRateSearchDensity: maybeCode });
export type Company = z.infer<typeof Company>;

/** A company bank account (CompanyBankAccountBasicInfo) as GET /bankaccounts answers it. */
export const BankAccount = z.looseObject({
  id: maybeNumber,
  accountNumber: maybeString,
  iban: z.string(),
  bic: maybeString,
  bankName: maybeString,
  currency: maybeString,
  status: maybeCode,
  defaultForInvoice: z.boolean().nullish(),
});
export type BankAccount = z.infer<typeof BankAccount>;
export const BankAccountSearchResult = searchResult(BankAccount);

export const VatInformation = z.looseObject({
  vatInformation: maybe(
    z.array(
      z.looseObject({
        country: maybeString,
        percentages: maybe(z.array(z.looseObject({ vatPercent: maybeNumber, sales: z.boolean().nullish() }))).transform((list) => list ?? []),
      }),
    ),
  ).transform((list) => list ?? []),
  vatStatuses: z.array(z.looseObject({ vatStatus: z.number().nullish(), description: z.string().nullish(), sales: z.boolean().nullish() })).nullish(),
});
export type VatInformation = z.infer<typeof VatInformation>;

/** GET /currencies/exchangerate: the rate of `currency` against the asked base currency on a day. */
export const CurrencyExchangeRate = z.looseObject({ currency: maybeCode, day: maybeString, rate: maybeNumber });

/** The rate types GET /currencies/exchangerate takes; the first is Procountor's own, fixed for each calendar year. */
export type ExchangeRateType = 'PROCOUNTOR_ACCOUNTING_EXCHANGE_RATE' | 'ACCOUNT_CURRENCY_BUYING_RATE';

export const VatSettings = z.looseObject({
  unitPricesIncludeVatSales: z.boolean().nullish(),
  unitPricesIncludeVatPurchase: z.boolean().nullish(),
});

// ---- What the app sends: built to Procountor's published shapes and lengths, checked before it leaves ----
const text = (field: PublishedField) => z.string().max(maxLengthOf(field));
/** An address's fields as Procountor publishes them, with the lengths of the schema it belongs to. */
const addressFields = (of: 'BusinessPartnerAddress' | 'InvoiceCounterpartyAddress') => ({
  name: text(`${of}.name`),
  specifier: text(`${of}.specifier`).optional(),
  street: text(`${of}.street`).optional(),
  zip: text(`${of}.zip`).optional(),
  city: text(`${of}.city`).optional(),
  country: Country.optional(),
  subdivision: text(`${of}.subdivision`).optional(),
});
const partnerAddress = addressFields('BusinessPartnerAddress');
const BusinessPartnerAddress = z.looseObject({ ...partnerAddress, name: partnerAddress.name.optional() });

const InvoicingInfo = z.looseObject({
  customerNumber: optionalString,
  identifier: optionalString,
  identifierType: optionalString,
  invoiceChannel: InvoiceChannel.optional(),
  contactPerson: optionalString,
  language: Language.optional(),
  email: optionalString,
  einvoiceAddress: optionalString,
  einvoiceOperator: optionalString,
  orderReference: optionalString,
});

export const BusinessPartner = z.looseObject({
  id: z.number().optional(),
  name: text('BusinessPartner.name').min(1),
  type: z.enum(PARTNER_TYPES),
  address: BusinessPartnerAddress.optional(),
  billingAddress: BusinessPartnerAddress.optional(),
  invoicingInfo: InvoicingInfo.optional(),
  contactPersons: z
    .array(
      z.looseObject({
        id: z.number().optional(),
        name: text('BusinessPartnerContactPerson.name').optional(),
        email: text('BusinessPartnerContactPerson.email').optional(),
        phone: text('BusinessPartnerContactPerson.phone').optional(),
      }),
    )
    .optional(),
  paymentInfo: z.looseObject({
    paymentMethod: z.enum(PARTNER_PAYMENT_METHODS),
    paymentTermDays: optionalString,
    currency: Currency.optional(),
  }),
  registryInfo: z.looseObject({ active: z.boolean().optional(), phone: optionalString }).optional(),
  version: optionalString,
});
export type BusinessPartner = z.infer<typeof BusinessPartner>;

export const Product = z.looseObject({
  id: z.number().optional(),
  type: z.enum(PRODUCT_TYPES),
  name: text('Product.name'),
  code: text('Product.code').optional(),
  unit: ProductUnit.optional(),
  discount: z.number().min(0).max(100),
  price: z.number(),
  vat: z.number().optional(),
  active: z.boolean(),
  currency: Currency,
  version: optionalString,
});
export type Product = z.infer<typeof Product>;

const invoiceAddress = addressFields('InvoiceCounterpartyAddress');

export const InvoiceRow = z.looseObject({
  id: z.number().optional(),
  productId: z.number().optional(),
  product: z.string().min(1),
  productCode: optionalString,
  quantity: z.number(),
  unit: InvoiceRowUnit,
  unitPrice: z.number(),
  discountPercent: z.number(),
  vatPercent: z.number(),
  /** "Product VAT status": a row's own status overrides the invoice's. */
  vatStatus: z.number().int().optional(),
  comment: text('InvoiceRow.comment').optional(),
  explanationText: text('InvoiceRow.explanationText').optional(),
});
export type InvoiceRow = z.infer<typeof InvoiceRow>;

export const Invoice = z.looseObject({
  id: z.number().optional(),
  partnerId: z.number().optional(),
  type: z.enum(INVOICE_TYPES),
  status: z.enum(INVOICE_STATUSES).optional(),
  date: z.string(),
  counterParty: z.looseObject({
    contactPersonName: text('CounterParty.contactPersonName').optional(),
    identifier: optionalString,
    /** The buyer's VAT number ("Tax code of the customer"), which Procountor's EU example invoice fills. */
    taxCode: optionalString,
    customerNumber: optionalString,
    email: optionalString,
    counterPartyAddress: z.looseObject({ ...invoiceAddress, name: invoiceAddress.name.min(1) }),
    einvoiceAddress: z.looseObject({ operator: optionalString, address: optionalString, ediId: optionalString }).optional(),
  }),
  billingAddress: z.looseObject({ ...invoiceAddress, name: invoiceAddress.name.optional() }).optional(),
  paymentInfo: z.looseObject({
    paymentMethod: z.enum(INVOICE_PAYMENT_METHODS),
    currency: Currency,
    // No BIC: "Not supported for SALES_INVOICE and SALES_ORDER."
    bankAccount: z.strictObject({ accountNumber: z.string() }).optional(),
    dueDate: z.string(),
    currencyRate: z.number(),
    bankReferenceCode: optionalString,
    bankReferenceCodeType: z.enum(BANK_REFERENCE_CODE_TYPES).optional(),
  }),
  extraInfo: z.looseObject({ accountingByRow: z.boolean(), unitPricesIncludeVat: z.boolean() }),
  discountPercent: z.number().max(100),
  orderReference: text('Invoice.orderReference').optional(),
  invoiceRows: z.array(InvoiceRow).min(1),
  invoiceNumber: z.number().optional(),
  invoiceChannel: InvoiceChannel,
  language: Language.optional(),
  vatStatus: z.number().int().optional(),
  additionalInformation: text('Invoice.additionalInformation').optional(),
  notes: text('Invoice.notes').optional(),
  agreementNumber: optionalString,
  buyerReferenceIdentifier: text('Invoice.buyerReferenceIdentifier').optional(),
  sellerReferenceIdentifier: text('Invoice.sellerReferenceIdentifier').optional(),
  originalInvoiceNumber: text('Invoice.originalInvoiceNumber').optional(),
  version: optionalString,
});
export type Invoice = z.infer<typeof Invoice>;

// ---- What the app reads: only the fields a step uses; anything may be null, anything else may be there ----
const AddressAnswer = z.looseObject({
  name: maybeString,
  street: maybeString,
  zip: maybeString,
  city: maybeString,
  country: maybeCode,
});

export const BusinessPartnerAnswer = z.looseObject({
  id: z.number(),
  name: maybeString,
  type: maybeCode,
  address: maybe(AddressAnswer),
  billingAddress: maybe(AddressAnswer),
  invoicingInfo: maybe(
    z.looseObject({
      customerNumber: maybeString,
      identifier: maybeString,
      identifierType: maybeString,
      email: maybeString,
      einvoiceAddress: maybeString,
      einvoiceOperator: maybeString,
      language: maybeCode,
    }),
  ),
  paymentInfo: maybe(z.looseObject({ paymentTermDays: maybe(z.union([z.string(), z.number()])) })),
  registryInfo: maybe(z.looseObject({ active: z.boolean().nullish() })),
  version: maybeString,
});
export type BusinessPartnerAnswer = z.infer<typeof BusinessPartnerAnswer>;

export const BusinessPartnerBasicInfo = z.looseObject({
  id: z.number(),
  name: maybeString,
  type: maybeCode,
  billingAddress: maybe(AddressAnswer),
  invoicingInfo: maybe(z.looseObject({ customerNumber: maybeString, identifier: maybeString, identifierType: maybeString })),
  registryInfo: maybe(z.looseObject({ active: z.boolean().nullish() })),
  version: maybeString,
});
export type BusinessPartnerBasicInfo = z.infer<typeof BusinessPartnerBasicInfo>;
export const BusinessPartnerSearchResult = searchResult(BusinessPartnerBasicInfo);

export const ProductAnswer = z.looseObject({
  id: z.number(),
  type: maybeCode,
  name: z
    .string()
    .nullish()
    .transform((name) => name ?? ''),
  code: maybeString,
  unit: maybeCode,
  price: maybeNumber,
  vat: maybeNumber,
  active: z.boolean().nullish(),
  currency: maybeCode,
  version: maybeString,
});
export type ProductAnswer = z.infer<typeof ProductAnswer>;
export const ProductSearchResult = searchResult(ProductAnswer);

const InvoiceSumInfo = maybe(
  z.array(
    z.looseObject({
      currency: maybeString,
      inAccountingCurrency: z.boolean().nullish(),
      excludingVatTotal: maybeNumber,
      vatSumTotal: maybeNumber,
      invoiceSumTotal: maybeNumber,
    }),
  ),
);

const CounterPartyAnswer = z.looseObject({ counterPartyAddress: maybe(z.looseObject({ name: maybeString })) });

/** An attachment as Procountor answers it (POST /attachments, and in an invoice's `attachments`). */
export const AttachmentAnswer = z.looseObject({ id: z.number(), name: maybeString, mimeType: maybeString, sendWithInvoice: z.boolean().nullish() });

/**
 * The Attachment sent as POST /attachments' `meta` part: "name ... Include a correct file extension to the value",
 * `referenceType` INVOICE and `referenceId` the invoice's id, `sendWithInvoice` required.
 */
export const AttachmentMeta = z.strictObject({
  name: z.string().regex(/\.[A-Za-z0-9]{1,8}$/),
  referenceType: z.literal('INVOICE'),
  referenceId: z.number().int().positive(),
  mimeType: z.string().optional(),
  sendWithInvoice: z.boolean(),
});
export type AttachmentMeta = z.infer<typeof AttachmentMeta>;

/** What a full invoice and a search hit both carry, and the steps read. */
const invoiceHeader = {
  id: z.number(),
  partnerId: maybeNumber,
  type: maybeCode,
  status: maybeCode,
  date: maybeString,
  invoiceNumber: maybeNumber,
  counterParty: maybe(CounterPartyAnswer),
  invoiceSumInfo: InvoiceSumInfo,
  version: maybeString,
};

/** A full invoice as Procountor answers it (GET /invoices/{ids}, POST /invoices), read for what the steps use. */
export const InvoiceAnswer = z.looseObject({
  ...invoiceHeader,
  invoiceChannel: maybeCode,
  paymentDate: maybeString,
  agreementNumber: maybeString,
  paymentInfo: maybe(
    z.looseObject({ dueDate: maybeString, newDueDate: maybeString, bankReferenceCode: maybeString, currency: maybeCode, currencyRate: maybeNumber }),
  ),
  additionalInformation: maybeString,
  vatStatus: maybeNumber,
  language: maybeCode,
  attachments: maybe(z.array(AttachmentAnswer)),
});
export type InvoiceAnswer = z.infer<typeof InvoiceAnswer>;

export const InvoiceBasicInfo = z.looseObject({ ...invoiceHeader, dueDate: maybeString, newDueDate: maybeString, created: maybeString });
export type InvoiceBasicInfo = z.infer<typeof InvoiceBasicInfo>;
export const InvoiceSearchResult = searchResult(InvoiceBasicInfo);

const maybeObject = <T extends z.ZodRawShape>(shape: T) => maybe(z.looseObject(shape));
const addressAnswerFields = {
  name: maybeString,
  specifier: maybeString,
  street: maybeString,
  zip: maybeString,
  city: maybeString,
  country: maybeCode,
  subdivision: maybeString,
};

/** A sent invoice read in full for its credit note: whom it was for, how it is paid, and its rows. */
export const InvoiceToCredit = z.looseObject({
  ...InvoiceAnswer.shape,
  counterParty: maybeObject({
    contactPersonName: maybeString,
    identifier: maybeString,
    taxCode: maybeString,
    customerNumber: maybeString,
    email: maybeString,
    counterPartyAddress: maybeObject(addressAnswerFields),
    einvoiceAddress: maybeObject({ operator: maybeString, address: maybeString, ediId: maybeString }),
  }),
  billingAddress: maybeObject(addressAnswerFields),
  paymentInfo: maybeObject({
    paymentMethod: maybeCode,
    currency: maybeCode,
    bankAccount: maybeObject({ accountNumber: maybeString }),
    dueDate: maybeString,
    currencyRate: maybeNumber,
  }),
  extraInfo: maybeObject({ accountingByRow: z.boolean().nullish(), unitPricesIncludeVat: z.boolean().nullish() }),
  discountPercent: maybeNumber,
  invoiceRows: maybe(
    z.array(
      z.looseObject({
        productId: maybeNumber,
        product: maybeString,
        productCode: maybeString,
        quantity: z.number(),
        unit: maybeCode,
        unitPrice: z.number(),
        discountPercent: maybeNumber,
        vatPercent: z.number(),
        vatStatus: maybeNumber,
        comment: maybeString,
      }),
    ),
  ).transform((rows) => rows ?? []),
});
export type InvoiceToCredit = z.infer<typeof InvoiceToCredit>;

/**
 * PUT /invoices/{id}/paymentevents/markpaid's body. Procountor publishes no schema for it; its use case "Sales invoices:
 * Add payment transactions" shows `paymentDate`, `amount`, `currency` (the invoice's), `description` and
 * `paymentMethodType` ("informative"); INFERRED: the method is one of PaymentEvent.type's values.
 */
export const MarkPaid = z.strictObject({
  paymentDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  amount: z.number().positive(),
  currency: Currency,
  description: z.string().optional(),
  paymentMethodType: z.enum(PAYMENT_EVENT_TYPES).optional(),
});
export type MarkPaid = z.infer<typeof MarkPaid>;
export const PaymentMethodType = z.enum(PAYMENT_EVENT_TYPES);
export type PaymentMethodType = z.infer<typeof PaymentMethodType>;

/** PUT /invoices/{id}/approve and /send answer this. */
export const InfoMessage = z.looseObject({ message: z.string().nullish() });

export const TokenResponse = z.looseObject({
  access_token: z.string().min(1),
  refresh_token: maybeString,
  expires_in: maybeNumber,
  token_type: maybeString,
});

// ---- What the indexes read of products and customers ----
// Product and customer answers as the indexes read them: every field it does not need to identify a product may be
// absent or null (Procountor answers `null` for empty fields), and unknown units or fields pass through.
const CatalogueProduct = z.looseObject({
  id: z.number().nullish(),
  type: z.string().nullish(),
  name: z.string().nullish(),
  code: z.string().nullish(),
  unit: z.string().nullish(),
  price: z.number().nullish(),
  vat: z.number().nullish(),
  active: z.boolean().nullish(),
  version: z.string().nullish(),
});

export const CataloguePage = searchResult(CatalogueProduct);

/** A business partner as the customer index reads it: only its id is required. */
const IndexPartner = z.looseObject({
  id: z.number().nullish(),
  type: z.string().nullish(),
  name: z.string().nullish(),
  invoicingInfo: z.looseObject({ identifier: z.string().nullish() }).nullish(),
  registryInfo: z.looseObject({ active: z.boolean().nullish() }).nullish(),
  version: z.string().nullish(),
});

export const PartnerIndexPage = searchResult(IndexPartner);

/** GET /invoices/{id}/paymentevents: the payments of an invoice, read for what a step shows of them (PaymentEvent). */
export const PaymentEvent = z.looseObject({
  id: maybeNumber,
  paymentDate: maybeString,
  status: maybeCode,
  /** "Payment amount in accounting currency." */
  amount: maybeNumber,
  currency: maybeCode,
  /** "Payment amount in paid currency." */
  paidAmount: maybeNumber,
  paidCurrency: maybeCode,
  type: maybeCode,
  description: maybeString,
});
export type PaymentEvent = z.infer<typeof PaymentEvent>;
export const PaymentEventSearchResult = searchResult(PaymentEvent);
