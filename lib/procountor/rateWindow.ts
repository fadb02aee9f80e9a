import type { ZObject } from 'zapier-platform-core';
import { companyCache } from '../zapier/cache';
import type { ProcountorClient } from './client';

const RECENT_REQUESTS_KEY = 'procountor:recent-request-starts';

/**
 * Runs `work` with the connection's Procountor request budget: the request times of the run before (same
 * connection, handed over through z.cache) count against this run's per-second window. Only meaningful inside
 * a claim that serialises the connection's runs.
 */
export const withConnectionRateWindow = async <T>(z: ZObject, client: ProcountorClient, work: () => Promise<T>) => {
  try {
    const previous = await companyCache(z).get(RECENT_REQUESTS_KEY);
    if (Array.isArray(previous)) client.rateWindow.inherit(previous.filter((t): t is number => typeof t === 'number'));
  } catch {
    // Without z.cache the per-run window still holds.
  }
  try {
    return await work();
  } finally {
    try {
      await companyCache(z).set(RECENT_REQUESTS_KEY, client.rateWindow.recentStarts(), 5);
    } catch {
      // as above
    }
  }
};
