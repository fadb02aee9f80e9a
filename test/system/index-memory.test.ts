// What a warm container keeps of the indexes between invocations, through zapier-platform-core's Lambda handler: it
// reads the manifest every step and, from z.cache, only the chunks it does not hold under the ids that manifest lists;
// what it holds never serves another connection, and what a changed manifest no longer lists is let go.
import zapier from 'zapier-platform-core';
import { CATALOGUE_KEY } from '../../lib/indexes/catalogue';
import type { LambdaHandler, RunOutcome } from '../../sandboxes/zapier/runtime';
import { connectedAuthData } from '../support/procountorSandbox';
import { INVOICE_STEP, worldForEachTest } from '../support/world';
import { COMPANY_DATA_KEY } from '../../lib/procountor/companyData';

/** The z.cache key the app keeps `key` under for the connection's Procountor company (lib/zapier/cache.ts). */
const ofCompany = (authData: object, key: string) => `company:${(authData as { company_id: string }).company_id}:${key}`;

const w = worldForEachTest();

/** A second warm container: the app's modules loaded once more, so nothing of the first one's memory is shared. */
let secondContainer: LambdaHandler;
beforeAll(async () => {
  await jest.isolateModulesAsync(async () => {
    const app = (await import('../../index')).default;
    secondContainer = (zapier as unknown as { createAppHandler: (app: object) => LambdaHandler }).createAppHandler(app);
  });
});

const seedCustomer = { name: 'Asiakas Oy', invoicingInfo: { identifier: '0737546-2' } };
/** 1,100 products: two chunks of z.cache (1,000 a chunk). */
const catalogue = Array.from({ length: 1100 }, (_, i) => ({ name: `Catalogue item ${i}`, code: `CAT-${i}`, unit: 'HOUR', price: 100, vat: 25.5 }));
const line = (name: string, code: string) => ({ name, code, quantity: 1, unit: 'h', unit_price: 100, discount_percent: 0, vat_percent: 25.5 });
const contractWith = (...items: object[]) => w.acceptedContract({ pricing_table: { currency: 'EUR', prices_include_vat: false, items } });

type Outcome = RunOutcome<Record<string, any>>;
const invoice = async (authData: Record<string, string>, items: object[], handler?: LambdaHandler): Promise<Outcome> => {
  const outcome = await w.runtime.run<Record<string, any>>(
    INVOICE_STEP,
    { authData, inputData: { contract_id: (await contractWith(...items)).id } },
    handler ? { handler, inProcess: true } : {},
  );
  expect(outcome.error).toBeUndefined();
  return outcome;
};
/** Which catalogue chunks the step read from z.cache (0, 1, …). */
const chunksRead = (outcome: Outcome) =>
  outcome.rpc.keysRead.filter((key) => key.startsWith(`${CATALOGUE_KEY}:`)).map((key) => Number(key.slice(CATALOGUE_KEY.length + 1)));

describe('the indexes a warm container keeps', () => {
  beforeEach(() => w.procountor.control('seed', { businesspartners: [seedCustomer], products: catalogue }));

  it('reads only the manifest while nothing changed, then only the chunk another container rewrote, and lets go of what the manifest no longer lists', async () => {
    const cold = await invoice(w.authData, [line('Catalogue item 3', 'CAT-3')]);
    expect(cold.result!.products_reused).toBe(1);

    const warm = await invoice(w.authData, [line('Catalogue item 1050', 'CAT-1050')]);
    expect(warm.rpc.keysRead).toContain(CATALOGUE_KEY);
    expect(chunksRead(warm)).toEqual([]);
    // Company data too is kept for the connection, until its z.cache copy expires.
    expect(warm.rpc.keysRead).not.toContain(COMPANY_DATA_KEY);
    const before = { manifest: w.runtime.connectionValue(w.authData, CATALOGUE_KEY), lastChunk: w.runtime.connectionValue(w.authData, `${CATALOGUE_KEY}:1`) };

    // Another container of the same connection, holding nothing, reads every chunk and adds a product to the last one.
    const elsewhere = await invoice(w.authData, [line('Brand new gadget', 'NEW-1')], secondContainer);
    expect(chunksRead(elsewhere).sort()).toEqual([0, 1]);
    expect(elsewhere.rpc.keysRead).toContain(COMPANY_DATA_KEY);
    expect(elsewhere.result!.products_created).toBe(1);

    // The first container finds that product in the one chunk that changed, with no request for products.
    let afterWrite: Outcome | undefined;
    const requests = await w.requestsDuring(async () => {
      afterWrite = await invoice(w.authData, [line('Some other words', 'NEW-1')]);
    });
    expect(afterWrite!.result!.products_created).toBe(0);
    expect(requests.byRoute['GET /products']).toBeUndefined();
    expect(chunksRead(afterWrite!)).toEqual([1]);

    // The manifest it held before is put back (with its chunk): the chunk that manifest listed was let go, so it is
    // read again, while the unchanged one is still held.
    w.runtime.setConnectionValue(w.authData, ofCompany(w.authData, CATALOGUE_KEY), before.manifest);
    w.runtime.setConnectionValue(w.authData, ofCompany(w.authData, `${CATALOGUE_KEY}:1`), before.lastChunk);
    const back = await invoice(w.authData, [line('Catalogue item 7', 'CAT-7')]);
    expect(chunksRead(back)).toEqual([1]);
  });

  it("never serves one connection's index to another, even when its manifest lists the same chunk ids", async () => {
    await invoice(w.authData, [line('Catalogue item 3', 'CAT-3')]);
    const held = await invoice(w.authData, [line('Catalogue item 4', 'CAT-4')]);
    expect(chunksRead(held)).toEqual([]);

    // Another connection whose z.cache holds the same manifest (the same chunk ids) over a first chunk of its own.
    const other = await connectedAuthData(w.procountor.base);
    const manifest = w.runtime.connectionValue(w.authData, CATALOGUE_KEY);
    const [first, last] = [0, 1].map((i) => w.runtime.connectionValue(w.authData, `${CATALOGUE_KEY}:${i}`) as unknown[][]);
    const renamed = first!.map((stored) => (stored[2] === 'CAT-7' ? [stored[0], stored[1], 'ONLY-THEIRS-7', ...stored.slice(3)] : stored));
    w.runtime.setConnectionValue(other, ofCompany(other, CATALOGUE_KEY), manifest);
    w.runtime.setConnectionValue(other, ofCompany(other, `${CATALOGUE_KEY}:0`), renamed);
    w.runtime.setConnectionValue(other, ofCompany(other, `${CATALOGUE_KEY}:1`), last);

    // The other connection reads its own chunks and finds the product by the code only its index has.
    const theirs = await invoice(other, [line('Zebra quartz lamp', 'ONLY-THEIRS-7')]);
    expect(chunksRead(theirs).sort()).toEqual([0, 1]);
    expect(theirs.rpc.keysRead).toContain(COMPANY_DATA_KEY);
    expect(theirs.result!.products_created).toBe(0);

    // And the first connection still answers from its own: that code is new to it.
    const mine = await invoice(w.authData, [line('Zebra quartz lamp', 'ONLY-THEIRS-7')]);
    expect(chunksRead(mine)).toEqual([]);
    expect(mine.result!.products_created).toBe(1);
  });
});
