// Click2Contract contract -> what Zap builders see, and -> what the invoice needs. Pure code.
import { formatMoney } from '../rules/money';
import { InputError } from '../zapier/errors';
import type { Contract, WebhookEventType } from '../click2contract/schemas';
import { contractToOrder } from '../invoice/sources/contractOrder';
import { orderTotals } from '../invoice/totals';
import { outputFields } from './outputFields';

/** The order the invoice step makes of this contract; its totals do not depend on a country Procountor may not know. */
const invoicedOrder = (contract: Contract) => {
  try {
    return contractToOrder(contract, {});
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return contractToOrder({ ...contract, customer: { ...contract.customer, country: null } }, {});
  }
};

/**
 * The contract's totals from the same line mapping and line VAT the invoice uses, so the total shown is the total
 * invoiced. A line without a VAT % takes the invoice step's Default VAT %, which a trigger cannot know: its VAT, and
 * the total on the side its prices are not written in, are null (said in the fields' labels), never counted at 0 %.
 */
export const contractTotals = (contract: Contract) => orderTotals(invoicedOrder(contract));

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
    lines_without_vat: totals.linesWithoutVat,
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
      // Empty, not 0: mapped into Create Unfinished Invoice (from Line Items), the step's Default VAT % then applies.
      vat_percent: item.vat_percent ?? null,
      total_excluding_vat: totals.lines[i]!.net,
      total_including_vat: totals.lines[i]!.gross,
    })),
    auto_invoice: Boolean(contract.procountor?.auto_invoice),
    sent_to_procountor_at: contract.procountor?.sent_at ?? null,
    event_type: eventType,
  };
};

const NOT_KNOWN = " (empty when a line has no VAT %: the invoice step's Default VAT % decides it)";

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
  ['total_excluding_vat', 'Total Excluding VAT (empty when a line has no VAT % and prices include VAT)', 'number'],
  ['vat_total', `VAT Total${NOT_KNOWN}`, 'number'],
  ['total_including_vat', 'Total Including VAT (empty when a line has no VAT % and prices exclude VAT)', 'number'],
  ['lines_without_vat', "Lines Without VAT % (the invoice step's Default VAT % applies to them)", 'integer'],
  ['has_pricing_table', 'Has Pricing Table', 'boolean'],
  ['line_count', 'Number of Lines', 'integer'],
  ['line_items[]name', 'Line Item Name'],
  ['line_items[]code', 'Line Item Code'],
  ['line_items[]description', 'Line Item Description'],
  ['line_items[]quantity', 'Line Item Quantity', 'number'],
  ['line_items[]unit', 'Line Item Unit'],
  ['line_items[]unit_price', 'Line Item Unit Price', 'number'],
  ['line_items[]discount_percent', 'Line Item Discount %', 'number'],
  ['line_items[]vat_percent', "Line Item VAT % (empty: the invoice step's Default VAT %)", 'number'],
  ['line_items[]total_excluding_vat', 'Line Item Total Excluding VAT', 'number'],
  ['line_items[]total_including_vat', 'Line Item Total Including VAT', 'number'],
  ['auto_invoice', 'Create Invoices Automatically', 'boolean'],
  ['sent_to_procountor_at', 'Sent to Procountor At', 'datetime'],
  ['event_type', 'Event Type (contract.accepted or contract.sent_to_procountor)'],
);

/** The total a dropdown shows: including VAT, or without it when a line's VAT waits for the step's Default VAT %. */
const choiceTotal = (totals: ReturnType<typeof contractTotals>, currency: string) =>
  totals.gross !== null ? formatMoney(totals.gross, currency) : `${formatMoney(totals.net, currency)} + VAT`;

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
    label: [contract.number || contract.id, customer, contract.pricing_table ? choiceTotal(totals, currency) : ''].filter(Boolean).join(' · '),
  };
};

export const contractChoiceOutputFields = outputFields(
  ['id', 'Contract ID'],
  ['number', 'Contract Number'],
  ['customer_company', 'Customer Company'],
  ['total_including_vat', `Total Including VAT${NOT_KNOWN}`, 'number'],
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
