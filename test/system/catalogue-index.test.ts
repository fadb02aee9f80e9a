// The catalogue index against the Procountor sandbox: what a cold and a warm index cost, and how it follows
// changes made in Procountor itself.
import { INDEX_FRESH_MS, INDEX_TRUST_MS } from '../../lib/indexes/syncedIndex';
import { helsinkiDateTime } from '../../lib/rules/dates';
import { worldForEachTest } from '../support/world';

const w = worldForEachTest();

const line = (name: string, code: string | null, unit_price = 100) => ({
  name,
  code,
  quantity: 1,
  unit: 'h',
  unit_price,
  discount_percent: 0,
  vat_percent: 25.5,
});
const contractWith = (items: object[]) => w.acceptedContract({ pricing_table: { currency: 'EUR', prices_include_vat: false, items } });
const catalogue = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `Catalogue item ${i}`, code: `CAT-${i}`, unit: 'HOUR', price: 100, vat: 25.5 }));
const seedCustomer = { name: 'Asiakas Oy', invoicingInfo: { identifier: '0737546-2' } };
const waitPastFreshness = () => new Promise((resolve) => setTimeout(resolve, INDEX_FRESH_MS + 1100));

describe('catalogue index', () => {
  it('loads a cold index in pages of 200 once, then answers existing lines with no product request', async () => {
    await w.procountor.control('seed', { businesspartners: [seedCustomer], products: catalogue(550) });
    const lines = [line('Catalogue item 3', 'CAT-3'), line('catalogue-item 420', null), line('Catalogue item 549', 'CAT-549')];
    const cold = await w.requestsDuring(async () => w.runInvoice({ contract_id: (await contractWith(lines)).id }));
    expect(cold.byRoute['GET /products']).toBe(3);
    expect(cold.byRoute['POST /products']).toBeUndefined();
    const warm = await w.requestsDuring(async () => w.runInvoice({ contract_id: (await contractWith(lines)).id }));
    expect(warm.byRoute['GET /products']).toBeUndefined();
    expect(warm.requests).toBeLessThanOrEqual(4);
    expect((await w.state()).products).toHaveLength(550);
  });

  it('trusts what it finds for INDEX_TRUST_MS: past INDEX_FRESH_MS, a step of existing lines still reads neither index', async () => {
    expect(INDEX_TRUST_MS).toBeGreaterThan(INDEX_FRESH_MS + 1100);
    await w.procountor.control('seed', { businesspartners: [seedCustomer], products: catalogue(5) });
    await w.runInvoice({ contract_id: (await contractWith([line('Catalogue item 0', 'CAT-0')])).id });
    await waitPastFreshness();
    const run = await w.requestsDuring(async () => w.runInvoice({ contract_id: (await contractWith([line('Catalogue item 1', 'CAT-1')])).id }));
    expect(run.byRoute['GET /products']).toBeUndefined();
    expect(run.byRoute['GET /businesspartners']).toBeUndefined();
    // The duplicate check and the invoice.
    expect(run.requests).toBe(2);
  });

  it('reads only what changed since the last read before making a product it did not find, and follows a code changed in Procountor', async () => {
    const [seeded] = (await w.procountor.control('seed', { businesspartners: [seedCustomer], products: catalogue(5) })).products;
    await w.runInvoice({ contract_id: (await contractWith([line('Catalogue item 0', 'CAT-0')])).id });
    await w.procountor.control(`products/${seeded.id}`, { patch: { code: 'RENAMED-0' } });
    await waitPastFreshness();
    const run = await w.requestsDuring(async () => {
      const result = await w.runInvoice({ contract_id: (await contractWith([line('Something else entirely', 'RENAMED-0')])).id });
      expect(result.result).toEqual(expect.objectContaining({ products_created: 0, products_reused: 1 }));
    });
    expect(run.byRoute['GET /products']).toBe(1);
    // The duplicate check, the catalogue's changes (the line matched nothing the index knew) and the invoice; the
    // customer found is trusted.
    expect(run.requests).toBe(3);
    expect((await w.state()).products).toHaveLength(5);
  });

  it('costs one request per new product: its POST, and the product is matched from the index next time', async () => {
    await w.procountor.control('seed', { businesspartners: [seedCustomer], products: catalogue(3) });
    await w.runInvoice({ contract_id: (await contractWith([line('Catalogue item 0', 'CAT-0')])).id });
    const fresh = [line('Brand new A', 'NEW-A'), line('Brand new B', 'NEW-B'), line('Brand new C', null)];
    const run = await w.requestsDuring(async () => w.runInvoice({ contract_id: (await contractWith(fresh)).id }));
    expect(run.byRoute['POST /products']).toBe(3);
    // Duplicate check, invoice and the three POSTs; the index reads are skipped within 5 s of the last ones.
    expect(run.requests - (run.byRoute['GET /products'] ?? 0) - (run.byRoute['GET /businesspartners'] ?? 0)).toBe(2 + 3);
    expect(run.requests).toBeLessThanOrEqual(4 + 3);
    const again = await w.requestsDuring(async () => w.runInvoice({ contract_id: (await contractWith(fresh)).id }));
    expect(again.byRoute['POST /products']).toBeUndefined();
    expect((await w.state()).products).toHaveLength(6);
  });

  it('refreshes the index and retries once when the invoice names a product Procountor no longer has', async () => {
    const [gone] = (await w.procountor.control('seed', { businesspartners: [seedCustomer], products: catalogue(2) })).products;
    await w.runInvoice({ contract_id: (await contractWith([line('Catalogue item 1', 'CAT-1')])).id });
    await w.procountor.control(`products/${gone.id}`, { remove: true });
    const run = await w.runInvoice({ contract_id: (await contractWith([line('Catalogue item 0', 'CAT-0'), line('Catalogue item 1', 'CAT-1')])).id });
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual(expect.objectContaining({ status: 'UNFINISHED', products_created: 1, products_reused: 1 }));
    const state = await w.state();
    expect(state.invoices).toHaveLength(2);
    expect(state.products.map((p: any) => p.code).sort()).toEqual(['CAT-0', 'CAT-1']);
    expect(state.invoices[1].invoiceRows.every((r: any) => state.products.some((p: any) => p.id === r.productId))).toBe(true);
  });

  it('reads one page, not two, when more than a page of products share the newest version second', async () => {
    // 250 products written in one second, as an import does: the inclusive bound answers all of them on every read.
    const sameSecond = catalogue(250).map((p) => ({ ...p, version: '2026-11-01T10:00:00' }));
    const seeded = (await w.procountor.control('seed', { businesspartners: [seedCustomer], products: sameSecond })).products;
    await w.runInvoice({ contract_id: (await contractWith([line('Catalogue item 0', 'CAT-0')])).id });
    const before = process.env.PROCOUNTOR_INDEX_FRESH_MS;
    process.env.PROCOUNTOR_INDEX_FRESH_MS = '0';
    try {
      const warm = await w.requestsDuring(async () => w.runInvoice({ contract_id: (await contractWith([line('Catalogue item 249', 'CAT-249')])).id }));
      expect(warm.byRoute['GET /products']).toBe(1);
      expect(warm.requests).toBeLessThanOrEqual(4);
      // A change among them is still read: the page no longer only repeats the index.
      await w.procountor.control(`products/${seeded[220].id}`, { patch: { code: 'MOVED-220' } });
      const changed = await w.requestsDuring(async () => {
        const run = await w.runInvoice({ contract_id: (await contractWith([line('Unrelated words here', 'MOVED-220')])).id });
        expect(run.result).toEqual(expect.objectContaining({ products_created: 0, products_reused: 1 }));
      });
      // The newest-first page shows the change, so the read starts over in id order: 1 + 2 pages.
      expect(changed.byRoute['GET /products']).toBe(3);
    } finally {
      if (before === undefined) delete process.env.PROCOUNTOR_INDEX_FRESH_MS;
      else process.env.PROCOUNTOR_INDEX_FRESH_MS = before;
    }
    expect((await w.state()).products).toHaveLength(250);
  });

  it('after reading more than a page of changes, starts the next read at the newest version Procountor had, not minutes back', async () => {
    const older = catalogue(210).map((p) => ({ ...p, version: '2026-11-01T10:00:00' }));
    await w.procountor.control('seed', { businesspartners: [seedCustomer], products: older });
    await w.runInvoice({ contract_id: (await contractWith([line('Catalogue item 0', 'CAT-0')])).id });
    // 210 more made in Procountor over the last minutes, one a second.
    const secondsAgo = (n: number) => helsinkiDateTime(new Date(Date.now() - n * 1000));
    await w.procountor.control('seed', {
      products: Array.from({ length: 210 }, (_, i) => ({
        name: `Imported item ${i}`,
        code: `IMP-${i}`,
        unit: 'HOUR',
        price: 100,
        vat: 25.5,
        version: secondsAgo(210 - i),
      })),
    });
    const before = process.env.PROCOUNTOR_INDEX_FRESH_MS;
    process.env.PROCOUNTOR_INDEX_FRESH_MS = '0';
    try {
      const first = await w.requestsDuring(async () => w.runInvoice({ contract_id: (await contractWith([line('Imported item 209', 'IMP-209')])).id }));
      // The newest-first page, then the 420 products since the bound in id order.
      expect(first.byRoute['GET /products']).toBe(1 + 3);
      const next = await w.requestsDuring(async () => w.runInvoice({ contract_id: (await contractWith([line('Imported item 5', 'IMP-5')])).id }));
      expect(next.byRoute['GET /products']).toBe(1);
      expect(next.requests).toBeLessThanOrEqual(4);
    } finally {
      if (before === undefined) delete process.env.PROCOUNTOR_INDEX_FRESH_MS;
      else process.env.PROCOUNTOR_INDEX_FRESH_MS = before;
    }
    expect((await w.state()).products).toHaveLength(420);
  });

  it('leaves a product switched off in Procountor out of matching once what it found is no longer trusted', async () => {
    // INDEX_TRUST_MS shortened to the freshness wait (PROCOUNTOR_INDEX_TRUST_MS), so the test need not wait a minute.
    process.env.PROCOUNTOR_INDEX_TRUST_MS = String(INDEX_FRESH_MS);
    try {
      const [off] = (await w.procountor.control('seed', { businesspartners: [seedCustomer], products: catalogue(2) })).products;
      await w.runInvoice({ contract_id: (await contractWith([line('Catalogue item 1', 'CAT-1')])).id });
      await w.procountor.control(`products/${off.id}`, { patch: { active: false } });
      await waitPastFreshness();
      const run = await w.runInvoice({ contract_id: (await contractWith([line('Catalogue item 0', 'CAT-0')])).id });
      expect(run.result).toEqual(expect.objectContaining({ products_created: 1 }));
    } finally {
      delete process.env.PROCOUNTOR_INDEX_TRUST_MS;
    }
  });
});
