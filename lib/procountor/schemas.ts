// Procountor API 26.04 wire shapes, from the owner's copy of Procountor's schemas
// (../shared/reference/procountor-schemas-26.04.json). Responses are parsed loosely (Procountor adds fields);
// what we send is built to these shapes and validated before it leaves.
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
  PARTNER_TYPES,
  PRODUCT_TYPES,
  PRODUCT_UNITS,
} from './enums';

export const Country = z.enum(COUNTRIES);
export const Currency = z.enum(CURRENCIES);
export const InvoiceChannel = z.enum(INVOICE_CHANNELS);
export const Language = z.enum(INVOICE_LANGUAGES);
export const InvoiceRowUnit = z.enum(INVOICE_ROW_UNITS);
export const ProductUnit = z.enum(PRODUCT_UNITS);
export type Country = z.infer<typeof Country>;
export type InvoiceChannel = z.infer<typeof InvoiceChannel>;
export type Language = z.infer<typeof Language>;
export type InvoiceRowUnit = z.infer<typeof InvoiceRowUnit>;

const optionalString = z.string().optional();
const nullish = <T extends z.ZodType>(schema: T) => schema.nullish();

export const SearchMeta = z.looseObject({
  pageNumber: z.number().optional(),
  pageSize: z.number().optional(),
  resultCount: z.number().optional(),
  totalCount: z.number().optional(),
});
const searchResult = <T extends z.ZodType>(item: T) =>
  z.looseObject({ results: z.array(item).default([]), meta: SearchMeta.optional() });

export const ErrorMessages = z.looseObject({
  errors: z
    .array(z.looseObject({ status: z.number().optional(), field: nullish(z.string()), message: nullish(z.string()) }))
    .default([]),
});

export const User = z.looseObject({
  id: z.number().optional(),
  username: optionalString,
  companyId: z.number().optional(),
  firstName: optionalString,
  lastName: optionalString,
  email: optionalString,
});
export type User = z.infer<typeof User>;

export const Company = z.looseObject({ id: z.number(), name: z.string(), companyCurrency: optionalString });
export type Company = z.infer<typeof Company>;

export const BankAccount = z.looseObject({
  id: z.number().optional(),
  accountNumber: nullish(z.string()),
  iban: z.string(),
  bic: nullish(z.string()),
  bankName: nullish(z.string()),
  currency: z.string(),
});
export type BankAccount = z.infer<typeof BankAccount>;
export const BankAccountSearchResult = searchResult(BankAccount);

export const VatInformation = z.looseObject({
  vatInformation: z
    .array(
      z.looseObject({
        country: optionalString,
        percentages: z
          .array(z.looseObject({ vatPercent: z.number(), sales: z.boolean().optional(), purchase: z.boolean().optional() }))
          .default([]),
      }),
    )
    .default([]),
  vatStatuses: z
    .array(z.looseObject({ vatStatus: z.number().nullish(), description: z.string().nullish(), sales: z.boolean().nullish() }))
    .nullish(),
});
export type VatInformation = z.infer<typeof VatInformation>;

export const VatSettings = z.looseObject({
  unitPricesIncludeVatSales: z.boolean().optional(),
  unitPricesIncludeVatPurchase: z.boolean().optional(),
});

// ---- Business partners ----
const address = {
  name: optionalString,
  specifier: optionalString,
  street: optionalString,
  zip: optionalString,
  city: optionalString,
  country: Country.optional(),
  subdivision: optionalString,
};
export const BusinessPartnerAddress = z.looseObject(address);

export const InvoicingInfo = z.looseObject({
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
  name: z.string().min(1),
  type: z.enum(PARTNER_TYPES),
  address: BusinessPartnerAddress.optional(),
  billingAddress: BusinessPartnerAddress.optional(),
  invoicingInfo: InvoicingInfo.optional(),
  contactPersons: z
    .array(z.looseObject({ id: z.number().optional(), name: optionalString, email: optionalString, phone: optionalString }))
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

export const BusinessPartnerBasicInfo = z.looseObject({
  id: z.number(),
  name: optionalString,
  type: z.enum(PARTNER_TYPES).optional(),
  billingAddress: BusinessPartnerAddress.optional(),
  invoicingInfo: z
    .looseObject({ customerNumber: optionalString, identifier: optionalString, identifierType: optionalString })
    .optional(),
  registryInfo: z.looseObject({ active: z.boolean().optional() }).optional(),
  version: optionalString,
});
export type BusinessPartnerBasicInfo = z.infer<typeof BusinessPartnerBasicInfo>;
export const BusinessPartnerSearchResult = searchResult(BusinessPartnerBasicInfo);

// ---- Products ----
export const Product = z.looseObject({
  id: z.number().optional(),
  type: z.enum(PRODUCT_TYPES),
  name: z.string().min(1),
  code: nullish(z.string()),
  unit: ProductUnit.optional(),
  discount: z.number(),
  price: z.number(),
  vat: z.number().optional(),
  active: z.boolean(),
  currency: Currency,
  version: optionalString,
});
export type Product = z.infer<typeof Product>;
export const ProductSearchResult = searchResult(Product);

// ---- Invoices ----
const InvoiceSumInfo = z
  .array(
    z.looseObject({
      currency: optionalString,
      inAccountingCurrency: z.boolean().optional(),
      excludingVatTotal: z.number().optional(),
      vatSumTotal: z.number().optional(),
      invoiceSumTotal: z.number().optional(),
    }),
  )
  .optional();

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
  comment: optionalString,
  explanationText: optionalString,
});
export type InvoiceRow = z.infer<typeof InvoiceRow>;

