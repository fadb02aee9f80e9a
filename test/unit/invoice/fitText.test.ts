import { fitOrderForProcountor } from '../../../lib/invoice/fitText';
import { contractWords } from '../../../lib/invoice/sources/contractOrder';
import type { InvoiceOrder } from '../../../lib/invoice/order';

const CONTRACT_WORDS = contractWords({ id: 'ctr_1', number: 'C-1', status: 'accepted' } as Parameters<typeof contractWords>[0]);
const order = (over: Partial<InvoiceOrder> = {}): InvoiceOrder => ({
  idempotencyKey: 'C2C:ctr_1',
  heading: 'Contract C-1: Website → renewal',
  agreementNumber: 'C-1',
  customer: { name: 'Łódź Sp. z o.o.', businessId: 'PL5260250274', country: 'POLAND', city: 'Łódź', email: 'faktury@lodz.pl' },
  lines: [{ name: 'Hosting 🚀', quantity: 1, unit: 'month', unitPrice: 40, discountPercent: 0, vatPercent: 25.5 }],
  pricesIncludeVat: false,
  currency: 'EUR',
  options: {},
  words: CONTRACT_WORDS,
  lineRules: { allowNegativeQuantities: true, unknownUnitsAsPiece: true },
  ...over,
});

describe('fitting an order for Procountor', () => {
  it('transliterates and drops what Windows-1252 lacks, listing every change', () => {
    const { order: fitted, adjustments, problems } = fitOrderForProcountor(order());
    expect(problems).toEqual([]);
    expect(fitted.customer.name).toBe('Lódz Sp. z o.o.');
    expect(fitted.customer.city).toBe('Lódz');
    expect(fitted.lines[0]!.name).toBe('Hosting');
    expect(fitted.heading).toBe('Contract C-1: Website -> renewal');
    expect(adjustments).toEqual([
      expect.stringContaining('Customer company name: "Łódź Sp. z o.o." became "Lódz Sp. z o.o."'),
      expect.stringContaining('Customer City'),
      expect.stringContaining('Pricing Table line 1 name: "Hosting 🚀" became "Hosting"'),
      expect.stringContaining('Title'),
    ]);
  });

  it('lists nothing for an order that already fits', () => {
    const plain = order({ heading: 'Contract C-1', customer: { name: 'Asiakas Oy', country: 'FINLAND' }, lines: [{ ...order().lines[0]!, name: 'Hosting' }] });
    expect(fitOrderForProcountor(plain)).toEqual({ order: plain, adjustments: [], problems: [] });
  });

  it('shortens a 150-character product name at a word, keeping the full name in the row text', () => {
    const long = `${'Premium support package '.repeat(6)}end`.slice(0, 150);
    const { order: fitted, adjustments } = fitOrderForProcountor(order({ lines: [{ ...order().lines[0]!, name: long, description: 'Monthly' }] }));
    expect(fitted.lines[0]!.name.length).toBeLessThanOrEqual(100);
    expect(fitted.lines[0]!.name.endsWith('…')).toBe(true);
    expect(fitted.lines[0]!.description).toBe(`${long}\nMonthly`);
    expect(adjustments.join(' ')).toContain("the full name is in the row's explanation text");
  });

  it('shortens an 800-character description to 512, keeping the full text in the invoice notes', () => {
    const description = 'Scope of work. '.repeat(54).trim();
    expect(description.length).toBeGreaterThan(800);
    const { order: fitted, adjustments } = fitOrderForProcountor(
      order({ lines: [{ ...order().lines[0]!, name: 'Consulting', description }], options: { notes: 'PO 42' } }),
    );
    expect(fitted.lines[0]!.description!.length).toBeLessThanOrEqual(512);
    expect(fitted.options.notes).toContain('PO 42');
    expect(fitted.options.notes).toContain(`Pricing Table line 1 (Consulting): ${description}`);
    expect(adjustments.join(' ')).toContain('the full text is in the invoice notes');
  });

  it('halts, naming the field, when a name would become empty or an e-mail cannot be stored', () => {
    const { problems } = fitOrderForProcountor(order({ customer: { name: '北', country: 'CHINA' }, lines: [{ ...order().lines[0]!, name: '🚀🚀' }] }));
    expect(problems).toEqual([expect.stringContaining('Pricing Table line 1 name "🚀🚀" has no characters Procountor can store')]);
    const email = fitOrderForProcountor(order({ customer: { ...order().customer, email: 'łukasz@example.pl' } }));
    expect(email.problems).toEqual([expect.stringContaining('Customer e-mail "łukasz@example.pl" has characters Procountor cannot store')]);
  });
});
