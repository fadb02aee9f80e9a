// The flat, labelled shapes Zap builders see for Procountor records (outputs of searches and creates).
import type { BusinessPartnerAnswer, BusinessPartnerBasicInfo, InvoiceBasicInfo, ProductAnswer } from '../procountor/schemas';

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

export const customerOutputFields = [
  { key: 'id', label: 'Customer ID (Procountor)', type: 'integer' as const },
  { key: 'name', label: 'Name' },
  { key: 'business_id', label: 'Business ID' },
  { key: 'customer_number', label: 'Customer Number' },
  { key: 'street', label: 'Street Address' },
  { key: 'postal_code', label: 'Postal Code' },
  { key: 'city', label: 'City' },
  { key: 'country', label: 'Country' },
  { key: 'email', label: 'Invoicing Email' },
  { key: 'active', label: 'Active', type: 'boolean' as const },
];

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

export const productOutput = (product: ProductAnswer, match?: { matchedBy?: string; similarity?: number }) => ({
  id: product.id!,
  name: product.name,
  code: product.code ?? '',
  unit: product.unit ?? '',
  price: product.price,
  vat_percent: product.vat ?? null,
  currency: product.currency,
  matched_by: match?.matchedBy ?? '',
  similarity: match?.similarity ?? null,
});

export const productOutputFields = [
  { key: 'id', label: 'Product ID (Procountor)', type: 'integer' as const },
  { key: 'name', label: 'Name' },
  { key: 'code', label: 'Product Code' },
  { key: 'unit', label: 'Unit' },
  { key: 'price', label: 'Price', type: 'number' as const },
  { key: 'vat_percent', label: 'VAT %', type: 'number' as const },
  { key: 'currency', label: 'Currency' },
  { key: 'matched_by', label: 'Matched By (code or name)' },
  { key: 'similarity', label: 'Name Similarity (0-1)', type: 'number' as const },
];

export const productSample = {
  id: 7001,
  name: 'Design sprint',
  code: 'DS-01',
  unit: 'WEEK',
  price: 4800,
  vat_percent: 25.5,
  currency: 'EUR',
  matched_by: 'code',
  similarity: 1,
};

export const invoiceTotals = (invoice: Pick<InvoiceBasicInfo, 'invoiceSumInfo'>) => {
  const sums = invoice.invoiceSumInfo?.[0] ?? {};
  return {
    total_excluding_vat: sums.excludingVatTotal ?? null,
    vat_total: sums.vatSumTotal ?? null,
    total: sums.invoiceSumTotal ?? null,
    currency: sums.currency ?? 'EUR',
  };
};

export const invoiceOutput = (invoice: InvoiceBasicInfo) => ({
  id: invoice.id,
  invoice_number: invoice.invoiceNumber ?? null,
  status: invoice.status ?? '',
  date: invoice.date ?? '',
  due_date: invoice.dueDate ?? '',
  customer_id: invoice.partnerId ?? null,
  customer_name: invoice.counterParty?.counterPartyAddress?.name ?? '',
  ...invoiceTotals(invoice),
});

/** The output fields of `invoiceTotals`, labelled once for every operation that returns an invoice's sums. */
export const invoiceTotalsOutputFields = [
  { key: 'total_excluding_vat', label: 'Total Excluding VAT', type: 'number' as const },
  { key: 'vat_total', label: 'VAT Total', type: 'number' as const },
  { key: 'total', label: 'Total Including VAT', type: 'number' as const },
  { key: 'currency', label: 'Currency' },
];

export const invoiceOutputFields = [
  { key: 'id', label: 'Invoice ID (Procountor)', type: 'integer' as const },
  { key: 'invoice_number', label: 'Invoice Number', type: 'integer' as const },
  { key: 'status', label: 'Status' },
  { key: 'date', label: 'Invoice Date' },
  { key: 'due_date', label: 'Due Date' },
  { key: 'customer_id', label: 'Customer ID (Procountor)', type: 'integer' as const },
  { key: 'customer_name', label: 'Customer Name' },
  ...invoiceTotalsOutputFields,
];

export const invoiceSample = {
  id: 9001,
  invoice_number: 1001,
  status: 'UNFINISHED',
  date: '2026-11-24',
  due_date: '2026-12-08',
  customer_id: 5001,
  customer_name: 'Asiakas Oy',
  total_excluding_vat: 9118.8,
  vat_total: 2325.29,
  total: 11444.09,
  currency: 'EUR',
};
