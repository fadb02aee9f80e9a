// An invoice's VAT treatment, rule by rule and as a whole: which status the invoice and its rows carry, the note EU law
// asks for, and the sentence that says why; or, when something is missing, the sentence that says what to fix.
import { contractToOrder } from '../../../lib/invoice/sources/contractOrder';
import type { OrderOptions } from '../../../lib/invoice/order';
import { chosenStatus, statusOfKind, vatTreatment, zeroRatedLines } from '../../../lib/invoice/treatment';
import { SAMPLE_CONTRACT } from '../../../lib/fields/contract';
import type { SalesVatStatus } from '../../../lib/procountor/vat';
import { euVatNote } from '../../../lib/rules/euVat';

const STATUSES: SalesVatStatus[] = [
  { id: 1, description: 'Domestic', kind: 'domestic' as const },
  { id: 3, description: 'Outside of the EU', kind: 'outsideEu' as const },
  { id: 5, description: 'EU community sales (product)', kind: 'euGoods' as const },
  { id: 19, description: 'EU community sales (service)', kind: 'euServices' as const },
];

/** A line's VAT %, or its VAT % and product code (what Goods Product Codes match). */
type LineSpec = number | { vat: number; code?: string; unit?: string };

const order = (country: string, businessId: string | null, vats: LineSpec[], options: OrderOptions = {}) =>
  contractToOrder(
    {
      ...SAMPLE_CONTRACT,
      customer: { ...SAMPLE_CONTRACT.customer, country, business_id: businessId },
      pricing_table: {
        ...SAMPLE_CONTRACT.pricing_table!,
        items: vats.map((spec, i) => {
          const line = typeof spec === 'number' ? { vat: spec } : spec;
          return { ...SAMPLE_CONTRACT.pricing_table!.items[0]!, name: `Line ${i}`, vat_percent: line.vat, code: line.code ?? null, unit: line.unit ?? 'kpl' };
        }),
      },
    },
    options,
  );

/** The treatment of a contract to a customer in `country` whose lines have these VAT percents. */
const treat = (country: string, businessId: string | null, vats: LineSpec[], options: OrderOptions = {}) =>
  vatTreatment(order(country, businessId, vats, options), STATUSES).treatment;

describe('the VAT treatment of an invoice', () => {
  it('keeps a Finnish customer Domestic', () => {
    expect(treat('FI', '0737546-2', [25.5, 0])).toEqual({ vatStatus: 1, sentence: 'Domestic sale: VAT status 1 (Domestic).' });
  });

  it('gives services at 0 % to a Swedish business the reverse charge, its VAT number and the note EU law asks for', () => {
    const treatment = treat('SE', 'SE 556677889901', [0]);
    expect(treatment).toEqual(expect.objectContaining({ vatStatus: 19, buyerVatNumber: 'SE556677889901', note: euVatNote('services', 'SE556677889901') }));
    expect(treatment?.sentence).toBe('EU sale of services to SE556677889901: reverse charge, VAT status 19 (EU community sales (service)).');
  });

  it('gives goods at 0 % to a German business the intra-Community supply status', () => {
    const treatment = treat('DE', 'DE 136 695 976', [0], { foreignSales: 'goods' });
    expect(treatment).toEqual(expect.objectContaining({ vatStatus: 5, buyerVatNumber: 'DE136695976', note: euVatNote('goods', 'DE136695976') }));
    expect(treatment?.sentence).toBe('EU sale of goods to DE136695976: intra-Community supply, VAT status 5 (EU community sales (product)).');
  });

  it('marks 0 % sales outside the EU, with no VAT number needed', () => {
    expect(treat('US', 'EIN 12-3456789', [0])).toEqual({ vatStatus: 3, sentence: 'Sale outside the EU (United States): VAT status 3 (Outside of the EU).' });
  });

  it('keeps a foreign customer Domestic when every line charges VAT, and says so', () => {
    const sentence = expect.stringMatching(/^Sale to Sweden with VAT on every Pricing Table line: VAT status 1 \(Domestic\)/);
    expect(treat('SE', 'SE556677889901', [25.5], { foreignSales: 'goods' })).toEqual({ vatStatus: 1, sentence });
  });

  it('gives each row its own status when lines at 0 % and lines with VAT share an invoice', () => {
    const treatment = treat('SE', 'SE556677889901', [0, 25.5, 0]);
    expect(treatment).toEqual(expect.objectContaining({ vatStatus: 19, rowStatuses: [19, 1, 19] }));
    expect(treatment?.sentence).toContain('Pricing Table lines with VAT: VAT status 1 (Domestic)');
  });

  it("uses the step's VAT Status for the whole invoice, and refuses one the company does not have", () => {
    expect(vatTreatment(order('US', null, [0], { vatStatus: 1 }), STATUSES).treatment).toEqual({
      vatStatus: 1,
      sentence: 'VAT status 1 (Domestic), as chosen in VAT Status.',
    });
    expect(vatTreatment(order('US', null, [0], { vatStatus: 42 }), STATUSES).problems[0]).toContain('VAT Status 42 is not one of');
  });

  it('halts an EU sale without VAT when the VAT number is malformed or of another country, naming the field', () => {
    const problem = (businessId: string | null, country = 'SE') => vatTreatment(order(country, businessId, [0]), STATUSES).problems.join(' ');
    expect(problem('556677-8899')).toContain('"556677-8899" in Business ID is not an EU VAT number');
    expect(problem('SE556677889900')).toContain('is not a valid VAT number');
    expect(problem('DE136695976')).toContain("is a VAT number of Germany, but the customer's country is Sweden");
  });

  it('halts, naming the status to switch on, when the company has none that fits', () => {
    const withoutServices = STATUSES.filter((s) => s.kind !== 'euServices');
    expect(vatTreatment(order('SE', 'SE556677889901', [0]), withoutServices).problems.join(' ')).toContain(
      'no sales VAT status for EU sales of services ("EU community sales (service)", reverse charge), which Contract C-1042 needs. Switch it on in Procountor (Management → Accounting info → VAT defaults)',
    );
  });
});

