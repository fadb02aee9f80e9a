// The company's VAT rates and bank accounts change rarely: cached per connection for an hour, so a steady stream
// of contracts does not spend two Procountor requests each on them.
import type { ZObject } from 'zapier-platform-core';
import { cachedPerConnection } from '../claim';
import { connectionCache } from '../connectionCache';
import { salesVatRates } from '../vat';
import { allSettledOrThrow } from '../settle';
import type { ProcountorClient } from './client';
import type { BankAccount } from './schemas';

export const COMPANY_DATA_TTL_SECONDS = 3600;

export interface CompanyData {
  vatRates: number[];
  bankAccounts: BankAccount[];
}

export const companyData = (z: ZObject, client: ProcountorClient): Promise<CompanyData> =>
  cachedPerConnection(z, 'procountor:company-data:v1', COMPANY_DATA_TTL_SECONDS, async () => {
    const [vats, bankAccounts] = await allSettledOrThrow([client.getDefaultVats(), client.listBankAccounts()]);
    return { vatRates: salesVatRates(vats), bankAccounts };
  });

const RECENT_REQUESTS_KEY = 'procountor:recent-request-starts';

/**
 * Runs `work` with the connection's Procountor request budget: the request times of the run before (same
 * connection, handed over through z.cache) count against this run's per-second window. Only meaningful inside
 * a claim that serialises the connection's runs.
 */
export const withConnectionRateWindow = async <T>(z: ZObject, client: ProcountorClient, work: () => Promise<T>) => {
  try {
    const previous = await connectionCache(z).get(RECENT_REQUESTS_KEY);
    if (Array.isArray(previous)) client.rateWindow.inherit(previous.filter((t): t is number => typeof t === 'number'));
  } catch {
    // Without z.cache the per-run window still holds.
  }
  try {
    return await work();
  } finally {
    try {
      await connectionCache(z).set(RECENT_REQUESTS_KEY, client.rateWindow.recentStarts(), 5);
    } catch {
      // as above
    }
  }
};
