// Zapier stops a step after 30 seconds, wherever it is: a step killed in the middle of a POST leaves nothing to say
// whether the POST was done. So no request here may outlive the step: each one's timeout is the smaller of its own and
// what is left of the step's 30 s, less room for the answer to be read and the step to end in Zapier's retry.
import type { ZObject } from 'zapier-platform-core';

/** Zapier's limit for one step. */
export const STEP_LIMIT_MS = 30_000;
/** Left at the end of a step for reading the last answer and ending in a retry. */
export const ANSWER_ROOM_MS = 3_000;
/** A request with less time than this is not started: the step hands over to Zapier's retry instead. */
const SHORTEST_REQUEST_MS = 1_000;

const started = new WeakMap<ZObject, number>();

/** Records when `z`'s step started (the first call wins: the edge of every operation calls it, and so does a request). */
export const startStep = (z: ZObject, at = Date.now()) => {
  if (!started.has(z)) started.set(z, at);
};

/** The time one request may take now: its own timeout, or less when the step's 30 s are running out. */
export const requestTimeoutFor = (z: ZObject, ownMs: number, now = Date.now()) => {
  startStep(z, now);
  const left = started.get(z)! + STEP_LIMIT_MS - ANSWER_ROOM_MS - now;
  if (left < SHORTEST_REQUEST_MS) {
    // ThrottledError is how Zapier retries a step (errors.ts's retryLater, not imported: errors.ts starts the clock).
    throw new z.errors.ThrottledError("This step has used Zapier's 30 seconds; nothing more is sent in it. Zapier will retry and continue.", 1);
  }
  return Math.min(ownMs, left);
};