const [DOMESTIC] = STATUSES as [SalesVatStatus];
const SWEDISH_VAT = 'SE556677889901';
const without = (kind: SalesVatStatus['kind']) => STATUSES.filter((s) => s.kind !== kind);

describe('rule: the status of a kind', () => {
  it("finds the company's status by what it means, whatever its number", () => {
    const renumbered = [{ id: 22, description: 'Palveluiden yhteisömyynti', kind: 'euServices' as const }, DOMESTIC];
    expect(statusOfKind(order('SE', null, [0]), renumbered, 'euServices')).toEqual({ value: renumbered[0] });
    expect(statusOfKind(order('SE', null, [0]), renumbered, 'domestic')).toEqual({ value: DOMESTIC });
  });

  it('names the status to switch on, where, and the order that needs it, when the company has none', () => {
    expect(statusOfKind(order('DE', null, [0]), without('euGoods'), 'euGoods')).toEqual({
      problem:
        'Your Procountor company has no sales VAT status for EU sales of goods ("EU community sales (product)"), which Contract C-1042 needs. Switch it on in Procountor (Management → Accounting info → VAT defaults), or pick the status in "VAT Status".',
    });
  });

  it('never takes a status whose meaning it does not know', () => {
    const unknown = [{ id: 1, description: 'Something else', kind: undefined }];
    expect(statusOfKind(order('FI', null, [25.5]), unknown, 'domestic').problem).toContain('no sales VAT status for domestic sales ("Domestic")');
  });
});

describe("rule: the lines' VAT", () => {
  it('marks the lines at 0 %, in line order, a line without its own VAT % taking the default', () => {
    expect(zeroRatedLines(order('SE', null, [0, 25.5, 0]))).toEqual([true, false, true]);
  });
});

