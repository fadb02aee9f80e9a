// The errors a step ends with, in Zapier's classes: the user's data (InputError, decided at the edge) and the
// services' passing faults (retryLater).
import type { ZObject } from 'zapier-platform-core';
import { startStep } from './stepClock';

/**
 * A problem with the data the Zap gave us, in words the Zap builder can act on. Domain code throws it without
 * knowing about Zapier; `asZapierError` decides the class at the edge.
 */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/**
 * Searches and creates report bad input as z.errors.Error (the step fails and says why); the invoice action
 * halts instead (`halt: true`), so Zapier does not replay a contract that cannot become an invoice until it is fixed.
 */
const asZapierError = (z: ZObject, error: unknown, options: { halt?: boolean } = {}): unknown => {
  if (!(error instanceof InputError)) return error;
  return options.halt ? new z.errors.HaltedError(error.message) : new z.errors.Error(error.message, 'InvalidInput', 400);
};

export const withZapierErrors = async <T>(z: ZObject, run: () => Promise<T>, options: { halt?: boolean } = {}) => {
  // The step's 30 s count from here (stepClock): no request outlives them.
  startStep(z);
  try {
    return await run();
  } catch (error) {
    throw asZapierError(z, error, options);
  }
};

/**
 * Zapier retries a step that throws ThrottledError after the given delay; it has no other error class that
 * means "try again later", so outages and dropped connections use it too, with a short delay.
 */
export const OUTAGE_RETRY_SECONDS = 10;

export const retryLater = (z: ZObject, message: string, delaySeconds = OUTAGE_RETRY_SECONDS) => new z.errors.ThrottledError(message, delaySeconds);

const inDoubt = new WeakSet<object>();

/**
 * A write that was sent and never answered (timed out, the connection dropped after sending): the service may have
 * done it. Zapier retries as for an outage; a claim held around the write is kept (withClaim), and the retry looks
 * for what the write would have made before writing again.
 */
export const outcomeUnknown = (z: ZObject, message: string, delaySeconds = OUTAGE_RETRY_SECONDS) => {
  const error = retryLater(z, message, delaySeconds);
  inDoubt.add(error);
  return error;
};

export const isOutcomeUnknown = (error: unknown) => typeof error === 'object' && error !== null && inDoubt.has(error);

/** Retry-After is seconds (or an HTTP date, which nobody here sends); fall back when it is missing or odd. */
export const retryAfterSeconds = (header: string | null | undefined, fallback = 1): number => {
  const seconds = Number.parseInt(header ?? '', 10);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : fallback;
};

/** What an error says, without Zapier's JSON wrapping. */
export const messageOf = (error: unknown) => {
  const raw = (error as Error)?.message ?? String(error);
  try {
    const parsed = JSON.parse(raw);
    return typeof parsed?.message === 'string' ? parsed.message : raw;
  } catch {
    return raw;
  }
};
