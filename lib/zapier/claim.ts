// Claims in Zapier's z.cache: how overlapping runs (retries, replays, duplicate hooks) take turns.
import crypto from 'node:crypto';
import type { ZObject } from 'zapier-platform-core';
import { connectionCache } from './cache';
import { connectionOf, RecentlyUsed } from './connectionMemory';
import { retryLater } from './errors';

/** Longer than any run can take (Zapier stops a step at 30 s), so a crashed run's claim lapses by itself. */
const CLAIM_TTL_SECONDS = 90;

export interface ClaimOptions {
  key: string;
  /** How long to wait for a busy claim before asking Zapier to retry the step. */
  waitMs: number;
  pollMs?: number;
  busyMessage: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` while holding the claim (set with nx, scoped to the connection), waiting for a busy claim to be
 * released. When z.cache itself is unavailable the work runs unclaimed: the duplicate check inside still
 * protects sequential replays, and refusing every run would be worse.
 */
export const withClaim = async <T>(z: ZObject, options: ClaimOptions, work: () => Promise<T>): Promise<T> => {
  const cache = connectionCache(z);
  const token = crypto.randomUUID();
  const deadline = Date.now() + options.waitMs;
  for (;;) {
    let held: boolean;
    try {
      held = await cache.setIfAbsent(options.key, token, CLAIM_TTL_SECONDS);
      if (held) held = (await cache.get(options.key)) === token;
    } catch (error) {
      z.console.log(`z.cache unavailable (${(error as Error).message}); continuing without a claim on ${options.key}`);
      return work();
    }
    if (held) break;
    if (Date.now() >= deadline) throw retryLater(z, options.busyMessage, 5);
    await sleep(options.pollMs ?? 150);
  }
  try {
    return await work();
  } finally {
    try {
      if ((await cache.get(options.key)) === token) await cache.delete(options.key);
    } catch {
      // The claim lapses after CLAIM_TTL_SECONDS anyway.
    }
  }
};

/** What cachedPerConnection stores: the value, and when z.cache lets it go (so a copy in memory goes no later). */
interface Stamped {
  cachedUntil: number;
  value: unknown;
}
const isStamped = (v: unknown): v is Stamped => !!v && typeof v === 'object' && typeof (v as Stamped).cachedUntil === 'number' && 'value' in v;

/** Values a warm container read or computed for a connection, until their z.cache copies expire. */
const remembered = new RecentlyUsed<Stamped>(500);

/**
 * A value cached per connection, recomputed when missing or when z.cache is unavailable. A container that read or
 * computed it keeps it in memory, for the step's connection only (connectionOf), until its z.cache copy expires: the
 * steps it runs next for that connection ask Zapier's service nothing for it.
 */
export const cachedPerConnection = async <T>(z: ZObject, key: string, ttlSeconds: number, compute: () => Promise<T>): Promise<T> => {
  const connection = connectionOf(z);
  const memoryKey = connection === undefined ? undefined : `${connection}\n${key}`;
  const remember = (stamped: Stamped) => {
    if (memoryKey !== undefined && stamped.cachedUntil > Date.now()) remembered.set(memoryKey, stamped);
    return stamped.value as T;
  };
  const held = memoryKey === undefined ? undefined : remembered.get(memoryKey);
  if (held && held.cachedUntil > Date.now()) return held.value as T;
  const cache = connectionCache(z);
  try {
    const cached = await cache.get(key);
    if (isStamped(cached)) return remember(cached);
    // Stored before values carried their expiry: used, not kept in memory.
    if (cached !== null && cached !== undefined) return cached as T;
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
