// Issue 27: a company's invoice steps run in two lanes (lib/invoice/lanes.ts). An order always runs in its own lane;
// lane 0 is the record lane, the only one that makes customers and products or writes the indexes. These tests hold
// a lane with a claim planted as another run's, and run orders of both lanes at once.
import { INVOICE_LANES, laneClaimKey, laneOf } from '../../lib/invoice/lanes';
import { uniqueKeyOrderKey } from '../../lib/procountor/invoices';
import { lineItem, lineItemsOrder } from '../support/lineItems';
import { worldForEachTest } from '../support/world';

const STEP = 'creates.create_invoice.operation.perform';

const w = worldForEachTest();

const run = (inputData: Record<string, unknown>) => w.run(STEP, inputData);

/** The n-th Unique Key (from `prefix`) whose order runs in `lane`. */
const keyInLane = (lane: number, prefix: string, n = 0) => {
  const keys: string[] = [];
  for (let i = 0; keys.length <= n; i++) if (laneOf(uniqueKeyOrderKey(`${prefix}-${i}`)) === lane) keys.push(`${prefix}-${i}`);
  return keys[n]!;
};

/** Another run holds `lane` for `seconds` (planted under the company's key, as the app's claims are kept). */
const holdLane = (lane: number, seconds: number) => {
  const company = (w.authData as Record<string, string>).company_id;
  w.runtime.setConnectionValue(w.authData, `company:${company}:${laneClaimKey(lane)}`, 'another run', seconds);
};

describe('invoice lanes', () => {
  it('spreads orders over both lanes, and every run of one order agrees on its lane', () => {
    const lanes = Array.from({ length: 200 }, (_, i) => laneOf(uniqueKeyOrderKey(`order-${i}`)));
    for (let lane = 0; lane < INVOICE_LANES; lane++) expect(lanes.filter((l) => l === lane).length).toBeGreaterThan(70);
    expect(laneOf(uniqueKeyOrderKey('order-7'))).toBe(lanes[7]);
  });

  it("writes an order of lane 1 whose customer and products exist while lane 0 is another run's", async () => {
    const first = await run(lineItemsOrder({ unique_key: keyInLane(0, 'warm') }));
    expect(first.result).toEqual(expect.objectContaining({ customer_created: true, products_created: 1 }));
    holdLane(0, 60);
    const beside = await run(lineItemsOrder({ unique_key: keyInLane(1, 'beside') }));
    expect(beside.error).toBeUndefined();
    expect(beside.result).toEqual(expect.objectContaining({ already_existed: false, customer_created: false, products_created: 0 }));
    expect(await w.madeCounts()).toEqual([2, 1, 1]);
  });

  it('an order of lane 1 that needs a new product waits for lane 0, then makes it once', async () => {
    await run(lineItemsOrder({ unique_key: keyInLane(0, 'warm') }));
    holdLane(0, 2);
    const started = Date.now();
    const waited = await run(lineItemsOrder({ unique_key: keyInLane(1, 'new-product'), line_items: [lineItem(2)] }));
    expect(waited.error).toBeUndefined();
    expect(waited.result).toEqual(expect.objectContaining({ products_created: 1 }));
    // Not before the other run's hold on lane 0 lapsed.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_500);
    expect(await w.madeCounts()).toEqual([2, 1, 2]);
  });

  it('two orders of one new customer and product, one in each lane, at once: one customer, one product, two invoices', async () => {
    for (const [round, businessId] of [
      [0, '1572860-0'],
      [1, '2345678-0'],
    ] as const) {
      const order = (lane: number) =>
        lineItemsOrder({
          unique_key: keyInLane(lane, `pair-${round}`),
          customer_name: `Uusi Asiakas ${round} Oy`,
          business_id: businessId,
          line_items: [lineItem(10 + round)],
        });
      const both = await Promise.all([run(order(0)), run(order(1))]);
      for (const made of both) expect(made.error).toBeUndefined();
      expect(both.filter((made) => made.result!.customer_created)).toHaveLength(1);
      expect(both.filter((made) => made.result!.products_created === 1)).toHaveLength(1);
    }
    const state = await w.state();
    expect(state.invoices).toHaveLength(4);
    expect(state.businesspartners).toHaveLength(2);
    expect(state.products).toHaveLength(2);
  });

  it('the same order of lane 1 twice at once makes one invoice', async () => {
    await run(lineItemsOrder({ unique_key: keyInLane(0, 'warm') }));
    const key = keyInLane(1, 'twice');
    const both = await Promise.all([run(lineItemsOrder({ unique_key: key })), run(lineItemsOrder({ unique_key: key }))]);
    expect(both.map((made) => made.result?.already_existed).sort()).toEqual([false, true]);
    expect((await w.state()).invoices).toHaveLength(2);
  });
});