describe('each line its own status: goods and services on one invoice', () => {
  const german = (options: OrderOptions = {}) =>
    treat(
      'DE',
      'DE136695976',
      [
        { vat: 0, code: 'LC-100' },
        { vat: 0, code: 'INST' },
      ],
      options,
    );

  it('gives goods the intra-Community supply and services the reverse charge, row by row, with both legal texts', () => {
    const treatment = german({ goodsCodes: ['LC-*'] });
    expect(treatment).toEqual(expect.objectContaining({ vatStatus: 5, rowStatuses: [5, 19], buyerVatNumber: 'DE136695976' }));
    expect(treatment?.note).toBe(`${euVatNote('goods', 'DE136695976')}\n${euVatNote('services', 'DE136695976')}`);
    expect(treatment?.sentence).toBe(
      'EU sale of goods to DE136695976: intra-Community supply, VAT status 5 (EU community sales (product)) for Pricing Table line 1; ' +
        'EU sale of services to DE136695976: reverse charge, VAT status 19 (EU community sales (service)) for Pricing Table line 2. ' +
        'Pricing Table line 1 is goods by product code LC-* in Goods Product Codes.',
    );
  });

  it('reads goods from the units the step lists, and leaves the other lines to What You Sell Abroad', () => {
    const treatment = treat(
      'DE',
      'DE136695976',
      [
        { vat: 0, unit: 'PCS' },
        { vat: 0, unit: 'h' },
      ],
      { goodsUnits: ['pcs'] },
    );
    expect(treatment?.rowStatuses).toEqual([5, 19]);
    expect(treatment?.sentence).toContain('Pricing Table line 1 is goods by unit "PCS" in Goods Units.');
  });

  it('takes a line item its own Kind before any rule', () => {
    const o = order('DE', 'DE136695976', [0, 0], { goodsUnits: ['kpl'] });
    o.lines[1]!.kind = 'services';
    expect(vatTreatment(o, STATUSES).treatment?.rowStatuses).toEqual([5, 19]);
  });

  it('halts naming each line that does not say what it sells, when the step asks every line to say', () => {
    const problems = vatTreatment(
      order('DE', 'DE136695976', [{ vat: 0, code: 'LC-100' }, 0, 0], { foreignSales: 'per_line', goodsCodes: ['LC-100'] }),
      STATUSES,
    ).problems;
    expect(problems).toEqual([
      expect.stringMatching(/^Pricing Table line 2 \("Line 1"\), Pricing Table line 3 \("Line 2"\) are at 0 % VAT to Germany, .*nothing says which they sell/),
    ]);
  });

  it('asks nothing of a line whose kind decides nothing: outside the EU, or charging VAT', () => {
    expect(vatTreatment(order('US', null, [0], { foreignSales: 'per_line' }), STATUSES).problems).toEqual([]);
    expect(vatTreatment(order('DE', 'DE136695976', [25.5], { foreignSales: 'per_line' }), STATUSES).problems).toEqual([]);
  });
});

describe('territories as the Directive places them', () => {
  it('treats Monaco as France (Article 7): EU treatment with the FR VAT number', () => {
    const treatment = treat('MC', 'FR40303265045', [0]);
    expect(treatment).toEqual(expect.objectContaining({ vatStatus: 19, buyerVatNumber: 'FR40303265045', note: euVatNote('services', 'FR40303265045') }));
    expect(treatment?.sentence).toBe(
      'EU sale of services to FR40303265045: reverse charge (Monaco counts as France, Article 7), VAT status 19 (EU community sales (service)).',
    );
  });

  it('invoices goods to an XI-registered Northern Ireland business as an intra-Community supply, its services outside the EU', () => {
    const goods = treat('XI', 'XI 980 7806 84', [0], { foreignSales: 'goods' });
    expect(goods).toEqual(expect.objectContaining({ vatStatus: 5, buyerVatNumber: 'XI980780684', note: euVatNote('goods', 'XI980780684') }));
    expect(goods?.sentence).toMatch(/^Sale of goods to Northern Ireland \(XI980780684\): intra-Community supply under the Windsor Framework/);
    const services = treat('XI', 'XI980780684', [0]);
    expect(services).toEqual(expect.objectContaining({ vatStatus: 3, buyerVatNumber: undefined, note: undefined }));
    expect(services?.sentence).toMatch(/^Sale of services to Northern Ireland, outside the EU for services: VAT status 3/);
  });

  it('checks an XI number by its check digits, and refuses a GB number for goods to Northern Ireland', () => {
    const problems = (id: string) => vatTreatment(order('XI', id, [0], { foreignSales: 'goods' }), STATUSES).problems.join(' ');
    expect(problems('XI980780685')).toContain('is not a valid VAT number (its check digits do not match)');
    expect(problems('GB980780684')).toContain('is not an EU VAT number');
  });

  it('halts services at 0 % to the Åland Islands, which carry Finnish VAT, and sends goods across the tax border', () => {
    expect(vatTreatment(order('AX', null, [0]), STATUSES).problems).toEqual([
      expect.stringMatching(/^Pricing Table line 1 \("Line 0"\): services sold to the Åland Islands from mainland Finland carry Finnish VAT/),
    ]);
    expect(treat('AX', null, [0], { foreignSales: 'goods' })).toEqual(
      expect.objectContaining({ vatStatus: 3, sentence: 'Sale of goods to the Åland Islands, across the tax border: VAT status 3 (Outside of the EU).' }),
    );
    expect(treat('AX', null, [25.5])?.vatStatus).toBe(1);
  });

  it('keeps the Isle of Man and the Channel Islands outside the EU', () => {
    for (const [iso, name] of [
      ['IM', 'Isle of Man'],
      ['JE', 'Jersey'],
      ['GG', 'Guernsey'],
    ]) {
      expect(treat(iso!, 'IM123', [0], { foreignSales: 'goods' })).toEqual(
        expect.objectContaining({ vatStatus: 3, sentence: `Sale outside the EU (${name}): VAT status 3 (Outside of the EU).` }),
      );
    }
  });

  it('halts on a country it cannot place instead of treating it as Finland', () => {
    const o = order('SE', null, [0]);
    o.customer.country = 'ATLANTIS' as never;
    expect(vatTreatment(o, STATUSES).problems).toEqual([expect.stringContaining('not one this app can place for VAT')]);
  });
});

