// "Create Unfinished Invoice (from Line Items)": the invoice engine fed by fields mapped in a Zap, through the app
// tester and through the Lambda-handler runtime, against the Procountor sandbox.
import { rawLineItems } from '../../lib/invoice/sources/lineItemsOrder';
import { App, appTester } from '../support/app';
import { lineItem, lineItemsOrder } from '../support/lineItems';
import { worldForEachTest, inTurn } from '../support/world';

const STEP = 'creates.create_invoice.operation.perform';

const w = worldForEachTest();

const run = (inputData: Record<string, unknown>) => w.run(STEP, inputData);

describe('Create Unfinished Invoice (from Line Items)', () => {
  it('makes an Unfinished invoice from one mapped line item, through the app tester', async () => {
    const result = (await appTester((App as any).creates.create_invoice.operation.perform, {
      authData: w.authData,
      inputData: lineItemsOrder(),
    } as any)) as any;
    expect(result).toEqual(
      expect.objectContaining({
        status: 'UNFINISHED',
        already_existed: false,
        customer_created: true,
        products_created: 1,
        unique_key: 'shop-1042',
        text_adjusted: '',
      }),
    );
    expect(result.total_excluding_vat).toBe(25);
    expect(result.total).toBe(28.38);
    const [invoice] = (await w.state()).invoices;
    expect(invoice.additionalInformation).toBe('Order shop-1042 [KEY:shop-1042]');
    expect(invoice.invoiceRows).toEqual([
      expect.objectContaining({ product: 'Coffee blend 1', productCode: 'CB-1', unit: 'PIECE', quantity: 2, unitPrice: 12.5, vatPercent: 13.5 }),
    ]);
  });

  it('carries 10 lines with their own units, discounts and VAT, reusing an existing product by code', async () => {
    await w.procountor.control('seed', { products: [{ name: 'Old name for blend 3', code: 'CB-3', unit: 'PIECE', price: 12.5, vat: 13.5 }] });
    const lines = Array.from({ length: 10 }, (_, i) => lineItem(i, i === 4 ? { unit: 'h', unit_price: 80, vat_percent: 25.5, discount_percent: '10' } : {}));
    const result = await run(lineItemsOrder({ line_items: lines, prices_include_vat: 'true' }));
    expect(result.error).toBeUndefined();
    expect(result.result).toEqual(expect.objectContaining({ products_created: 9, products_reused: 1 }));
    const [invoice] = (await w.state()).invoices;
    expect(invoice.invoiceRows).toHaveLength(10);
    expect(invoice.invoiceRows[4]).toEqual(expect.objectContaining({ unit: 'HOUR', unitPrice: 80, discountPercent: 10, vatPercent: 25.5 }));
    expect(invoice.extraInfo.unitPricesIncludeVat).toBe(true);
  });

  it("finishes a 200-line order in one step, well inside Zapier's 30 s", async () => {
    await w.procountor.control('seed', {
      businesspartners: [{ name: 'Verkkokauppa Asiakas Oy', invoicingInfo: { identifier: '0737546-2' } }],
      products: Array.from({ length: 10 }, (_, i) => ({ name: `Coffee blend ${i}`, code: `CB-${i}`, unit: 'PIECE', price: 12.5, vat: 13.5 })),
    });
    const lines = Array.from({ length: 200 }, (_, i) => lineItem(i % 20));
    const started = Date.now();
    const result = await run(lineItemsOrder({ line_items: lines }));
    const ms = Date.now() - started;
    expect(result.error).toBeUndefined();
    expect(ms).toBeLessThan(30_000);
    expect(result.result).toEqual(expect.objectContaining({ products_created: 10, products_reused: 10 }));
    const [invoice] = (await w.state()).invoices;
    expect(invoice.invoiceRows).toHaveLength(200);
    expect(invoice.invoiceSumInfo[0].excludingVatTotal).toBe(5000);
  }, 60_000);

  it('makes one invoice when the same Unique Key runs 3 times in a row', async () => {
    const runs = await inTurn(3, () => run(lineItemsOrder()));
    expect(runs.map((r) => r.result?.already_existed)).toEqual([false, true, true]);
    expect(new Set(runs.map((r) => r.result?.invoice_id)).size).toBe(1);
    expect(await w.madeCounts()).toEqual([1, 1, 1]);
  });

  it('makes one invoice when 2 runs with the same Unique Key overlap', async () => {
    await w.procountor.control('faults', { latencyMs: 30 });
    const runs = await Promise.all([run(lineItemsOrder()), run(lineItemsOrder())]);
    await w.procountor.control('faults', { latencyMs: 0 });
    expect(runs.every((r) => r.ok)).toBe(true);
    expect(runs.map((r) => r.result?.already_existed).sort()).toEqual([false, true]);
    expect((await w.state()).invoices).toHaveLength(1);
  });

  it('makes a second invoice for another Unique Key, and never mistakes key 10 for key 1', async () => {
    await run(lineItemsOrder({ unique_key: '10' }));
    const other = await run(lineItemsOrder({ unique_key: '1' }));
    expect(other.result?.already_existed).toBe(false);
    expect((await w.state()).invoices).toHaveLength(2);
  });

  it.each([
    ['a missing name', { name: '' }, ['Line item 2', 'has no Product Name']],
    ['a negative quantity with no credit intent', { quantity: '-3' }, ['Line item 2 ("Coffee blend 2")', 'Quantity -3', 'Allow Negative Quantities']],
    ['an unknown unit', { unit: 'bushel' }, ['Line item 2 ("Coffee blend 2")', 'Unit "bushel"', 'Procountor does not know']],
    ['a VAT rate the company no longer uses', { vat_percent: '24' }, ['Line item 2 ("Coffee blend 2")', 'has VAT 24 %', '25.5 %, 13.5 %, 10 %, 0 %']],
    ['a VAT rate the company never used', { vat_percent: '23' }, ['Line item 2 ("Coffee blend 2")', 'has VAT 23 %']],
    ['a quantity that is not a number', { quantity: 'two' }, ['Line item 2 ("Coffee blend 2")', 'Quantity must be a number, not "two"']],
    ['a missing unit price', { unit_price: '' }, ['Line item 2 ("Coffee blend 2")', 'has no Unit Price']],
  ])('halts on %s, naming the line and the field, and creates nothing', async (_what, over, expected) => {
    const result = await run(lineItemsOrder({ line_items: [lineItem(1), lineItem(2, over), lineItem(3)] }));
    expect(result.error?.name).toBe('HaltedError');
    for (const part of expected) expect(result.error?.message).toContain(part);
    expect(result.error?.message).not.toContain('Line item 1 ');
    expect(await w.madeCounts()).toEqual([0, 0, 0]);
  });

  it('lets a negative quantity through as a credit line when the switch says so', async () => {
    const result = await run(lineItemsOrder({ allow_negative_quantities: 'true', line_items: [lineItem(1), lineItem(2, { quantity: '-1' })] }));
    expect(result.error).toBeUndefined();
    expect((await w.state()).invoices[0].invoiceRows.map((r: any) => r.quantity)).toEqual([2, -1]);
  });

  it('halts without a Unique Key, and on a key with brackets, before asking Procountor anything', async () => {
    const stats = await w.requestsDuring(async () => {
      expect((await run(lineItemsOrder({ unique_key: ' ' }))).error?.message).toContain('"Unique Key"');
      expect((await run(lineItemsOrder({ unique_key: 'a]b' }))).error?.message).toContain('contains "[" or "]"');
    });
    expect(stats.requests).toBe(0);
  });
});

