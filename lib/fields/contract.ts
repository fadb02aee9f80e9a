// Click2Contract contract -> what Zap builders see, and -> what the invoice needs. Pure code.
import { formatMoney, lineAmounts, sumAmounts } from '../rules/money';
import type { Contract, PricingItem, WebhookEventType } from '../click2contract/schemas';
import { outputFields } from './outputFields';

const itemLine = (item: PricingItem) => ({
  quantity: item.quantity,
  unitPrice: item.unit_price,
  discountPercent: item.discount_percent ?? 0,
  vatPercent: item.vat_percent ?? 0,
});

export const contractTotals = (contract: Contract) => {
  const table = contract.pricing_table;
  const includeVat = Boolean(table?.prices_include_vat);
  const lines = (table?.items ?? []).map((item) => lineAmounts(itemLine(item), includeVat));
  return { lines, ...sumAmounts(lines) };
};

const blank = (value: string | null | undefined) => value ?? '';

/**
 * The flat, labelled trigger output; the Pricing Table becomes Zapier line items. A live delivery and a sample
 * fetched for the same contract give the same object, so a field mapped from a sample is there when the Zap runs.
 * Times Click2Contract leaves empty are null, not '': Zapier types them as date-times.
 */
export const contractOutput = (contract: Contract, eventType: WebhookEventType) => {
  const customer = contract.customer ?? {};
  const table = contract.pricing_table;
  const totals = contractTotals(contract);
  return {
    id: contract.id,
    contract_id: contract.id,
    number: blank(contract.number),
    title: blank(contract.title),
    status: contract.status,
    accepted_at: contract.accepted_at ?? null,
    signed_by_name: blank(contract.signed_by?.name),
    signed_by_email: blank(contract.signed_by?.email),
    customer_company: blank(customer.company_name),
    customer_business_id: blank(customer.business_id),
    customer_address: blank(customer.address),
    customer_postal_code: blank(customer.postal_code),
    customer_city: blank(customer.city),
    customer_country: blank(customer.country),
    customer_contact: blank(customer.contact_name),
    customer_email: blank(customer.email),
    customer_phone: blank(customer.phone),
    currency: table?.currency ?? 'EUR',
    prices_include_vat: Boolean(table?.prices_include_vat),
    total_excluding_vat: totals.net,
    vat_total: totals.vat,
    total_including_vat: totals.gross,
    has_pricing_table: Boolean(table),
    line_count: table?.items.length ?? 0,
    line_items: (table?.items ?? []).map((item, i) => ({
      name: item.name,
      code: blank(item.code),
      description: blank(item.description),
      quantity: item.quantity,
      unit: blank(item.unit),
      unit_price: item.unit_price,
      discount_percent: item.discount_percent ?? 0,
      vat_percent: item.vat_percent ?? 0,
      total_excluding_vat: totals.lines[i]!.net,
      total_including_vat: totals.lines[i]!.gross,
    })),
    auto_invoice: Boolean(contract.procountor?.auto_invoice),
    sent_to_procountor_at: contract.procountor?.sent_at ?? null,
    event_type: eventType,
  };
};

