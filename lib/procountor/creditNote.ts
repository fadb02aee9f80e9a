// A credit note for a sent sales invoice, as a new sales invoice. Procountor publishes no credit-note endpoint, type or
// link field; its manual says a sent invoice is corrected "with a credit invoice". INFERRED (the owner's use-case notes,
// "Credit notes"): a sales invoice whose rows credit the original's (negative quantities; the same products, prices,
// discounts, VAT percents and VAT statuses), in the same currency and rate, naming the original's number in its printed
// additional information. It carries its own marker "[CREDIT:<original's id>]" for exactly once, never the original's
// "[C2C:…]" or "[KEY:…]", so Find Invoice and the duplicate check still find the original alone.
import { firstProblem } from '../zapier/request';
import { InputError } from '../zapier/errors';
import { shortenAtWord, toWindows1252 } from './charset';
import { orderMarker } from './invoices';
import { Invoice, type InvoiceToCredit } from './schemas';

export const creditOrderKey = (originalId: number) => `CREDIT:${originalId}`;

/** A reason printed on the invoice stays a sentence or two. */
const MAX_REASON_LENGTH = 500;

/** The printed line naming the original, in the invoice's language (Procountor's: Finnish, Swedish, English, ...). */
const creditLine = (language: string | null | undefined, invoiceNumber: string) => {
  if (language === 'FINNISH') return { line: `Hyvityslasku laskulle ${invoiceNumber}.`, reason: 'Syy' };
  if (language === 'SWEDISH') return { line: `Kreditnota för faktura ${invoiceNumber}.`, reason: 'Orsak' };
  return { line: `Credit note for invoice ${invoiceNumber}.`, reason: 'Reason' };
};

/** The object without its empty fields: Procountor answers them as null, and sends none back. */
const present = (object: Record<string, unknown> | null | undefined) =>
  Object.fromEntries(Object.entries(object ?? {}).filter(([, value]) => value !== null && value !== undefined && value !== ''));

const creditRows = (original: InvoiceToCredit) =>
  original.invoiceRows.map((row) =>
    present({
      productId: row.productId,
      product: row.product,
      productCode: row.productCode,
      quantity: -row.quantity,
      unit: row.unit,
      unitPrice: row.unitPrice,
      discountPercent: row.discountPercent ?? 0,
      vatPercent: row.vatPercent,
      vatStatus: row.vatStatus,
      comment: row.comment,
    }),
  );

const creditPayment = (original: InvoiceToCredit, today: string) => {
  const payment = original.paymentInfo ?? {};
  return present({
    paymentMethod: payment.paymentMethod,
    currency: payment.currency,
    bankAccount: payment.bankAccount?.accountNumber ? { accountNumber: payment.bankAccount.accountNumber } : undefined,
    // Nothing is to be paid on a credit note: due the day it is made.
    dueDate: today,
    currencyRate: payment.currencyRate ?? 1,
    // "If the field is given an empty string value, a reference code is automatically generated."
    bankReferenceCode: '',
  });
};

/** The credit note's body, dated `today`, checked against Procountor's published shape before anything is sent. */
export const creditNoteOf = (original: InvoiceToCredit, today: string, reason: string | undefined): Invoice => {
  const number = String(original.invoiceNumber ?? original.id);
  const words = creditLine(original.language, number);
  const why = reason ? `\n${words.reason}: ${shortenAtWord(toWindows1252(reason), MAX_REASON_LENGTH)}` : '';
  const counterParty = original.counterParty ?? {};
  const body = present({
    type: 'SALES_INVOICE',
    partnerId: original.partnerId,
    date: today,
    // Field by field, not the answer's whole object: what else Procountor answers there is not sent back.
    counterParty: present({
      contactPersonName: counterParty.contactPersonName,
      identifier: counterParty.identifier,
      taxCode: counterParty.taxCode,
      customerNumber: counterParty.customerNumber,
      email: counterParty.email,
      counterPartyAddress: present(counterParty.counterPartyAddress),
      einvoiceAddress: counterParty.einvoiceAddress ? present(counterParty.einvoiceAddress) : undefined,
    }),
    billingAddress: original.billingAddress ? present(original.billingAddress) : undefined,
    paymentInfo: creditPayment(original, today),
    extraInfo: { accountingByRow: original.extraInfo?.accountingByRow ?? false, unitPricesIncludeVat: original.extraInfo?.unitPricesIncludeVat ?? false },
    discountPercent: original.discountPercent ?? 0,
    invoiceRows: creditRows(original),
    invoiceChannel: original.invoiceChannel,
    language: original.language,
    vatStatus: original.vatStatus,
    additionalInformation: `${words.line}${why}\n${orderMarker(creditOrderKey(original.id))}`,
    notes: `Credits invoice ${number} (Procountor ID ${original.id}).`,
  });
  const parsed = Invoice.safeParse(body);
  if (!parsed.success) {
    throw new InputError(
      `Invoice ${number} cannot be credited by this step (${firstProblem(parsed.error)}). Create its credit note in Procountor (Sales invoices → Special situations → Create a credit note).`,
    );
  }
  return parsed.data;
};
