// A delivery signed more than five minutes ago is genuine (its signature matches) but may be a replay of an old
// event. Refusing it would lose the contract whenever Zapier runs the hook late, so, as Stripe advises for its
// events, it is taken only once Click2Contract's API confirms it: the contract exists and is in the state the
// event reports. Pure code; the hook reads the contract.
import type { Contract, WebhookEventType } from './schemas';

/** Why the contract as Click2Contract has it now does not bear the event out, or undefined when it does. */
export const lateEventMismatch = (type: WebhookEventType, current: Contract | undefined): string | undefined => {
  if (!current) return 'Click2Contract has no such contract';
  if (current.status !== 'accepted') return `the contract's status in Click2Contract is now "${current.status}", not "accepted"`;
  if (type === 'contract.sent_to_procountor' && !current.procountor?.sent_at) {
    return 'Click2Contract does not show the contract as sent to Procountor';
  }
  return undefined;
};

/** "12 minutes ago", "3 hours ago", "in 10 minutes" (a clock running ahead). */
export const describeAge = (ageSeconds: number): string => {
  const minutes = Math.round(Math.abs(ageSeconds) / 60);
  const amount = minutes >= 120 ? `${Math.round(minutes / 60)} hours` : `${minutes} minutes`;
  return ageSeconds >= 0 ? `${amount} ago` : `in ${amount}`;
};
