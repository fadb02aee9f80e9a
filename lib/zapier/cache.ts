// Zapier's z.cache, scoped to the connection (all but appCache, the app-wide request budget's). The scope is part of the key on Zapier's side: a value set
// with ['auth'] is only found by a get with ['auth'], so every call goes through here.
//
// A connection is not a company: an accounting firm may reconnect one Zapier connection to another client company in
// Procountor (new tokens, the same connection). What the app keeps about a company (its indexes, company data,
// customer records, order claims and in-doubt marks) therefore goes through companyCache, whose keys
// carry the Procountor company the step's tokens belong to: after such a reconnect, nothing of the first company is
// found again.
import type { ZObject } from 'zapier-platform-core';
import { companyOf } from './connectionMemory';

const SCOPE = ['auth'];

/** z.cache's published types leave out the scope argument of get and delete; the runtime takes it. */
interface ScopedCache {
  get(key: string, scope: string[] | null): Promise<unknown>;
  set(key: string, value: unknown, ttl: number, scope: string[] | null, nx?: boolean): Promise<boolean | null>;
  delete(key: string, scope: string[] | null): Promise<boolean>;
}

export interface KeyedCache {
  get(key: string): Promise<unknown>;
  /** `z.cache` refuses values holding `undefined`; what JSON would keep is stored. */
  set(key: string, value: unknown, ttlSeconds: number): Promise<unknown>;
  /** Sets only when the key is free; true when this call set it. */
  setIfAbsent(key: string, value: unknown, ttlSeconds: number): Promise<boolean>;
  delete(key: string): Promise<unknown>;
}

const keyedCache = (z: ZObject, keyOf: (key: string) => Promise<string>, scope: string[] | null = SCOPE): KeyedCache => {
  const cache = z.cache as unknown as ScopedCache;
  return {
    get: async (key) => cache.get(await keyOf(key), scope),
    set: async (key, value, ttlSeconds) => cache.set(await keyOf(key), JSON.parse(JSON.stringify(value)), ttlSeconds, scope),
    setIfAbsent: async (key, value, ttlSeconds) => Boolean(await cache.set(await keyOf(key), value, ttlSeconds, scope, true)),
    delete: async (key) => cache.delete(await keyOf(key), scope),
  };
};

/** What belongs to the connection whatever company it reaches (Slack messages, Click2Contract deliveries). */
export const connectionCache = (z: ZObject) => keyedCache(z, async (key) => key);

/** The z.cache key under which `key` is kept for the company of the step's Procountor tokens. */
const companyKey = async (z: ZObject, key: string) => `company:${await companyOf(z)}:${key}`;

/** What belongs to one Procountor company: its keys carry the company (see the file's header). */
export const companyCache = (z: ZObject) => keyedCache(z, (key) => companyKey(z, key));

/**
 * What every connection of the app shares: z.cache without a scope is one store for the whole app on Zapier, which is
 * where Procountor's budget per API client lives (requestBudget.ts). Nothing of a company's or connection's goes here.
 */
export const appCache = (z: ZObject) => keyedCache(z, async (key) => key, null);
