// Click2Contract delivers each event at least once: the same event id can arrive again (a redelivery after an answer
// it did not see, or one sent by hand). Zapier deduplicates only polling triggers, never a REST hook's items, so a
// genuine delivery is marked in z.cache and a repeat of it starts no Zap run.
import type { ZObject } from 'zapier-platform-core';
import { connectionCache } from '../zapier/cache';
import { messageOf } from '../zapier/errors';

/**
 * How long a delivery's mark is kept: as long as Click2Contract may send the event again. Its reference says only
 * that delivery is at least once and that a non-2xx answer is retried with backoff; it gives no window. Public webhook
 * senders retry for a day or three (Svix about 28 hours, Shopify 48 hours, Stripe 3 days), so the mark covers the
 * longest of them. A repeat after that starts the Zap again, and the invoice step still finds the invoice it made.
 */
const REDELIVERY_WINDOW_SECONDS = 3 * 24 * 60 * 60;

/**
 * The mark's key. z.cache is shared by every Zap on the connection, and Click2Contract sends the same event id to each
 * webhook subscribed to it (one per Zap), so the webhook is part of the key: a second Zap still gets the event.
 */
const markKey = (webhookId: string, eventId: string) => `click2contract:delivery:${webhookId}:${eventId}`;

/**
 * Marks the event as handled for this webhook; false when it already was (a repeat). When z.cache fails, the delivery
 * counts as the first: losing a genuine contract is worse than a second run, which the invoice step answers with the
 * invoice the first made (`already_existed`).
 */
export const markFirstDelivery = async (z: ZObject, webhookId: string, event: { id: string; type: string }, what: string): Promise<boolean> => {
  try {
    if (await connectionCache(z).setIfAbsent(markKey(webhookId, event.id), 1, REDELIVERY_WINDOW_SECONDS)) return true;
  } catch (error) {
    z.console.log(`The ${event.type} delivery ${event.id} (${what}) could not be recorded in z.cache (${messageOf(error)}); the Zap starts anyway.`);
    return true;
  }
  z.console.log(`Ignored a repeat of the ${event.type} delivery ${event.id} (${what}): this Zap started on it already.`);
  return false;
};
