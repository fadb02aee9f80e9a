// An invoice's VAT treatment, rule by rule and as a whole: which status the invoice and its rows carry, the note EU law
// asks for, and the sentence that says why; or, when something is missing, the sentence that says what to fix.
import { contractToOrder } from '../../../lib/invoice/sources/contractOrder';
import type { OrderOptions } from '../../../lib/invoice/order';
import {
  alandServices,
  buyerVatNumber,
  chosenStatus,
  euSupply,
  rowStatuses,
  statusOfKind,
  vatOnEveryLine,
  vatTreatment,
  zeroRatedAbroad,
  zeroRatedKind,
  zeroRatedLines,
} from '../../../lib/invoice/treatment';
import { SAMPLE_CONTRACT } from '../../../lib/fields/contract';
import type { SalesVatStatus } from '../../../lib/procountor/vat';
import { euVatNote } from '../../../lib/rules/euVat';

const STATUSES: SalesVatStatus[] = [
  { id: 1, description: 'Domestic', kind: 'domestic' as const },
  { id: 3, description: 'Outside of the EU', kind: 'outsideEu' as const },
  { id: 5, description: 'EU community sales (product)', kind: 'euGoods' as const },
  { id: 19, description: 'EU community sales (service)', kind: 'euServices' as const },
];

const order = (country: string, businessId: string | null, vats: number[], options: OrderOptions = {}) =>
  contractToOrder(
    {
      ...SAMPLE_CONTRACT,
      customer: { ...SAMPLE_CONTRACT.customer, country, business_id: businessId },
      pricing_table: {
        ...SAMPLE_CONTRACT.pricing_table!,
        items: vats.map((vat_percent, i) => ({ ...SAMPLE_CONTRACT.pricing_table!.items[0]!, name: `Line ${i}`, vat_percent })),
      },
    },
    options,
  );

/** The treatment of a contract to a customer in `country` whose lines have these VAT percents. */
const treat = (country: string, businessId: string | null, vats: number[], options: OrderOptions = {}) =>
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
    expect(treat('US', null, [0])).toEqual({ vatStatus: 3, sentence: 'Sale outside the EU (United States): VAT status 3 (Outside of the EU).' });
  });

  it('keeps a foreign customer Domestic when every line charges VAT, and says so', () => {
    const sentence = expect.stringMatching(/^Sale to Sweden with VAT on every Pricing Table line: VAT status 1 \(Domestic\)/);
    expect(treat('SE', 'SE556677889901', [25.5])).toEqual({ vatStatus: 1, sentence });
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

  it('halts an EU sale without VAT when the VAT number is missing, malformed or of another country, naming the field', () => {
    const problem = (businessId: string | null, country = 'SE') => vatTreatment(order(country, businessId, [0]), STATUSES).problems.join(' ');
    expect(problem(null)).toContain("needs the buyer's VAT number. Put it in Business ID in the proposal");
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

  it('treats services to the Åland Islands as domestic sales, and says why', () => {
    expect(vatTreatment(order('AX', null, [0]), STATUSES).treatment?.sentence).toMatch(/^Sale of services to the Åland Islands: VAT status 1 \(Domestic\)/);
    expect(vatTreatment(order('AX', null, [0], { foreignSales: 'goods' }), STATUSES).treatment?.vatStatus).toBe(3);
  });
});

const [DOMESTIC, OUTSIDE_EU, , EU_SERVICES] = STATUSES as [SalesVatStatus, SalesVatStatus, SalesVatStatus, SalesVatStatus];
const without = (kind: SalesVatStatus['kind']) => STATUSES.filter((s) => s.kind !== kind);
const SWEDISH_VAT = 'SE556677889901';

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
  it('marks the lines at 0 %, in line order', () => {
    expect(zeroRatedLines(order('SE', null, [0, 25.5, 0, 10]))).toEqual([true, false, true, false]);
  });

  it("takes the order's default VAT for a line without its own, and counts a line with neither as charging VAT", () => {
    const noOwnVat = (options: OrderOptions) => {
      const o = order('SE', null, [25.5, 0], options);
      return { ...o, lines: o.lines.map((line, i) => (i === 0 ? { ...line, vatPercent: undefined } : line)) };
    };
    expect(zeroRatedLines(noOwnVat({ defaultVatPercent: 0 }))).toEqual([true, true]);
    expect(zeroRatedLines(noOwnVat({ defaultVatPercent: 25.5 }))).toEqual([false, true]);
    expect(zeroRatedLines(noOwnVat({}))).toEqual([false, true]);
  });

  it('gives each row its own status only when lines with VAT share the invoice', () => {
    expect(rowStatuses([true, false, true], EU_SERVICES, DOMESTIC)).toEqual([19, 1, 19]);
    expect(rowStatuses([true, true], OUTSIDE_EU, undefined)).toBeUndefined();
  });
});

