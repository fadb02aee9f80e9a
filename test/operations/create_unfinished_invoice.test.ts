import { isValidFinnishReference } from '../../sandboxes/procountor/reference';
import { worldForEachTest, inTurn } from '../support/world';

const w = worldForEachTest();

describe('Create Unfinished Invoice', () => {
  it('turns an accepted contract into an Unfinished invoice with a new customer and new products', async () => {
    const contract = await w.acceptedContract();
    const run = await w.runInvoice({ contract_id: contract.id, invoice_date: '2026-11-24' });
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual(
      expect.objectContaining({
        status: 'UNFINISHED',
        already_existed: false,
        customer_created: true,
        customer_name: 'Asiakas Oy',
        products_created: 2,
        contract_id: contract.id,
        contract_number: contract.number,
        date: '2026-11-24',
        due_date: '2026-12-08',
        total_excluding_vat: 9118.8,
        vat_total: 2325.29,
        total: 11444.09,
      }),
    );
    expect(isValidFinnishReference(run.result!.reference_number)).toBe(true);
    const state = await w.state();
    expect(state.invoices).toHaveLength(1);
    const [invoice] = state.invoices;
    expect(invoice.additionalInformation).toContain(`[C2C:${contract.id}]`);
    expect(invoice.agreementNumber).toBe(contract.number);
    expect(invoice.invoiceChannel).toBe('EMAIL');
    const productName = (id: number) => state.products.find((p: any) => p.id === id)?.name;
    expect(invoice.invoiceRows.map((r: any) => [r.product, r.unit, productName(r.productId)])).toEqual([
      ['Design sprint', 'WEEK', 'Design sprint'],
      ['Hosting, 12 months', 'MONTH', 'Hosting, 12 months'],
    ]);
    expect(state.businesspartners[0].invoicingInfo.identifier).toBe('0737546-2');
  });

  it('reuses a customer whose business ID is written differently, and a product under a similar name', async () => {
    await w.procountor.control('seed', {
      businesspartners: [
        { name: 'Asiakas Oy', invoicingInfo: { identifier: 'FI07375462' }, paymentInfo: { paymentMethod: 'BANK_TRANSFER', paymentTermDays: '30' } },
      ],
      products: [{ name: 'Design-Sprint', unit: 'WEEK', price: 4800, vat: 25.5 }],
    });
    const contract = await w.acceptedContract({
      pricing_table: {
        currency: 'EUR',
        prices_include_vat: false,
        items: [
          { name: 'design sprint', code: null, quantity: 1, unit: 'week', unit_price: 4800, discount_percent: 0, vat_percent: 25.5 },
          { name: 'Support retainer', code: 'SR-1', quantity: 3, unit: 'kk', unit_price: 250, discount_percent: 0, vat_percent: 25.5 },
        ],
      },
    });
    const run = await w.runInvoice({ contract_id: contract.id, invoice_date: '2026-11-24' });
    expect(run.result).toEqual(expect.objectContaining({ customer_created: false, products_created: 1, products_reused: 1, due_date: '2026-12-24' }));
    const state = await w.state();
    expect(state.businesspartners).toHaveLength(1);
    expect(state.products.map((p: any) => p.name)).toEqual(['Design-Sprint', 'Support retainer']);
  });

  it.each([
    ['no Pricing Table', { pricing_table: null }, 'has no Pricing Table'],
    [
      'an old VAT rate',
      { pricing_table: { currency: 'EUR', prices_include_vat: false, items: [{ name: 'X', quantity: 1, unit: 'h', unit_price: 100, vat_percent: 24 }] } },
      'has VAT 24 %',
    ],
    ['an invalid business ID', { customer: { company_name: 'X Oy', business_id: '2077474-1', email: 'x@x.fi' } }, 'not a valid Finnish business ID'],
  ])('halts on %s, saying what to fix, and creates nothing', async (_what, over, message) => {
    const contract = await w.acceptedContract(over);
    const run = await w.runInvoice({ contract_id: contract.id });
    expect(run.error).toEqual(expect.objectContaining({ name: 'HaltedError', message: expect.stringContaining(message) }));
    expect(await w.madeCounts()).toEqual([0, 0, 0]);
  });

  it('halts for a paper invoice without the address, postal code and city, quoting the template tip', async () => {
    const contract = await w.acceptedContract({
      customer: { company_name: 'Postiton Oy', business_id: '0836922-4', address: null, postal_code: null, city: null },
    });
    const run = await w.runInvoice({ contract_id: contract.id });
    expect(run.error?.name).toBe('HaltedError');
    expect(run.error?.message).toContain("missing the customer's Address, Postal code, City");
    expect(run.error?.message).toContain('separated into Address, Postal code and City fields');
  });

  it('halts on a contract that is not accepted, and on one that does not exist', async () => {
    const created = await w.c2c.control('proposals', { title: 'Unsigned' });
    expect((await w.runInvoice({ contract_id: created.id })).error?.message).toContain('not accepted');
    expect((await w.runInvoice({ contract_id: 'ctr_nope' })).error?.message).toContain('Click2Contract has no contract "ctr_nope"');
  });
});

