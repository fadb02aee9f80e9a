import { contractToOrder } from '../../../lib/invoice/sources/contractOrder';
import type { OrderOptions } from '../../../lib/invoice/order';
import { vatTreatment } from '../../../lib/invoice/treatment';
import { SAMPLE_CONTRACT } from '../../../lib/fields/contract';
import { euVatNote } from '../../../lib/rules/euVat';

const STATUSES = [
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
