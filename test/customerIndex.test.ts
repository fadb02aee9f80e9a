// The customer index: pure matching, then against the Procountor sandbox what a warm index costs and how it follows
// customers made or switched off in Procountor itself.
import { businessIdKey } from '../lib/rules/businessId';
import { CustomerMatcher, fromStoredCustomer, toIndexedCustomer, toStoredCustomer, type IndexedCustomer } from '../lib/indexes/customerEntries';
import { INDEX_FRESH_MS } from '../lib/indexes/syncedIndex';
import { startWorld, type World } from './support/world';

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

describe('customer index against the sandbox', () => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld();
  });
  afterAll(() => w.stop());
  beforeEach(() => w.reset());

  const items = [{ name: 'Konsultointi', code: 'KONS-1', quantity: 1, unit: 'h', unit_price: 100, discount_percent: 0, vat_percent: 25.5 }];
  const contractFor = (company_name: string, business_id: string) =>
    w.acceptedContract({
      customer: { company_name, business_id, address: 'Mannerheimintie 1', postal_code: '00100', city: 'Helsinki', country: 'FI', email: 'laskut@example.fi' },
      pricing_table: { currency: 'EUR', prices_include_vat: false, items },
    });
  const waitPastFreshness = () => new Promise((resolve) => setTimeout(resolve, INDEX_FRESH_MS + 1100));
  const others = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `Muu Asiakas ${i} Oy` }));

  it('loads active and inactive customers once; then an existing customer costs no request and a new one its POST and one read of inactive customers', async () => {
    await w.procountor.control('seed', {
      businesspartners: [...others(250), { name: 'Vakio Oy', invoicingInfo: { identifier: '0737546-2' } }],
      products: [{ name: 'Konsultointi', code: 'KONS-1', unit: 'HOUR', price: 100, vat: 25.5 }],
    });
    const cold = await w.requestsDuring(async () => w.runInvoice({ contract_id: (await contractFor('Vakio Oy', '0737546-2')).id }));
    // 251 active customers: 2 pages; inactive: 1 page.
    expect(cold.byRoute['GET /businesspartners']).toBe(3);
    const existing = await w.requestsDuring(async () => {
      const run = await w.runInvoice({ contract_id: (await contractFor('Vakio Oy', 'FI07375462')).id });
      expect(run.result).toEqual(expect.objectContaining({ customer_created: false }));
    });
    expect(existing.byRoute['GET /businesspartners']).toBeUndefined();
    expect(existing.byRoute['POST /businesspartners']).toBeUndefined();
    const fresh = await w.requestsDuring(async () => {
      const run = await w.runInvoice({ contract_id: (await contractFor('Uusi Oy', '2077474-0')).id });
      expect(run.result).toEqual(expect.objectContaining({ customer_created: true }));
    });
    expect(fresh.byRoute['POST /businesspartners']).toBe(1);
    expect(fresh.byRoute['GET /businesspartners']).toBe(1);
    // Made by the step, it is in the index from its POST answer.
    const again = await w.requestsDuring(async () => {
      const run = await w.runInvoice({ contract_id: (await contractFor('Uusi Oy', '2077474-0')).id });
      expect(run.result).toEqual(expect.objectContaining({ customer_created: false }));
    });
    expect(again.byRoute['GET /businesspartners'] ?? 0).toBe(0);
    expect((await w.state()).businesspartners).toHaveLength(252);
  });

  it('follows customers made, and switched off, in Procountor since the index was read', async () => {
    await w.procountor.control('seed', { businesspartners: [{ name: 'Vakio Oy', invoicingInfo: { identifier: '0737546-2' } }] });
    await w.runInvoice({ contract_id: (await contractFor('Vakio Oy', '0737546-2')).id });
    const [made] = (await w.procountor.control('seed', { businesspartners: [{ name: 'Käsin Tehty Oy', invoicingInfo: { identifier: '2077474-0' } }] }))
      .businesspartners;
    const [off] = (
      await w.procountor.control('seed', {
        businesspartners: [{ name: 'Suljettu Oy', invoicingInfo: { identifier: '20305223' }, registryInfo: { active: false } }],
      })
    ).businesspartners;
    await waitPastFreshness();
    const byHand = await w.requestsDuring(async () => {
      const run = await w.runInvoice({ contract_id: (await contractFor('Käsin Tehty Oy', '2077474-0')).id });
      expect(run.result).toEqual(expect.objectContaining({ customer_created: false, customer_id: made.id }));
    });
    expect(byHand.byRoute['GET /businesspartners']).toBe(1);
    // Switched off before the index saw it: found by the read of inactive customers a miss makes, not made again.
    const inactive = await w.runInvoice({ contract_id: (await contractFor('Suljettu Oy', '2030522-3')).id });
    expect(inactive.result).toEqual(expect.objectContaining({ customer_created: false, customer_id: off.id }));
    expect((await w.state()).businesspartners).toHaveLength(3);
  });
});
