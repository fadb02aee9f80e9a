// The company's VAT rates and bank accounts change rarely: cached per connection for an hour, so a steady stream
// of contracts does not spend two Procountor requests each on them.
import type { ZObject } from 'zapier-platform-core';
import { cachedPerConnection } from '../zapier/claim';
import { salesVatRates, salesVatStatus } from './vat';
import { allSettledOrThrow } from '../zapier/settle';
import type { ProcountorClient } from './client';
import type { BankAccount } from './schemas';

export const COMPANY_DATA_TTL_SECONDS = 3600;

export interface CompanyData {
  vatRates: number[];
  /** The VAT status a sales invoice carries; undefined when the company lists none. */
  vatStatus?: number;
  bankAccounts: BankAccount[];
}

export const companyData = (z: ZObject, client: ProcountorClient): Promise<CompanyData> =>
  cachedPerConnection(z, 'procountor:company-data:v2', COMPANY_DATA_TTL_SECONDS, async () => {
    const [vats, bankAccounts] = await allSettledOrThrow([client.getDefaultVats(), client.listBankAccounts()]);
    return { vatRates: salesVatRates(vats), vatStatus: salesVatStatus(vats), bankAccounts };
  });