export const contractOutputFields = outputFields(
  ['contract_id', 'Contract ID'],
  ['number', 'Contract Number'],
  ['title', 'Title'],
  ['status', 'Status'],
  ['accepted_at', 'Accepted At', 'datetime'],
  ['signed_by_name', 'Signed By (Name)'],
  ['signed_by_email', 'Signed By (Email)'],
  ['customer_company', 'Customer Company'],
  ['customer_business_id', 'Customer Business ID'],
  ['customer_address', 'Customer Address'],
  ['customer_postal_code', 'Customer Postal Code'],
  ['customer_city', 'Customer City'],
  ['customer_country', 'Customer Country'],
  ['customer_contact', 'Customer Contact Person'],
  ['customer_email', 'Customer Email'],
  ['customer_phone', 'Customer Phone'],
  ['currency', 'Currency'],
  ['prices_include_vat', 'Prices Include VAT', 'boolean'],
  ['total_excluding_vat', 'Total Excluding VAT', 'number'],
  ['vat_total', 'VAT Total', 'number'],
  ['total_including_vat', 'Total Including VAT', 'number'],
  ['has_pricing_table', 'Has Pricing Table', 'boolean'],
  ['line_count', 'Number of Lines', 'integer'],
  ['line_items[]name', 'Line Item Name'],
  ['line_items[]code', 'Line Item Code'],
  ['line_items[]description', 'Line Item Description'],
  ['line_items[]quantity', 'Line Item Quantity', 'number'],
  ['line_items[]unit', 'Line Item Unit'],
  ['line_items[]unit_price', 'Line Item Unit Price', 'number'],
  ['line_items[]discount_percent', 'Line Item Discount %', 'number'],
  ['line_items[]vat_percent', 'Line Item VAT %', 'number'],
  ['line_items[]total_excluding_vat', 'Line Item Total Excluding VAT', 'number'],
  ['line_items[]total_including_vat', 'Line Item Total Including VAT', 'number'],
  ['auto_invoice', 'Create Invoices Automatically', 'boolean'],
  ['sent_to_procountor_at', 'Sent to Procountor At', 'datetime'],
  ['event_type', 'Event Type (contract.accepted or contract.sent_to_procountor)'],
);

/** One choice in the Contract dropdown: "C-1042 · Asiakas Oy · 11 444,09 €". */
export const contractChoice = (contract: Contract) => {
  const totals = contractTotals(contract);
  const currency = contract.pricing_table?.currency ?? 'EUR';
  const customer = contract.customer?.company_name ?? '';
  return {
    id: contract.id,
    number: blank(contract.number),
    customer_company: customer,
    total_including_vat: totals.gross,
    currency,
    accepted_at: contract.accepted_at ?? null,
    label: [contract.number || contract.id, customer, contract.pricing_table ? formatMoney(totals.gross, currency) : ''].filter(Boolean).join(' · '),
  };
};

export const contractChoiceOutputFields = outputFields(
  ['id', 'Contract ID'],
  ['number', 'Contract Number'],
  ['customer_company', 'Customer Company'],
  ['total_including_vat', 'Total Including VAT', 'number'],
  ['currency', 'Currency'],
  ['accepted_at', 'Accepted At', 'datetime'],
  ['label', 'Label'],
);

export const SAMPLE_CONTRACT: Contract = {
  id: 'ctr_8f2k1',
  number: 'C-1042',
  title: 'Website renewal 2027',
  status: 'accepted',
  accepted_at: '2026-11-23T14:05:09+02:00',
  signed_by: { name: 'Maija Meikäläinen', email: 'maija@asiakas.fi' },
  customer: {
    company_name: 'Asiakas Oy',
    business_id: '0737546-2',
    address: 'Mannerheimintie 1 A 5',
    postal_code: '00100',
    city: 'Helsinki',
    country: 'FI',
    contact_name: 'Maija Meikäläinen',
    email: 'laskut@asiakas.fi',
    phone: '+358 40 123 4567',
  },
  pricing_table: {
    currency: 'EUR',
    prices_include_vat: false,
    items: [
      {
        name: 'Design sprint',
        code: 'DS-01',
        description: 'Two-week sprint',
        quantity: 2,
        unit: 'week',
        unit_price: 4800,
        discount_percent: 10,
        vat_percent: 25.5,
      },
      { name: 'Hosting, 12 months', code: null, description: null, quantity: 12, unit: 'month', unit_price: 39.9, discount_percent: 0, vat_percent: 25.5 },
    ],
    total_excluding_vat: 9118.8,
  },
  procountor: { auto_invoice: true, sent_at: null },
  created_at: '2026-11-20T09:12:44+02:00',
  updated_at: '2026-11-23T14:05:09+02:00',
};

/** What the contract action adds to the engine's outputs. */
export const contractInvoiceOutput = (contract: Contract) => ({
  contract_id: contract.id,
  contract_number: contract.number ?? '',
  contract_title: contract.title ?? '',
});

export const contractSample = contractOutput(SAMPLE_CONTRACT, 'contract.accepted');
export const contractChoiceSample = contractChoice(SAMPLE_CONTRACT);
