// The customer index's pure core: which customer a business ID or a name finds, and how entries are stored.
import { businessIdKey } from '../../../lib/rules/businessId';
import { CustomerMatcher, fromStoredCustomer, toIndexedCustomer, toStoredCustomer, type IndexedCustomer } from '../../../lib/indexes/customerEntries';

const customer = (id: number, name: string, identifier: string | null, active = true): IndexedCustomer => ({
  id,
  name,
  identifier,
  active,
  version: '2026-11-01T10:00:00',
});

describe('customer index: matching', () => {
  const matcher = new CustomerMatcher([
    customer(1, 'Asiakas Oy', 'FI07375462', false),
    customer(2, 'Asiakas Oy', '0737546-2'),
    customer(3, 'Toinen Oy', '07375462', false),
    customer(4, 'Swedish AB', 'SE556677889901'),
    customer(5, 'Vanha Ruotsi AB', 'SE000000000001', false),
    customer(6, '  Nimi   Vain Oy ', null),
    customer(7, 'Passiivinen Nimi Oy', null, false),
  ]);

  it('finds a Finnish business ID under any spelling, an active customer before an inactive one', () => {
    expect(matcher.match({ businessId: '0737546-2', finnish: true, name: 'x' })?.id).toBe(2);
    expect(businessIdKey('fi 0737546-2')).toBe(businessIdKey('07375462'));
  });

  it('takes an inactive customer when no active one has the business ID, as findCustomer does', () => {
    const onlyInactive = new CustomerMatcher([customer(1, 'A', 'FI07375462', false), customer(3, 'B', '07375462', false)]);
    // Both inactive: the newest first, as Procountor answers.
    expect(onlyInactive.match({ businessId: '0737546-2', finnish: true, name: 'x' })?.id).toBe(3);
  });

  it('finds a foreign identifier as written, ignoring case, and only among active customers', () => {
    expect(matcher.match({ businessId: 'se556677889901', finnish: false, name: 'x' })?.id).toBe(4);
    expect(matcher.match({ businessId: 'SE000000000001', finnish: false, name: 'x' })).toBeUndefined();
  });

  it('finds by name ignoring case and spacing only when no business ID is given, among active customers', () => {
    expect(matcher.match({ finnish: true, name: 'nimi vain oy' })?.id).toBe(6);
    expect(matcher.match({ finnish: true, name: 'Passiivinen Nimi Oy' })).toBeUndefined();
    expect(matcher.match({ businessId: '2077474-0', finnish: true, name: 'Nimi Vain Oy' })).toBeUndefined();
  });

  it('reads Procountor answers leniently and stores a customer as a short tuple', () => {
    const read = toIndexedCustomer({ id: 9, name: null, invoicingInfo: null, registryInfo: null, version: null, type: null });
    expect(read).toEqual({ id: 9, name: '', identifier: null, active: true, version: null });
    expect(toIndexedCustomer({ id: 10, type: 'SUPPLIER' })).toBeUndefined();
    const c = customer(11, 'Asiakas Oy', '0737546-2', false);
    expect(fromStoredCustomer(toStoredCustomer(c))).toEqual(c);
    expect(JSON.stringify(toStoredCustomer(c)).length).toBeLessThan(70);
  });
});
