// Webhook deliveries as the reference describes them: signed with HMAC-SHA256 over the timestamp and the raw body,
// delivered at least once, retried with doubling delays after a non-2xx answer or a failed connection.
import crypto from 'node:crypto';
import { helsinkiTimestamp, type Click2ContractSandboxState, type Delivery, type EventDelivery, type Json } from './state';

export interface DeliveryOptions {
  /** Retries after a non-2xx answer or a failed connection, with doubling delays from `retryBaseMs`. */
  maxAttempts: number;
  retryBaseMs: number;
}

/** The sandbox's own signer, written from the reference, not shared with the app's verifier. */
const signDelivery = (secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)) =>
  `t=${timestamp},v1=${crypto.createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;

/** One attempt, recorded on the delivery; true when the receiver answered 2xx. */
const deliverOnce = async (webhook: Json, event: Json, delivery: Delivery) => {
  const body = JSON.stringify(event);
  try {
    const response = await fetch(webhook.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'C2C-Signature': signDelivery(webhook.secret, body), 'User-Agent': 'Click2Contract-Webhooks/1.0' },
      body,
      signal: AbortSignal.timeout(30_000),
    });
    await response.arrayBuffer();
    delivery.attempts.push({ at: new Date().toISOString(), status: response.status });
    return response.status >= 200 && response.status < 300;
  } catch {
    delivery.attempts.push({ at: new Date().toISOString(), status: 'error' });
    return false;
  }
};

export const createEventDelivery = (state: Click2ContractSandboxState, options: DeliveryOptions): EventDelivery => {
  /** Delivers to one webhook; resolves after the first attempt, retrying in the background. */
  const deliver = async (webhook: Json, event: Json) => {
    const delivery: Delivery = { eventId: event.id, webhookId: webhook.id, attempts: [], delivered: false };
    state.deliveries.push(delivery);
    const retry = async (attempt: number): Promise<void> => {
      if (await deliverOnce(webhook, event, delivery)) {
        delivery.delivered = true;
        return;
      }
      if (attempt + 1 >= options.maxAttempts) return;
      await new Promise((resolve) => setTimeout(resolve, options.retryBaseMs * 2 ** attempt));
      if (state.webhooks.includes(webhook)) await retry(attempt + 1);
    };
    if (await deliverOnce(webhook, event, delivery)) delivery.delivered = true;
    else if (options.maxAttempts > 1) {
      setTimeout(() => void retry(1), options.retryBaseMs);
    }
  };

  const fire = async (type: string, contract: Json) => {
    const event = { id: state.nextId('evt'), type, created_at: helsinkiTimestamp(), data: { contract: structuredClone(contract) } };
    state.events.push(event);
    const sends = state.webhooks.filter((w) => w.events.includes(type)).map((w) => () => deliver(w, event));
    if (state.holding) state.held.push(...sends);
    else await Promise.all(sends.map((send) => send()));
    return event;
  };

  return { deliver, fire };
};
