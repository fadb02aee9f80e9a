import { formatMoney } from '../rules/money';
import type { BankAccount } from '../procountor/schemas';

const groupIban = (iban: string) =>
  iban
    .replace(/\s+/g, '')
    .replace(/(.{4})/g, '$1 ')
    .trim();

export const bankAccountLabel = (account: BankAccount) => [account.bankName, groupIban(account.iban), `(${account.currency})`].filter(Boolean).join(' ');

/** "1042 · Asiakas Oy · 11 444,09 €"; an Unfinished invoice may have no number yet, and then shows its ID. */
export const invoiceLabel = (invoice: {
  id: number;
  invoiceNumber?: number | null;
  counterParty?: { counterPartyAddress?: { name?: string | null } | null } | null;
  invoiceSumInfo?: Array<{ invoiceSumTotal?: number | null; currency?: string | null }> | null;
}) => {
  const sums = invoice.invoiceSumInfo?.[0];
  return [
    invoice.invoiceNumber ?? `ID ${invoice.id} (no number yet)`,
    invoice.counterParty?.counterPartyAddress?.name ?? '',
    formatMoney(sums?.invoiceSumTotal, sums?.currency ?? 'EUR'),
  ]
    .filter((part) => String(part).trim())
    .join(' · ');
};
