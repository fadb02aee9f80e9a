// Claims in Zapier's z.cache: how overlapping runs (retries, replays, duplicate hooks) take turns.
import crypto from 'node:crypto';
import type { ZObject } from 'zapier-platform-core';
import { connectionCache } from './cache';
import { retryLater } from './errors';

/** Longer than any run can take (Zapier stops a step at 30 s), so a crashed run's claim lapses by itself. */
export const CLAIM_TTL_SECONDS = 90;

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

/** A value cached per connection, recomputed when missing or when z.cache is unavailable. */
export const cachedPerConnection = async <T>(z: ZObject, key: string, ttlSeconds: number, compute: () => Promise<T>): Promise<T> => {
  const cache = connectionCache(z);
  try {
    const cached = await cache.get(key);
    if (cached !== null && cached !== undefined) return cached as T;
  } catch {
    return compute();
  }
  const value = await compute();
  try {
    await cache.set(key, value, ttlSeconds);
  } catch (error) {
    z.console.log(`Could not cache ${key}: ${(error as Error).message}`);
  }
  return value;
};