describe("rule: the buyer's VAT number", () => {
  const vatNumber = (country: string, businessId: string | null) => buyerVatNumber(order(country, businessId, [0]), 'an EU sale of services');

  it('takes a VAT number of the customer’s country however it is written, in its one spelling', () => {
    expect(vatNumber('SE', ' se 5566-7788-9901 ')).toEqual({ value: SWEDISH_VAT });
    expect(vatNumber('GR', 'GR094259216')).toEqual({ value: 'EL094259216' });
  });

  it('asks for the VAT number when there is none, naming the field and where to fix it', () => {
    const missing =
      "Contract C-1042 is an EU sale of services to Sweden without VAT, which needs the buyer's VAT number. Put it in Business ID in the proposal (such as SE556677889901).";
    expect(vatNumber('SE', null)).toEqual({ problem: missing });
    const blank = order('SE', null, [0]);
    expect(buyerVatNumber({ ...blank, customer: { ...blank.customer, businessId: '   ' } }, 'an EU sale of services')).toEqual({ problem: missing });
  });

  it('refuses a number that is not an EU VAT number, an invalid one, and one of another country, each saying why', () => {
    expect(vatNumber('SE', '556677-8899')).toEqual({
      problem:
        '"556677-8899" in Business ID is not an EU VAT number; an EU sale of services to Sweden without VAT needs the buyer\'s, starting with its country code (such as SE556677889901). Correct Business ID in the proposal.',
    });
    expect(vatNumber('DE', 'DE123456789')).toEqual({
      problem: '"DE123456789" in Business ID is not a valid VAT number (its check digits do not match). Check it in Business ID in the proposal.',
    });
    expect(vatNumber('SE', 'DE 136 695 976')).toEqual({
      problem:
        '"DE 136 695 976" in Business ID is a VAT number of Germany, but the customer\'s country is Sweden. Correct the one that is wrong in the proposal.',
    });
  });
});

describe('rule: an EU supply', () => {
  it('prints reverse charge for services and the intra-Community supply for goods, with the buyer’s VAT number', () => {
    expect(euSupply(order('SE', SWEDISH_VAT, [0]), 'euServices')).toEqual({
      value: { note: euVatNote('services', SWEDISH_VAT), buyerVatNumber: SWEDISH_VAT, what: 'EU sale of services to SE556677889901: reverse charge' },
    });
    expect(euSupply(order('DE', 'DE136695976', [0]), 'euGoods')).toEqual({
      value: { note: euVatNote('goods', 'DE136695976'), buyerVatNumber: 'DE136695976', what: 'EU sale of goods to DE136695976: intra-Community supply' },
    });
  });

  it('passes on what is wrong with the VAT number, naming the kind of sale', () => {
    const supply = euSupply(order('DE', null, [0]), 'euGoods');
    expect(supply.value).toBeUndefined();
    expect(supply.problem).toMatch(/^Contract C-1042 is an EU sale of goods to Germany without VAT/);
  });
});

