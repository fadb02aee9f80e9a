import { Contract } from '../../lib/click2contract/schemas';
import { contractChoice, SAMPLE_CONTRACT } from '../../lib/fields/contract';
import { startWorld, type World } from '../support/world';

const CONTRACTS = 'triggers.contract_list.operation.perform';

describe('the Contract dropdown (hidden trigger contract_list)', () => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld();
  });
  afterAll(async () => {
    await w.stop();
  });

  it('labels each contract with its number, customer and total including VAT', () => {
    expect(contractChoice(SAMPLE_CONTRACT)).toEqual(
      expect.objectContaining({ id: 'ctr_8f2k1', label: 'C-1042 · Asiakas Oy · 11 444,09 €', total_including_vat: 11444.09 }),
    );
    const bare = Contract.parse({ id: 'ctr_x', status: 'accepted', customer: { company_name: 'X Oy' }, pricing_table: null });
    expect(contractChoice(bare).label).toBe('ctr_x · X Oy');
  });

  it('lists the accepted contracts page by page, each once, and no proposal still waiting for a signature', async () => {
    await w.reset();
    const accepted = [];
    for (let i = 0; i < 51; i++) accepted.push((await w.acceptedContract()).id);
    await w.c2c.control('proposals', { title: 'Not signed yet', customer: SAMPLE_CONTRACT.customer, pricing_table: SAMPLE_CONTRACT.pricing_table });
    const first = await w.run<any[]>(CONTRACTS, {}, { meta: { page: 0 } });
    const second = await w.run<any[]>(CONTRACTS, {}, { meta: { page: 1 } });
    const third = await w.run<any[]>(CONTRACTS, {}, { meta: { page: 2 } });
    expect([first.result!.length, second.result!.length, third.result]).toEqual([50, 1, []]);
    const listed = [...first.result!, ...second.result!];
    expect(new Set(listed.map((c) => c.id))).toEqual(new Set(accepted));
    expect(listed[0].label).toMatch(/^C-\d+ · Asiakas Oy · 11 444,09 €$/);
  });
});
