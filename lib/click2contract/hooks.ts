// The REST-hook side of the Click2Contract triggers: subscribe, verify each delivery, list samples.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { flag } from '../zapier/inputs';
import { click2contractFor } from './client';
import { describeAge, lateEventMismatch } from './lateDelivery';
import { markFirstDelivery } from './redelivery';
import { type Contract, WebhookEvent, type WebhookEventType } from './schemas';
import { findHeader, SIGNATURE_HEADER, verifySignature } from './signature';

export interface HookOptions {
  event: WebhookEventType;
  /** Keeps a contract out of the Zap (e.g. one not set to create invoices automatically). */
  wanted?: (contract: Contract, bundle: Bundle) => boolean;
  /** Orders and picks the sample contracts for performList. */
  samples: (contracts: Contract[]) => Contract[];
  /** What the Zap gets for a contract (the trigger's output fields), the same for a delivery and a sample. */
  output: (contract: Contract, event: WebhookEventType) => object;
}

export const autoInvoiceOnly = (bundle: Bundle) => flag(bundle.inputData.auto_invoice_only, true);

/** A genuine delivery signed long ago counts once Click2Contract confirms it; the contract is then read from there. */
const confirmLate = async (z: ZObject, bundle: Bundle, event: WebhookEvent, ageSeconds: number): Promise<Contract> => {
  const delivered = event.data.contract;
  const current = await click2contractFor(z, bundle).findContract(delivered.id);
  const mismatch = lateEventMismatch(event.type, current);
  const what = `the ${event.type} delivery for contract ${delivered.number ?? delivered.id}, signed ${describeAge(ageSeconds)}`;
  if (mismatch) {
    throw new z.errors.Error(
      `Ignored ${what}: ${mismatch}. A delivery this old is accepted only when Click2Contract confirms it, so this one started nothing.`,
      'UnconfirmedLateDelivery',
      409,
    );
  }
  z.console.log(`Accepted ${what}, after Click2Contract confirmed it.`);
  return current!;
};

export const hookOperations = (options: HookOptions) => {
  const performSubscribe = async (z: ZObject, bundle: Bundle) => {
    const webhook = await click2contractFor(z, bundle).createWebhook(String(bundle.targetUrl), [options.event]);
    // Zapier keeps this as bundle.subscribeData; the secret is needed to verify every delivery.
    return { id: webhook.id, secret: webhook.secret ?? '' };
  };

  const performUnsubscribe = async (z: ZObject, bundle: Bundle) => {
    const id = (bundle.subscribeData as { id?: string } | undefined)?.id;
    if (id) await click2contractFor(z, bundle).deleteWebhook(id);
    return { id: id ?? '' };
  };

  const perform = async (z: ZObject, bundle: Bundle) => {
    const subscription = bundle.subscribeData as { id?: string; secret?: string } | undefined;
    const secret = subscription?.secret;
    const raw = bundle.rawRequest;
    if (!secret) throw new z.errors.Error('This trigger has no webhook secret. Turn the Zap off and on again to resubscribe.', 'NoWebhookSecret', 400);
    if (!raw || typeof raw.content !== 'string') {
      throw new z.errors.Error('The delivery came without its raw body, so its signature cannot be checked. It was ignored.', 'UnverifiableDelivery', 400);
    }
    const check = verifySignature(raw.content, findHeader(raw.headers, SIGNATURE_HEADER), secret);
    if (!check.ok) {
      // Anyone who learns the hook URL can post to it. An error would land in the Zap's history, and Zapier turns a
      // Zap off after many: a forgery is dropped instead, with a line in the log (the reason only, nothing it sent).
      z.console.log(`Dropped a delivery that claims to come from Click2Contract: ${check.reason}. It started nothing.`);
      return [];
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.content);
    } catch {
      throw new z.errors.Error('Rejected a Click2Contract delivery whose body is not JSON.', 'InvalidDelivery', 400);
    }
    const event = WebhookEvent.safeParse(parsed);
    if (!event.success) throw new z.errors.Error('Rejected a Click2Contract delivery that is not a contract event.', 'InvalidDelivery', 400);
    if (event.data.type !== options.event) return [];
    const contract = check.fresh ? event.data.data.contract : await confirmLate(z, bundle, event.data, check.ageSeconds);
    if (options.wanted && !options.wanted(contract, bundle)) return [];
    if (!(await markFirstDelivery(z, subscription?.id ?? '', event.data, `contract ${contract.number ?? contract.id}`))) return [];
    return [options.output(contract, options.event)];
  };

  const performList = async (z: ZObject, bundle: Bundle) => {
    const { data } = await click2contractFor(z, bundle).listAcceptedContracts(50);
    const contracts = options.samples(data).filter((c) => !options.wanted || options.wanted(c, bundle));
    return contracts.slice(0, 10).map((contract) => options.output(contract, options.event));
  };

  return { type: 'hook' as const, performSubscribe, performUnsubscribe, perform, performList };
};
