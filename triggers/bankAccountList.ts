import { defineTrigger, type Bundle, type ZObject } from 'zapier-platform-core';
import { procountorFor } from '../lib/procountor/client';
import { bankAccountLabel } from '../lib/fields/labels';
import { outputFields } from '../lib/fields/outputFields';

const perform = async (z: ZObject, bundle: Bundle) => {
  const accounts = await procountorFor(z, bundle).listBankAccounts();
  return accounts.map((account) => ({
    id: account.iban,
    iban: account.iban,
    bic: account.bic ?? '',
    bank_name: account.bankName ?? '',
    currency: account.currency,
    label: bankAccountLabel(account),
  }));
};

export default defineTrigger({
  key: 'bank_account_list',
  noun: 'Bank Account',
  display: {
    label: 'List Bank Accounts',
    description: "Triggers when a dropdown needs your Procountor company's bank accounts.",
    hidden: true,
  },
  operation: {
    perform,
    canPaginate: false,
    sample: {
      id: 'FI4250001510000023',
      iban: 'FI4250001510000023',
      bic: 'OKOYFIHH',
      bank_name: 'OP',
      currency: 'EUR',
      label: 'OP FI42 5000 1510 0000 23 (EUR)',
    },
    outputFields: outputFields(['id', 'IBAN'], ['iban', 'IBAN'], ['bic', 'BIC'], ['bank_name', 'Bank'], ['currency', 'Currency'], ['label', 'Label']),
  },
});