describe('exactly once', () => {
  it('makes one invoice when the same contract runs 3 times in a row', async () => {
    const contract = await w.acceptedContract();
    const runs = await inTurn(3, () => w.runInvoice({ contract_id: contract.id }));
    expect(runs.map((r) => r.result?.already_existed)).toEqual([false, true, true]);
    expect(new Set(runs.map((r) => r.result?.invoice_id)).size).toBe(1);
    expect(await w.madeCounts()).toEqual([1, 1, 2]);
  });

  it('makes one invoice when 2 runs of one contract overlap', async () => {
    await w.procountor.control('faults', { latencyMs: 30 });
    const contract = await w.acceptedContract();
    const runs = await Promise.all([w.runInvoice({ contract_id: contract.id }), w.runInvoice({ contract_id: contract.id })]);
    await w.procountor.control('faults', { latencyMs: 0 });
    expect(runs.every((r) => r.ok)).toBe(true);
    expect(runs.map((r) => r.result?.already_existed).sort()).toEqual([false, true]);
    expect(await w.madeCounts()).toEqual([1, 1, 2]);
  });

  it.each([
    ['creating the customer', 'POST', '/api/businesspartners'],
    ['creating a product', 'POST', '/api/products'],
    ['creating the invoice', 'POST', '/api/invoices'],
    ['looking up the invoice', 'GET', '/api/invoices'],
  ])('completes on replay after a failure while %s, without duplicates', async (_step, method, path) => {
    const contract = await w.acceptedContract();
    await w.procountor.control('faults', { status: 503, count: 1, method, path });
    const failed = await w.runInvoice({ contract_id: contract.id });
    expect(failed.error?.name).toBe('ThrottledError');
    expect(failed.error?.message).toContain('Zapier will retry');
    const replay = await w.runInvoice({ contract_id: contract.id });
    expect(replay.error).toBeUndefined();
    expect(replay.result?.status).toBe('UNFINISHED');
    expect(await w.madeCounts()).toEqual([1, 1, 2]);
  });

  it('refreshes an expired Procountor token mid-Zap and finishes', async () => {
    const contract = await w.acceptedContract();
    await w.procountor.control('faults', { expireTokens: true });
    const run = await w.runInvoice({ contract_id: contract.id });
    expect(run.error).toBeUndefined();
    expect(run.result?.status).toBe('UNFINISHED');
  });
});

describe('contracts too big for one step', () => {
  it("hands a contract that outgrows the step to Zapier's retry, which finishes it without duplicates", async () => {
    // One POST per new product: 45 of them at 15 requests/s do not fit in a 2 s step.
    const items = Array.from({ length: 45 }, (_, i) => ({
      name: `Big item ${i}`,
      code: `BIG-${i}`,
      quantity: 1,
      unit: 'h',
      unit_price: 10,
      vat_percent: 25.5,
    }));
    const contract = await w.acceptedContract({ pricing_table: { currency: 'EUR', prices_include_vat: false, items } });
    process.env.STEP_DEADLINE_MS = '2000';
    const attempts = [];
    try {
      for (let i = 0; i < 10; i++) {
        const run = await w.runInvoice({ contract_id: contract.id });
        attempts.push(run);
        if (run.ok) break;
        expect(run.error?.name).toBe('ThrottledError');
        expect(run.error?.message).toContain('Zapier will retry and continue');
      }
    } finally {
      delete process.env.STEP_DEADLINE_MS;
    }
    expect(attempts.length).toBeGreaterThan(1);
    expect(attempts.at(-1)!.result?.status).toBe('UNFINISHED');
    expect(await w.madeCounts()).toEqual([1, 1, 45]);
  });
});

describe('Procountor requests per contract', () => {
  it.each([1, 10, 50])('spends at most 4 requests on %i existing lines once company data and the catalogue index are warm', async (k) => {
    const items = Array.from({ length: k }, (_, i) => ({ name: `Service ${i}`, code: `SV-${i}`, quantity: 1, unit: 'h', unit_price: 100, vat_percent: 25.5 }));
    await w.procountor.control('seed', {
      businesspartners: [{ name: 'Asiakas Oy', invoicingInfo: { identifier: '0737546-2' } }],
      products: items.map((item) => ({ name: item.name, code: item.code, unit: 'HOUR', price: 100 })),
    });
    const warmUp = await w.acceptedContract({ pricing_table: { currency: 'EUR', prices_include_vat: false, items } });
    const first = await w.requestsDuring(() => w.runInvoice({ contract_id: warmUp.id }));
    const contract = await w.acceptedContract({ pricing_table: { currency: 'EUR', prices_include_vat: false, items } });
    const steady = await w.requestsDuring(() => w.runInvoice({ contract_id: contract.id }));
    console.log(
      `${k} existing lines: ${first.requests} Procountor requests cold (company data, customer record, index), ${steady.requests} warm; ${JSON.stringify(steady.byRoute)}`,
    );
    expect(steady.requests).toBeLessThanOrEqual(4);
    expect(steady.byRoute['GET /products'] ?? 0).toBeLessThanOrEqual(1);
    expect((await w.state()).invoices).toHaveLength(2);
  });
});
