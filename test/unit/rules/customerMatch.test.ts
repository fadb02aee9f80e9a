import { activeBeforeInactive, customerNameKey } from '../../../lib/rules/customerMatch';

describe('customers without a business ID', () => {
  it('compare names ignoring case and spacing at the ends and between words', () => {
    expect(customerNameKey('  Asiakas   OY ')).toBe('asiakas oy');
    expect(customerNameKey('Asiakas\tOy')).toBe(customerNameKey('asiakas oy'));
    expect(customerNameKey('Asiakas Oy Ab')).not.toBe(customerNameKey('Asiakas Oy'));
  });

  it('are taken active before inactive, keeping the order within each', () => {
    const customers = [
      { id: 1, active: false },
      { id: 2, active: true },
      { id: 3, active: false },
      { id: 4, active: true },
    ];
    expect([...customers].sort(activeBeforeInactive((c) => c.active)).map((c) => c.id)).toEqual([2, 4, 1, 3]);
  });
});
