// Generated invoices against the VAT rules: mixed goods and services lines, at 0 % and with VAT, to customers in every
// kind of territory, businesses and consumers. Whatever is generated, the treatment is decided per line as
// reference/eu-vat-rules.md has it, or the step halts; never a row Procountor would refuse ("With any status other
// than Domestic, the VAT percent is 0").
import fc from 'fast-check';
import { contractToOrder } from '../../../lib/invoice/sources/contractOrder';
import { vatTreatment } from '../../../lib/invoice/treatment';
import { SAMPLE_CONTRACT } from '../../../lib/fields/contract';
import type { SalesVatStatus } from '../../../lib/procountor/vat';

const STATUSES: SalesVatStatus[] = [
  { id: 1, description: 'Domestic', kind: 'domestic' },
  { id: 3, description: 'Outside of the EU', kind: 'outsideEu' },
  { id: 5, description: 'EU community sales (product)', kind: 'euGoods' },
  { id: 19, description: 'EU community sales (service)', kind: 'euServices' },
];
const KIND_OF_STATUS = new Map(STATUSES.map((s) => [s.id, s.kind]));

/** Valid VAT numbers by VAT country (Monaco's buyers have French ones). */
const VAT_NUMBERS: Record<string, string> = { SE: 'SE556677889901', DE: 'DE136695976', FR: 'FR40303265045', XI: 'XI980780684' };
const TERRITORIES = ['FI', 'AX', 'SE', 'DE', 'FR', 'MC', 'XI', 'GB', 'IM', 'JE', 'NO', 'US'] as const;
const VAT_COUNTRY: Record<string, string> = { SE: 'SE', DE: 'DE', FR: 'FR', MC: 'FR', XI: 'XI' };

const line = fc.record({ vat: fc.constantFrom(0, 0, 25.5, 14), kind: fc.constantFrom('goods', 'services', undefined) });
const generated = fc.record({
  country: fc.constantFrom(...TERRITORIES),
  buyer: fc.constantFrom('own', 'none', 'other'),
  lines: fc.array(line, { minLength: 1, maxLength: 5 }),
  foreignSales: fc.constantFrom('services', 'goods', 'per_line', undefined),
});

interface Case {
  country: string;
  buyer: 'own' | 'none' | 'other';
  lines: Array<{ vat: number; kind: string | undefined }>;
  foreignSales: string | undefined;
}

const orderOf = (c: Case) => {
  const own = VAT_NUMBERS[VAT_COUNTRY[c.country] ?? ''] ?? 'ORG-12345';
  const businessId = c.buyer === 'own' ? own : c.buyer === 'other' ? (own === VAT_NUMBERS.SE ? VAT_NUMBERS.DE : VAT_NUMBERS.SE) : null;
  const order = contractToOrder(
    {
      ...SAMPLE_CONTRACT,
      customer: { ...SAMPLE_CONTRACT.customer, country: c.country, business_id: businessId },
      pricing_table: {
        ...SAMPLE_CONTRACT.pricing_table!,
        items: c.lines.map((l, i) => ({ ...SAMPLE_CONTRACT.pricing_table!.items[0]!, name: `Line ${i}`, vat_percent: l.vat })),
      },
    },
    { foreignSales: c.foreignSales as 'services' | 'goods' | 'per_line' | undefined },
  );
  c.lines.forEach((l, i) => (order.lines[i]!.kind = l.kind as 'goods' | 'services' | undefined));
  return order;
};

/** What a line at 0 % must become by the reference's table, or 'halt'. */
const expectedZeroRow = (c: Case, kind: string | undefined): string => {
  const k = kind ?? (c.foreignSales === 'per_line' ? undefined : (c.foreignSales ?? 'services'));
  if (c.country === 'FI') return 'domestic';
  if (['GB', 'IM', 'JE', 'NO', 'US'].includes(c.country)) return 'outsideEu';
  if (c.country === 'XI' && k === 'services') return 'outsideEu';
  if (!k) return 'halt';
  if (c.country === 'AX') return k === 'goods' ? 'outsideEu' : 'halt';
  if (c.buyer !== 'own') return 'halt'; // a consumer (Art. 45 / distance sales) or a VAT number of another state
  return k === 'goods' ? 'euGoods' : 'euServices';
};

describe('VAT per line, generated', () => {
  it('decides every row as the rules say, or halts; never VAT on a row that is not Domestic', () => {
    fc.assert(
      fc.property(generated, (c) => {
        const order = orderOf(c);
        const outcome = vatTreatment(order, STATUSES);
        const expected = c.lines.map((l) => (l.vat === 0 ? expectedZeroRow(c, l.kind) : 'domestic'));
        if (expected.includes('halt')) {
          expect(outcome.treatment).toBeUndefined();
          expect(outcome.problems.length).toBeGreaterThan(0);
          return;
        }
        expect(outcome.problems).toEqual([]);
        const t = outcome.treatment!;
        const rows = c.lines.map((_, i) => KIND_OF_STATUS.get(t.rowStatuses?.[i] ?? t.vatStatus));
        expect(rows).toEqual(expected);
        const eu = expected.filter((k) => k === 'euGoods' || k === 'euServices');
        expect(t.buyerVatNumber).toBe(eu.length ? VAT_NUMBERS[VAT_COUNTRY[c.country]!] : undefined);
        expect(t.note?.includes('Article 138') ?? false).toBe(eu.includes('euGoods'));
        expect(t.note?.includes('Article 196') ?? false).toBe(eu.includes('euServices'));
      }),
      { numRuns: 1000 },
    );
  });
});
