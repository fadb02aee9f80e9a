// Invoice rules that depend on the company's settings: VAT by date, channel, payment term. Pure.
import { finnishRateAllowsOn } from '../rules/finnishVat';
import type { BankAccount, InvoiceChannel } from '../procountor/schemas';
import { InputError } from '../zapier/errors';
import type { OrderVocabulary } from './order';
import { lineLabel } from './orderChecks';

const DEFAULT_PAYMENT_TERM_DAYS = 14;

/** A sentence for each line whose VAT the company cannot use on the invoice date. */
export const vatProblems = (
  lines: Array<{ name: string; vatPercent: number | undefined }>,
  companyRates: number[],
  invoiceDate: string,
  words: OrderVocabulary,
): string[] =>
  lines.flatMap((line, i) => {
    const which = lineLabel(words, i, line.name);
    const field = words.lineFields.vatPercent;
    if (line.vatPercent === undefined) {
      return [`${which} has no ${field}. Add the ${field} ${words.fixLinesWhere}, or set "Default VAT %" in this step.`];
    }
    const usable = companyRates.includes(line.vatPercent) && finnishRateAllowsOn(line.vatPercent, invoiceDate);
    if (usable) return [];
    const valid = companyRates.filter((rate) => finnishRateAllowsOn(rate, invoiceDate));
    return [
      `${which} has VAT ${line.vatPercent} %, which your Procountor company cannot use on ${invoiceDate}. ` +
        `Use one of ${valid.map((r) => `${r} %`).join(', ')} ${words.fixLinesWhere}.`,
    ];
  });

/** The requested channel, or: e-invoice when the customer has an e-invoice address and operator, e-mail when it has an e-mail, else mail. */
export const chooseChannel = (
  requested: InvoiceChannel | undefined,
  customer: { einvoiceAddress?: string; einvoiceOperator?: string; email?: string },
): InvoiceChannel => {
  if (requested) return requested;
  if (customer.einvoiceAddress && customer.einvoiceOperator) return 'ELECTRONIC_INVOICE';
  if (customer.email) return 'EMAIL';
  return 'MAIL';
};

export const paymentTermFrom = (requested: number | undefined, customersOwn: string | number | undefined) => {
  if (requested !== undefined) return requested;
  const own = Number(customersOwn);
  return Number.isInteger(own) && own >= 0 && own <= 365 && String(customersOwn ?? '').trim() !== '' ? own : DEFAULT_PAYMENT_TERM_DAYS;
};

/** The account the customer pays to: the one the step names, else the company's first. */
export const pickBankAccount = (accounts: BankAccount[], iban: string | undefined) => {
  if (!accounts.length) {
    throw new InputError(
      'Your Procountor company has no bank account, and a sales invoice paid by bank transfer needs one. Add one in Procountor under Management → Company info.',
    );
  }
  if (!iban) return accounts[0]!;
  const wanted = iban.replace(/\s+/g, '').toUpperCase();
  const found = accounts.find((a) => a.iban.replace(/\s+/g, '').toUpperCase() === wanted);
  if (!found) throw new InputError(`The bank account ${iban} is not one of your Procountor company's accounts. Pick one from the "Bank Account" dropdown.`);
  return found;
};
