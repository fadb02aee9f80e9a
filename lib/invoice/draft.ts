// order + customer + products + options -> the Procountor Invoice to create. Pure; every rule lives here.
import { addDays } from '../dates';
import { roundCents } from '../money';
import { orderMarker } from '../procountor/invoices';
import type { BankAccount, Country, Invoice, InvoiceChannel, InvoiceRowUnit, Language } from '../procountor/schemas';
import type { InvoiceOrder } from './order';

export interface DraftCustomer {
  partnerId: number;
  name: string;
  /** The business ID as the invoice should show it (canonical for Finnish IDs). */
  identifier?: string;
  email?: string;
  contactName?: string;
  street?: string;
  postalCode?: string;
  city?: string;
  country: Country;
  einvoiceAddress?: string;
  einvoiceOperator?: string;
}

export interface DraftLine {
  productId: number;
  productName: string;
  productCode?: string;
  unit: InvoiceRowUnit;
  quantity: number;
  unitPrice: number;
  discountPercent: number;
  vatPercent: number;
  description?: string;
}

export interface DraftOptions {
  invoiceDate: string;
  paymentTermDays: number;
  bankAccount: BankAccount;
  channel: InvoiceChannel;
  language: Language;
  /** The company's sales VAT status (GET /vats/default); Procountor requires one on every sales invoice. */
  vatStatus: number;
  notes?: string;
}

const trimTo = (text: string | undefined | null, max: number) => {
  const t = text?.trim();
  if (!t) return undefined;
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
};

/** What the buyer sees in the invoice's additional information, ending with the searchable order marker. */
export const additionalInformation = (order: Pick<InvoiceOrder, 'heading' | 'idempotencyKey'>) =>
  [trimTo(order.heading, 200), orderMarker(order.idempotencyKey)].filter(Boolean).join(' ');

export const toInvoiceDraft = (order: InvoiceOrder, customer: DraftCustomer, lines: DraftLine[], options: DraftOptions): Invoice => {
  const address = {
    name: customer.name,
    street: trimTo(customer.street, 80),
    zip: trimTo(customer.postalCode, 20),
    city: trimTo(customer.city, 40),
    country: customer.country,
  };
  return {
    type: 'SALES_INVOICE',
    partnerId: customer.partnerId,
    date: options.invoiceDate,
    counterParty: {
      contactPersonName: trimTo(customer.contactName, 80),
      identifier: customer.identifier,
      email: trimTo(customer.email, 100),
      counterPartyAddress: address,
      ...(options.channel === 'ELECTRONIC_INVOICE'
        ? { einvoiceAddress: { address: customer.einvoiceAddress, operator: customer.einvoiceOperator } }
        : {}),
    },
    billingAddress: address,
    paymentInfo: {
      paymentMethod: 'BANK_TRANSFER',
      currency: 'EUR',
      // The IBAN only: Procountor refuses a BIC on sales invoices ("Not supported for SALES_INVOICE and SALES_ORDER").
      bankAccount: { accountNumber: options.bankAccount.iban },
      dueDate: addDays(options.invoiceDate, options.paymentTermDays),
      currencyRate: 1,
      // Empty, not omitted: Procountor then generates the reference number.
      bankReferenceCode: '',
    },
    extraInfo: { accountingByRow: false, unitPricesIncludeVat: order.pricesIncludeVat },
    discountPercent: 0,
    agreementNumber: trimTo(order.agreementNumber, 70),
    invoiceRows: lines.map((line) => ({
      productId: line.productId,
      product: trimTo(line.productName, 200)!,
      productCode: trimTo(line.productCode, 40),
      quantity: line.quantity,
      unit: line.unit,
      // Prices arrive with at most two decimals; anything finer is rounded once, here.
      unitPrice: roundCents(line.unitPrice),
      discountPercent: line.discountPercent,
      vatPercent: line.vatPercent,
      explanationText: trimTo(line.description, 1000),
    })),
    invoiceChannel: options.channel,
    language: options.language,
    vatStatus: options.vatStatus,
    additionalInformation: additionalInformation(order),
    notes: trimTo(options.notes, 10000),
  };
};
