// The customer index against the Procountor sandbox: what a warm index costs, and how it follows customers made or
// switched off in Procountor itself.
import { INDEX_FRESH_MS } from '../../lib/indexes/syncedIndex';
import { worldForEachTest } from '../support/world';

describe('customer index against the sandbox', () => {
  const w = worldForEachTest();

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
