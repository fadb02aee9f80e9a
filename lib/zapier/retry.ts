import type { ZObject } from 'zapier-platform-core';

/**
 * Zapier retries a step that throws ThrottledError after the given delay; it has no other error class that
 * means "try again later", so outages and dropped connections use it too, with a short delay.
 */
export const OUTAGE_RETRY_SECONDS = 10;

export const retryLater = (z: ZObject, message: string, delaySeconds = OUTAGE_RETRY_SECONDS) =>
  new z.errors.ThrottledError(message, delaySeconds);

/** Retry-After is seconds (or an HTTP date, which nobody here sends); fall back when it is missing or odd. */
export const retryAfterSeconds = (header: string | null | undefined, fallback = 1): number => {
  const seconds = Number.parseInt(header ?? '', 10);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : fallback;
};
