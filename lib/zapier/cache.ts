// Zapier's z.cache, always scoped to the connection. The scope is part of the key on Zapier's side: a value set
// with ['auth'] is only found by a get with ['auth'], so every call goes through here.
import type { ZObject } from 'zapier-platform-core';

const SCOPE = ['auth'];

/** z.cache's published types leave out the scope argument of get and delete; the runtime takes it. */
interface ScopedCache {
  get(key: string, scope: string[]): Promise<unknown>;
  set(key: string, value: unknown, ttl: number, scope: string[], nx?: boolean): Promise<boolean | null>;
  delete(key: string, scope: string[]): Promise<boolean>;
}

export const connectionCache = (z: ZObject) => {
  const cache = z.cache as unknown as ScopedCache;
  return {
    get: (key: string) => cache.get(key, SCOPE),
    /** `z.cache` refuses values holding `undefined`; what JSON would keep is stored. */
    set: (key: string, value: unknown, ttlSeconds: number) => cache.set(key, JSON.parse(JSON.stringify(value)), ttlSeconds, SCOPE),
    /** Sets only when the key is free; true when this call set it. */
    setIfAbsent: async (key: string, value: unknown, ttlSeconds: number) => Boolean(await cache.set(key, value, ttlSeconds, SCOPE, true)),
    delete: (key: string) => cache.delete(key, SCOPE),
  };
};
