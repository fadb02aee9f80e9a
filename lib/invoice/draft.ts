// order + customer + products + options -> the Procountor Invoice to create. Pure; every rule lives here.
import { addDays } from '../rules/dates';
import { shortenAtWord } from '../procountor/charset';
import { FIELD_LIMITS } from '../procountor/limits';
import { orderMarker } from '../procountor/invoices';
import { checkedBusinessId, type Customer } from '../procountor/customers';
import type { BankAccount, Invoice, InvoiceChannel, InvoiceRowUnit, Language, ProductAnswer } from '../procountor/schemas';
import { toProcountorUnit } from '../procountor/units';
import { lineVat, productKey } from './prepare';
import type { InvoiceCurrency } from './currency';
import { procountorUnitPrice } from './unitPrices';
import type { InvoiceOrder } from './order';
import type { VatTreatment } from './treatment';

/** The customer the invoice is for: its Procountor id, and what the order and its Procountor record say of it. */
export type DraftCustomer = Customer & { partnerId: number };

export interface DraftLine {
  productId: number;
  productName: string;
  productCode?: string;
  unit: InvoiceRowUnit;
  quantity: number;
  unitPrice: number;
  discountPercent: number;
  vatPercent: number;
  /** The row's own VAT status, when the invoice's rows need different ones. */
  vatStatus?: number;
  description?: string;
}

export interface DraftOptions {
  invoiceDate: string;
  paymentTermDays: number;
  bankAccount: BankAccount;
  channel: InvoiceChannel;
  language: Language;
  /** The VAT statuses of the invoice (and of its rows, when they differ), with what EU law asks it to say. */
  treatment: Pick<VatTreatment, 'vatStatus' | 'note' | 'buyerVatNumber'>;
  currency: Pick<InvoiceCurrency, 'currency' | 'rate'>;
  notes?: string;
}

/**
 * Within Procountor's published length. The fitting stage (fitText.ts) and the order checks have already made every
 * text fit or halted; this keeps the draft within the limits whatever calls it.
 */
const trimTo = (text: string | undefined | null, max: number) => {
  const t = text?.trim();
  return t ? shortenAtWord(t, max) : undefined;
};

/**
 * What the buyer sees in the invoice's additional information: the heading, then on a line of its own what EU law asks
 * the invoice to say (when it does), ending with the searchable order marker.
 */
const additionalInformation = (order: Pick<InvoiceOrder, 'heading' | 'idempotencyKey'>, note?: string) => {
  const marker = orderMarker(order.idempotencyKey);
  const room = FIELD_LIMITS.additionalInformation - marker.length - 1 - (note ? note.length + 1 : 0);
  return [[trimTo(order.heading, room), note].filter(Boolean).join('\n'), marker].filter(Boolean).join(' ');
};

/** The order's rows, each with the product found or made for it (by the line's product key) and its own VAT status, if any. */
export const draftLines = (order: InvoiceOrder, productByKey: Map<string, ProductAnswer>, rowStatuses?: number[]): DraftLine[] =>
  order.lines.map((line, i) => {
    const product = productByKey.get(productKey(line))!;
    return {
      productId: product.id,
      productName: line.name.trim(),
      productCode: line.code?.trim() || product.code || undefined,
      unit: toProcountorUnit(line.unit),
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      discountPercent: line.discountPercent,
      vatPercent: lineVat(order, line)!,
      vatStatus: rowStatuses?.[i],
      description: line.description,
    };
  });

export const toInvoiceDraft = (order: InvoiceOrder, customer: DraftCustomer, lines: DraftLine[], options: DraftOptions): Invoice => {
  const address = {
    name: customer.name,
    street: trimTo(customer.street, FIELD_LIMITS.street),
    zip: trimTo(customer.postalCode, FIELD_LIMITS.zip),
    city: trimTo(customer.city, FIELD_LIMITS.city),
    country: customer.country,
  };
  return {
    type: 'SALES_INVOICE',
    partnerId: customer.partnerId,
    date: options.invoiceDate,
    counterParty: {
      contactPersonName: trimTo(customer.contactName, FIELD_LIMITS.contactPersonName),
      // An EU sale without VAT names the buyer's VAT number twice, as Procountor's own EU example invoice does.
      identifier: options.treatment.buyerVatNumber ?? checkedBusinessId(customer.businessId, customer.identifierType),
      taxCode: options.treatment.buyerVatNumber,
      email: customer.email?.trim() || undefined,
      counterPartyAddress: address,
      ...(options.channel === 'ELECTRONIC_INVOICE' ? { einvoiceAddress: { address: customer.einvoiceAddress, operator: customer.einvoiceOperator } } : {}),
    },
    billingAddress: address,
    paymentInfo: {
      paymentMethod: 'BANK_TRANSFER',
      currency: options.currency.currency,
      // The IBAN only: Procountor refuses a BIC on sales invoices ("Not supported for SALES_INVOICE and SALES_ORDER").
      bankAccount: { accountNumber: options.bankAccount.iban },
      dueDate: addDays(options.invoiceDate, options.paymentTermDays),
      currencyRate: options.currency.rate,
      // Empty, not omitted: Procountor then generates the reference number.
      bankReferenceCode: '',
    },
    extraInfo: { accountingByRow: false, unitPricesIncludeVat: order.pricesIncludeVat },
    discountPercent: 0,
    agreementNumber: order.agreementNumber?.trim() || undefined,
    invoiceRows: lines.map((line) => ({
      productId: line.productId,
      product: trimTo(line.productName, FIELD_LIMITS.product)!,
      productCode: trimTo(line.productCode, FIELD_LIMITS.productCode),
      quantity: line.quantity,
      unit: line.unit,
      // As Procountor keeps it (unitPrices.ts): the order's prices were fitted, and said, before any request.
      unitPrice: procountorUnitPrice(line.unitPrice),
      discountPercent: line.discountPercent,
      vatPercent: line.vatPercent,
      vatStatus: line.vatStatus,
      explanationText: trimTo(line.description, FIELD_LIMITS.explanationText),
    })),
    invoiceChannel: options.channel,
    language: options.language,
    vatStatus: options.treatment.vatStatus,
    additionalInformation: additionalInformation(order, options.treatment.note),
    notes: trimTo(options.notes, FIELD_LIMITS.notes),
  };
};
