// The company's VAT lists, bank accounts and currency change rarely: cached per connection for an hour, so a steady
// stream of contracts does not spend three Procountor requests each on them.
import type { ZObject } from 'zapier-platform-core';
import { cachedPerCompany } from '../zapier/claim';
import { allSettledOrThrow } from '../zapier/settle';
import type { ProcountorClient } from './client';
import type { BankAccount } from './schemas';
import { salesVatRates, salesVatStatuses, type SalesVatStatus } from './vat';

const COMPANY_DATA_TTL_SECONDS = 3600;
/**
 * The z.cache key; its version grows with the shape of what is kept (v3: the company's VAT statuses and currency; v4:
 * its exchange rate setting).
 */
export const COMPANY_DATA_KEY = 'procountor:company-data:v4';

export interface CompanyData {
  vatRates: number[];
  /** The company's sales VAT statuses, each recognised by what it means; a sales invoice carries one. */
  vatStatuses: SalesVatStatus[];
  bankAccounts: BankAccount[];
  /** The currency the company keeps its books in: invoices in another one carry an exchange rate. */
  currency: string;
  /** Which exchange rates the company's Basic company info asks for (GET /company `currencyRateSearchDensity`); null when not set. */
  currencyRateSearchDensity: string | null;
}

export const companyData = (z: ZObject, client: ProcountorClient): Promise<CompanyData> =>
  cachedPerCompany(z, COMPANY_DATA_KEY, COMPANY_DATA_TTL_SECONDS, async () => {
    // GET /company answers the currency and the rate setting at once (the same request that names a token's company).
    const [vats, bankAccounts, company] = await allSettledOrThrow([client.getDefaultVats(), client.listBankAccounts(), client.getCompany()]);
    return {
      vatRates: salesVatRates(vats),
      vatStatuses: salesVatStatuses(vats),
      bankAccounts,
      // Published as one of DKK, EUR, NOK, SEK; a company that answers none keeps euros, as most do.
      currency: company.companyCurrency ?? 'EUR',
      currencyRateSearchDensity: company.currencyRateSearchDensity ?? null,
    };
  });
