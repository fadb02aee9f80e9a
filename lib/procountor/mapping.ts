import type { BankAccount } from './schemas';

const groupIban = (iban: string) => iban.replace(/\s+/g, '').replace(/(.{4})/g, '$1 ').trim();

export const bankAccountLabel = (account: BankAccount) =>
  [account.bankName, groupIban(account.iban), `(${account.currency})`].filter(Boolean).join(' ');