export const Invoice = z.looseObject({
  id: z.number().optional(),
  partnerId: z.number().optional(),
  type: z.enum(INVOICE_TYPES),
  status: z.enum(INVOICE_STATUSES).optional(),
  date: z.string(),
  counterParty: z.looseObject({
    contactPersonName: optionalString,
    identifier: optionalString,
    customerNumber: optionalString,
    email: optionalString,
    counterPartyAddress: z.looseObject({ ...address, name: z.string().min(1) }),
    einvoiceAddress: z.looseObject({ operator: optionalString, address: optionalString, ediId: optionalString }).optional(),
  }),
  billingAddress: z.looseObject(address).optional(),
  paymentInfo: z.looseObject({
    paymentMethod: z.enum(INVOICE_PAYMENT_METHODS),
    currency: Currency,
    bankAccount: z.looseObject({ accountNumber: optionalString, bic: optionalString }).optional(),
    dueDate: z.string(),
    currencyRate: z.number(),
    bankReferenceCode: optionalString,
    bankReferenceCodeType: z.enum(BANK_REFERENCE_CODE_TYPES).optional(),
  }),
  extraInfo: z.looseObject({ accountingByRow: z.boolean(), unitPricesIncludeVat: z.boolean() }),
  discountPercent: z.number(),
  orderReference: optionalString,
  invoiceRows: z.array(InvoiceRow).min(1),
  invoiceNumber: z.number().optional(),
  invoiceChannel: InvoiceChannel,
  language: Language.optional(),
  vatStatus: z.number().int().optional(),
  additionalInformation: optionalString,
  notes: optionalString,
  agreementNumber: optionalString,
  buyerReferenceIdentifier: optionalString,
  sellerReferenceIdentifier: optionalString,
  version: optionalString,
  invoiceSumInfo: InvoiceSumInfo,
});
export type Invoice = z.infer<typeof Invoice>;

export const InvoiceBasicInfo = z.looseObject({
  id: z.number(),
  partnerId: z.number().optional(),
  type: z.enum(INVOICE_TYPES).optional(),
  status: z.enum(INVOICE_STATUSES).optional(),
  invoiceNumber: z.number().optional(),
  date: optionalString,
  dueDate: optionalString,
  created: optionalString,
  invoiceSumInfo: InvoiceSumInfo,
  counterParty: z.looseObject({ counterPartyAddress: z.looseObject({ name: optionalString }).optional() }).optional(),
  version: z.string().nullish(),
});
export type InvoiceBasicInfo = z.infer<typeof InvoiceBasicInfo>;
export const InvoiceSearchResult = searchResult(InvoiceBasicInfo);

/** What the invoice actions read back from a full invoice: parsed leniently, every field optional or null. */
export const InvoiceDetails = z.looseObject({
  id: z.number(),
  type: z.string().nullish(),
  status: z.string().nullish(),
  invoiceNumber: z.number().nullish(),
  invoiceChannel: z.string().nullish(),
  additionalInformation: z.string().nullish(),
  paymentDate: z.string().nullish(),
  paymentInfo: z.looseObject({ dueDate: z.string().nullish() }).nullish(),
  version: z.string().nullish(),
});
export type InvoiceDetails = z.infer<typeof InvoiceDetails>;

/** PUT /invoices/{id}/approve and /send answer this. */
export const InfoMessage = z.looseObject({ message: z.string().nullish() });

export const TokenResponse = z.looseObject({
  access_token: z.string().min(1),
  refresh_token: z.string().optional(),
  expires_in: z.number().optional(),
  token_type: z.string().optional(),
});
