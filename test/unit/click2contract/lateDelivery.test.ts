import { SAMPLE_CONTRACT } from '../../../lib/fields/contract';
import { describeAge, lateEventMismatch } from '../../../lib/click2contract/lateDelivery';
import { Contract } from '../../../lib/click2contract/schemas';

describe('late deliveries', () => {
  const accepted = Contract.parse({ ...SAMPLE_CONTRACT });
  it('are borne out by a contract that is still accepted (and sent to Procountor, for that event)', () => {
    expect(lateEventMismatch('contract.accepted', accepted)).toBeUndefined();
    expect(
      lateEventMismatch('contract.sent_to_procountor', { ...accepted, procountor: { auto_invoice: false, sent_at: '2026-11-24T09:30:00+02:00' } }),
    ).toBeUndefined();
  });

  it('are not borne out by a missing contract, another status, or a contract never sent', () => {
    expect(lateEventMismatch('contract.accepted', undefined)).toBe('Click2Contract has no such contract');
    expect(lateEventMismatch('contract.accepted', { ...accepted, status: 'declined' })).toContain('now "declined"');
    expect(lateEventMismatch('contract.sent_to_procountor', accepted)).toContain('not show the contract as sent to Procountor');
  });

  it('say how late they are in words', () => {
    expect([describeAge(12 * 60), describeAge(3 * 3600), describeAge(-600)]).toEqual(['12 minutes ago', '3 hours ago', 'in 10 minutes']);
  });
});