describe("rule: the step's chosen status", () => {
  it('uses it for the whole invoice and says it was chosen', () => {
    expect(chosenStatus(order('US', null, [0, 25.5]), STATUSES, 1)).toEqual({
      treatment: { vatStatus: 1, note: undefined, buyerVatNumber: undefined, sentence: 'VAT status 1 (Domestic), as chosen in VAT Status.' },
      problems: [],
    });
    const nameless = [{ id: 12, description: '', kind: undefined }];
    expect(chosenStatus(order('FI', null, [0]), nameless, 12).treatment?.sentence).toBe('VAT status 12, as chosen in VAT Status.');
  });

  it('adds the EU note and VAT number when the chosen status is an EU sale, and says which', () => {
    expect(chosenStatus(order('SE', SWEDISH_VAT, [25.5]), STATUSES, 19).treatment).toEqual({
      vatStatus: 19,
      note: euVatNote('services', SWEDISH_VAT),
      buyerVatNumber: SWEDISH_VAT,
      sentence: 'VAT status 19 (EU community sales (service)), as chosen in VAT Status (EU sale of services to SE556677889901: reverse charge).',
    });
  });

  it('halts a chosen EU status without a valid VAT number', () => {
    const outcome = chosenStatus(order('DE', null, [0]), STATUSES, 5);
    expect(outcome).toEqual({ problems: [expect.stringMatching(/^Contract C-1042 is an EU sale of goods to Germany without VAT/)] });
  });

  it('refuses a status the company does not have, listing the ones it has', () => {
    expect(chosenStatus(order('FI', null, [25.5]), STATUSES, 42)).toEqual({
      problems: [
        "VAT Status 42 is not one of your Procountor company's sales VAT statuses (1 · Domestic, 3 · Outside of the EU, 5 · EU community sales (product), 19 · EU community sales (service)). Pick one from the dropdown.",
      ],
    });
    expect(chosenStatus(order('FI', null, [25.5]), [], 1).problems[0]).toContain('sales VAT statuses (none)');
  });
});

describe('rule: VAT on every line', () => {
  it('is a domestic sale in Finland', () => {
    expect(vatOnEveryLine(order('FI', null, [25.5, 0]), STATUSES)).toEqual({
      treatment: { vatStatus: 1, sentence: 'Domestic sale: VAT status 1 (Domestic).' },
      problems: [],
    });
  });

  it('is Domestic abroad too, saying that Finnish VAT is charged', () => {
    expect(vatOnEveryLine(order('SE', SWEDISH_VAT, [25.5]), STATUSES).treatment?.sentence).toBe(
      'Sale to Sweden with VAT on every Pricing Table line: VAT status 1 (Domestic), as Contract C-1042 charges Finnish VAT.',
    );
  });

  it('halts when the company has no domestic status', () => {
    expect(vatOnEveryLine(order('FI', null, [25.5]), without('domestic'))).toEqual({
      problems: [expect.stringContaining('no sales VAT status for domestic sales ("Domestic")')],
    });
  });
});

describe('rule: services to the Åland Islands', () => {
  it('are domestic sales, and the sentence asks to check the lines at 0 %', () => {
    expect(alandServices(order('AX', null, [0]), STATUSES)).toEqual({
      treatment: {
        vatStatus: 1,
        sentence:
          'Sale of services to the Åland Islands: VAT status 1 (Domestic), as Finnish VAT law taxes services sold there as domestic sales; lines at 0 % keep 0 %, check them.',
      },
      problems: [],
    });
  });

  it('halt when the company has no domestic status', () => {
    expect(alandServices(order('AX', null, [0]), without('domestic')).problems).toHaveLength(1);
  });
});

describe('rule: the status lines at 0 % take abroad', () => {
  it.each([
    ['SE', {}, 'euServices'],
    ['SE', { foreignSales: 'services' as const }, 'euServices'],
    ['DE', { foreignSales: 'goods' as const }, 'euGoods'],
    ['GR', {}, 'euServices'],
    ['US', {}, 'outsideEu'],
    ['NO', { foreignSales: 'goods' as const }, 'outsideEu'],
    ['AX', { foreignSales: 'goods' as const }, 'outsideEu'],
  ])('to %s with %j: %s', (country, options, kind) => {
    expect(zeroRatedKind(order(country, null, [0], options))).toBe(kind);
  });
});