describe('consumers and businesses abroad', () => {
  it('halts general services at 0 % to an EU consumer with the Article 45 advice, not a request for a VAT number', () => {
    const [problem] = vatTreatment(order('DE', null, [0]), STATUSES).problems;
    expect(problem).toMatch(
      /services at 0 % to a buyer in Germany with no VAT number, so a consumer\. General services to consumers in the EU carry Finnish VAT \(Article 45/,
    );
    expect(problem).toContain('through the OSS (Article 58)');
    expect(problem).toContain('or, if the buyer is a business, put its VAT number in Business ID in the proposal');
  });

  it('halts goods at 0 % to an EU consumer, naming the distance-sales threshold', () => {
    expect(vatTreatment(order('DE', null, [0], { foreignSales: 'goods' }), STATUSES).problems[0]).toContain(
      'Goods sold to consumers in the EU carry Finnish VAT until your distance sales pass the EU threshold',
    );
  });

  it('warns when a business abroad is charged Finnish VAT on services (Article 44), and makes the invoice', () => {
    const treatment = treat('DE', 'DE136695976', [25.5, 0]);
    expect(treatment?.rowStatuses).toEqual([1, 19]);
    expect(treatment?.warning).toMatch(/^Pricing Table line 1 \("Line 0"\) charges Finnish VAT on services to a business in Germany: .*Article 44/);
    expect(treat('US', 'EIN 12-3456789', [25.5])?.warning).toContain('to a business in United States');
    expect(treat('DE', null, [25.5])?.warning).toBeUndefined();
    expect(treat('DE', 'DE136695976', [25.5], { foreignSales: 'goods' })?.warning).toBeUndefined();
  });

  it('warns that a buyer outside the EU with no business ID may be a consumer, for whom only Article 59 services are outside EU VAT', () => {
    expect(treat('NO', null, [0])?.warning).toMatch(/^The buyer in Norway has no business ID, so may be a consumer: .*Article 59/);
    expect(treat('NO', 'NO923609016MVA', [0])?.warning).toBeUndefined();
  });
});

describe("rule: the step's chosen status", () => {
  it('uses it for the whole invoice and says it was chosen', () => {
    expect(chosenStatus(order('US', null, [0]), STATUSES, 3).treatment).toEqual(
      expect.objectContaining({ vatStatus: 3, sentence: 'VAT status 3 (Outside of the EU), as chosen in VAT Status.' }),
    );
  });

  it('adds the EU note and VAT number when the chosen status is an EU sale, and says which', () => {
    expect(chosenStatus(order('SE', SWEDISH_VAT, [0]), STATUSES, 19).treatment).toEqual({
      vatStatus: 19,
      note: euVatNote('services', SWEDISH_VAT),
      buyerVatNumber: SWEDISH_VAT,
      sentence: `VAT status 19 (EU community sales (service)), as chosen in VAT Status (EU sale of services to ${SWEDISH_VAT}: reverse charge).`,
    });
  });

  it('halts a status other than Domestic on lines that charge VAT, naming them', () => {
    expect(chosenStatus(order('SE', SWEDISH_VAT, [25.5, 0, 24]), STATUSES, 19).problems).toEqual([
      expect.stringMatching(
        /^VAT Status 19 · EU community sales \(service\) is not Domestic, so every Pricing Table line must be at 0 % VAT .* but Pricing Table line 1 \("Line 0"\), Pricing Table line 3 \("Line 2"\) charge VAT\./,
      ),
    ]);
    expect(chosenStatus(order('SE', SWEDISH_VAT, [25.5]), STATUSES, 1).problems).toEqual([]);
  });

  it('halts a chosen EU status for a customer outside the EU, or a consumer', () => {
    expect(chosenStatus(order('US', null, [0]), STATUSES, 19).problems[0]).toContain('is for EU sales of services, but the customer is in United States');
    expect(chosenStatus(order('SE', null, [0]), STATUSES, 19).problems[0]).toContain("needs the buyer's VAT number. Put it in Business ID in the proposal");
  });

  it('refuses a status the company does not have, listing the ones it has', () => {
    expect(chosenStatus(order('FI', null, [25.5]), STATUSES, 42).problems).toEqual([
      "VAT Status 42 is not one of your Procountor company's sales VAT statuses (1 · Domestic, 3 · Outside of the EU, 5 · EU community sales (product), 19 · EU community sales (service)). Pick one from the dropdown.",
    ]);
  });
});