describe('reading line items as Zapier hands them over', () => {
  it('takes an array of objects, one object, or JSON text, and drops blank rows', () => {
    expect(
      rawLineItems([
        { name: 'A', quantity: '1' },
        { name: '', quantity: '' },
      ]),
    ).toEqual([{ name: 'A', quantity: '1' }]);
    expect(rawLineItems({ name: 'A' })).toEqual([{ name: 'A' }]);
    expect(rawLineItems('[{"name":"A"},{"name":"B"}]')).toEqual([{ name: 'A' }, { name: 'B' }]);
  });

  it('spreads comma-joined lists from a step that is not line-item aware into one line per position', () => {
    expect(rawLineItems([{ name: 'Beans,Mug', quantity: '2,1', unit_price: '12.5,9', vat_percent: '13.5' }])).toEqual([
      {
        name: 'Beans',
        quantity: '2',
        unit_price: '12.5',
        vat_percent: '13.5',
        code: undefined,
        unit: undefined,
        discount_percent: undefined,
        description: undefined,
      },
      {
        name: 'Mug',
        quantity: '1',
        unit_price: '9',
        vat_percent: '13.5',
        code: undefined,
        unit: undefined,
        discount_percent: undefined,
        description: undefined,
      },
    ]);
  });

  it('keeps a name with a comma and a Finnish decimal price on one line', () => {
    expect(rawLineItems([{ name: 'Hosting, 12 months', quantity: '1', unit_price: '39,90' }])).toHaveLength(1);
  });
});
