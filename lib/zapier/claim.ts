// Claims in Zapier's z.cache: how overlapping runs (retries, replays, duplicate hooks) take turns.
import crypto from 'node:crypto';
import type { ZObject } from 'zapier-platform-core';
import { companyCache, connectionCache, type KeyedCache } from './cache';
import { connectionOf, RecentlyUsed } from './connectionMemory';
import { isOutcomeUnknown, retryLater } from './errors';

/** Longer than any run can take (Zapier stops a step at 30 s), so a crashed run's claim lapses by itself. */
export const CLAIM_TTL_SECONDS = 90;
/** A waiting run asks z.cache at most this often: each ask is a round trip to Zapier's service. */
const MAX_WAITING_CALLS = 20;
const FIRST_WAIT_MS = 100;
const LONGEST_WAIT_MS = 2_000;

export interface ClaimOptions {
  key: string;
  /** Whose the claim is: one Procountor company's (orders, invoices) or the connection's (Slack messages). */
  of: 'company' | 'connection';
  /** How long to wait for a busy claim before asking Zapier to retry the step. */
  waitMs: number;
  busyMessage: string;
  /** How long the claim is kept after work whose outcome is unknown (outcomeUnknown); CLAIM_TTL_SECONDS by default. */
  inDoubtHoldSeconds?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The n-th wait: doubling from FIRST_WAIT_MS up to LONGEST_WAIT_MS, half of it fixed and half drawn at random (equal
 * jitter), so runs that collided spread apart, and MAX_WAITING_CALLS waits still cover a claim's usual wait.
 */
export const backoffMs = (attempt: number, random = Math.random) => {
  const ceiling = Math.min(LONGEST_WAIT_MS, FIRST_WAIT_MS * 2 ** attempt);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
};

const unavailable = (z: ZObject, key: string, error: unknown) => {
  z.console.log(`z.cache unavailable (${(error as Error).message}); not writing without the claim on ${key}`);
  // Fail closed: without the claim an overlapping run could write the same thing twice; Zapier retries the step.
  return retryLater(z, "Zapier's storage, which keeps two runs from writing the same thing at once, did not answer. Nothing was written; Zapier will retry.");
};

const claimCache = (z: ZObject, options: ClaimOptions): KeyedCache => (options.of === 'company' ? companyCache(z) : connectionCache(z));

/** Takes the claim (set with nx), waiting with backoff; false when the wait ran out. */
const take = async (z: ZObject, options: ClaimOptions, token: string) => {
  const cache = claimCache(z, options);
  const deadline = Date.now() + options.waitMs;
  for (let attempt = 0; attempt <= MAX_WAITING_CALLS; attempt += 1) {
    try {
      if (await cache.setIfAbsent(options.key, token, CLAIM_TTL_SECONDS)) return true;
    } catch (error) {
      throw unavailable(z, options.key, error);
    }
    const left = deadline - Date.now();
    if (left <= 0 || attempt === MAX_WAITING_CALLS) return false;
    // The last wait ends at the deadline, for one more try then.
    await sleep(Math.min(backoffMs(attempt), left));
  }
  return false;
};

/**
 * Runs `work` while holding the claim. Fails closed: when z.cache cannot be asked, the work does not run and Zapier
 * retries the step. Work that ends in a write whose outcome is unknown (outcomeUnknown) keeps the claim for
 * `inDoubtHoldSeconds`, so no other run writes the same thing while that write may still land.
 */
export const withClaim = async <T>(z: ZObject, options: ClaimOptions, work: () => Promise<T>): Promise<T> => {
  const token = crypto.randomUUID();
  if (!(await take(z, options, token))) throw retryLater(z, options.busyMessage, 5);
  let outcome: 'done' | 'in doubt' = 'done';
  try {
    return await work();
  } catch (error) {
    if (isOutcomeUnknown(error)) outcome = 'in doubt';
    throw error;
  } finally {
    try {
      if (outcome === 'done') await claimCache(z, options).delete(options.key);
      else await claimCache(z, options).set(options.key, token, options.inDoubtHoldSeconds ?? CLAIM_TTL_SECONDS);
    } catch {
      // The claim lapses after CLAIM_TTL_SECONDS anyway.
    }
  }
};

/** What cachedPerCompany stores: the value, and when z.cache lets it go (so a copy in memory goes no later). */
interface Stamped {
  cachedUntil: number;
  value: unknown;
}
const isStamped = (v: unknown): v is Stamped => !!v && typeof v === 'object' && typeof (v as Stamped).cachedUntil === 'number' && 'value' in v;

/** Values a warm container read or computed for a connection, until their z.cache copies expire. */
const remembered = new RecentlyUsed<Stamped>(500);

/**
 * A value cached for the step's Procountor company, recomputed when missing or when z.cache is unavailable. A
 * container that read or computed it keeps it in memory under the step's token (connectionOf: one token, one
 * company) until its z.cache copy expires: the steps it runs next for that connection ask Zapier's service nothing.
 */
export const cachedPerCompany = async <T>(z: ZObject, key: string, ttlSeconds: number, compute: () => Promise<T>): Promise<T> => {
  const connection = connectionOf(z);
  const memoryKey = connection === undefined ? undefined : `${connection}\n${key}`;
  const remember = (stamped: Stamped) => {
    if (memoryKey !== undefined && stamped.cachedUntil > Date.now()) remembered.set(memoryKey, stamped);
    return stamped.value as T;
  };
  const held = memoryKey === undefined ? undefined : remembered.get(memoryKey);
  if (held && held.cachedUntil > Date.now()) return held.value as T;
  const cache = companyCache(z);
  try {
    const cached = await cache.get(key);
    if (isStamped(cached)) return remember(cached);
  } catch {
    return compute();
  }
  const stamped = { cachedUntil: Date.now() + ttlSeconds * 1000, value: await compute() };
  try {
    await cache.set(key, stamped, ttlSeconds);
  } catch (error) {
    z.console.log(`Could not cache ${key}: ${(error as Error).message}`);
    return stamped.value as T;
  }
  return remember(stamped);
};