describe('rule: lines at 0 % abroad', () => {
  const abroad = (country: string, businessId: string | null, vats: number[], statuses = STATUSES, options: OrderOptions = {}) => {
    const o = order(country, businessId, vats, options);
    return zeroRatedAbroad(o, statuses, zeroRatedLines(o));
  };

  it('marks a sale outside the EU with no note, no VAT number and no row statuses', () => {
    expect(abroad('US', null, [0, 0])).toEqual({
      treatment: {
        vatStatus: 3,
        rowStatuses: undefined,
        note: undefined,
        buyerVatNumber: undefined,
        sentence: 'Sale outside the EU (United States): VAT status 3 (Outside of the EU).',
      },
      problems: [],
    });
  });

  it('gives lines with VAT the domestic status, row by row, and says so', () => {
    expect(abroad('US', null, [0, 25.5])).toEqual({
      treatment: expect.objectContaining({
        vatStatus: 3,
        rowStatuses: [3, 1],
        sentence:
          'Sale outside the EU (United States): VAT status 3 (Outside of the EU) for Pricing Table lines at 0 %; Pricing Table lines with VAT: VAT status 1 (Domestic).',
      }),
      problems: [],
    });
  });

  it('carries the EU note and VAT number for an EU sale, mixed lines included', () => {
    expect(abroad('DE', 'DE136695976', [25.5, 0], STATUSES, { foreignSales: 'goods' }).treatment).toEqual({
      vatStatus: 5,
      rowStatuses: [1, 5],
      note: euVatNote('goods', 'DE136695976'),
      buyerVatNumber: 'DE136695976',
      sentence:
        'EU sale of goods to DE136695976: intra-Community supply, VAT status 5 (EU community sales (product)) for Pricing Table lines at 0 %; Pricing Table lines with VAT: VAT status 1 (Domestic).',
    });
  });

  it('needs no domestic status when every line is at 0 %', () => {
    expect(abroad('SE', SWEDISH_VAT, [0], without('domestic')).treatment?.vatStatus).toBe(19);
  });

  it('lists every problem at once, in order: the status, the VAT number, the domestic status', () => {
    expect(abroad('SE', null, [0, 25.5], [])).toEqual({
      problems: [
        expect.stringContaining('no sales VAT status for EU sales of services'),
        expect.stringContaining("needs the buyer's VAT number"),
        expect.stringContaining('no sales VAT status for domestic sales'),
      ],
    });
  });

  it('halts on the VAT number alone when the statuses are all there', () => {
    expect(abroad('SE', '556677-8899', [0])).toEqual({ problems: [expect.stringContaining('is not an EU VAT number')] });
  });
});

describe('the VAT treatment: which rule decides', () => {
  it("lets the step's VAT Status decide over everything else, even a status numbered 0", () => {
    expect(treat('SE', null, [0], { vatStatus: 3 })?.sentence).toBe('VAT status 3 (Outside of the EU), as chosen in VAT Status.');
    expect(vatTreatment(order('FI', null, [25.5], { vatStatus: 0 }), STATUSES).problems).toEqual([expect.stringMatching(/^VAT Status 0 is not one of/)]);
  });

  it('keeps lines at 0 % to a Finnish customer Domestic, with no VAT number asked for', () => {
    expect(vatTreatment(order('FI', null, [0]), STATUSES)).toEqual({
      treatment: { vatStatus: 1, sentence: 'Domestic sale: VAT status 1 (Domestic).' },
      problems: [],
    });
  });

  it('treats the Åland Islands as abroad when every line charges VAT, and as domestic for services at 0 %', () => {
    expect(treat('AX', null, [25.5])?.sentence).toMatch(/^Sale to Åland Islands with VAT on every Pricing Table line/);
    expect(treat('AX', null, [0], { foreignSales: 'services' })?.sentence).toMatch(/^Sale of services to the Åland Islands/);
    expect(treat('AX', null, [0], { foreignSales: 'goods' })?.sentence).toBe('Sale outside the EU (Åland Islands): VAT status 3 (Outside of the EU).');
  });

  it('treats a customer whose country has no ISO code as Finnish', () => {
    const o = order('FI', null, [0]);
    const nowhere = { ...o, customer: { ...o.customer, country: 'NORTHERN_IRELAND_TEMPORARY' as typeof o.customer.country } };
    expect(vatTreatment(nowhere, STATUSES).treatment?.sentence).toBe('Domestic sale: VAT status 1 (Domestic).');
  });
});
