// What a warm Lambda container keeps between invocations. Zapier runs later steps of the app in a container it already
// started, so what a module holds survives from one step to the next; every z.cache call saved that way is a round
// trip to Zapier's service saved. z.cache is scoped to the connection on Zapier's side, but a process serves every
// connection of the app and Zapier does not tell the app which connection a step belongs to: the app names it here.
import crypto from 'node:crypto';
import type { ZObject } from 'zapier-platform-core';

/** A digest naming a secret (a token) in memory without keeping the secret itself. */
export const digestOf = (secret: string) => crypto.createHash('sha256').update(secret).digest('base64url');

const connections = new WeakMap<ZObject, string>();

/**
 * Names the connection a step runs for by a digest of its Procountor access token (never the token itself). A token
 * is issued to one sign-in of one Procountor company, so two connections never share one, and what is kept under it is
 * only what that token can read in Procountor anyway. The token changes when Zapier refreshes it (hourly): what was
 * kept under the old one is then simply not found again, and ages out of its bounded store.
 */
export const bindConnection = (z: ZObject, accessToken: string) => {
  connections.set(z, digestOf(accessToken));
};

/** The connection `z`'s step runs for, as bindConnection named it; undefined: keep nothing in memory for it. */
export const connectionOf = (z: ZObject): string | undefined => connections.get(z);

const companies = new WeakMap<ZObject, () => Promise<string>>();

/**
 * Names the Procountor company the step's tokens belong to: `resolve` is asked once, when something of the company's
 * is first read or written in z.cache.
 */
export const bindCompany = (z: ZObject, resolve: () => Promise<string>) => {
  let company: Promise<string> | undefined;
  companies.set(z, () => (company ??= resolve()));
};

/** The Procountor company of `z`'s step, as bindCompany named it. */
export const companyOf = (z: ZObject): Promise<string> => {
  const resolve = companies.get(z);
  // A mistake of ours, never the user's: company data is only kept by steps that reach Procountor.
  if (!resolve) return Promise.reject(new Error('The Procountor company of this step is not known yet.'));
  return resolve();
};

/** A bounded store: it keeps the `limit` entries used last. */
export class RecentlyUsed<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly limit: number) {}

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: V) {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value!);
  }

  delete(key: string) {
    this.entries.delete(key);
  }
}
