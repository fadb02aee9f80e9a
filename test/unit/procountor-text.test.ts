// Text bound for Procountor: Windows-1252 only, published lengths, every change listed; and answers read leniently.
import { z as zod } from 'zod';
import { fitsWindows1252, shortenAtWord, toWindows1252 } from '../../lib/procountor/charset';
import { fitOrderForProcountor } from '../../lib/invoice/fitText';
import { contractWords } from '../../lib/invoice/sources/contractOrder';
import type { InvoiceOrder } from '../../lib/invoice/order';
import { BusinessPartnerAnswer, InvoiceAnswer, ProductSearchResult } from '../../lib/procountor/schemas';
import { parseAnswer } from '../../lib/zapier/request';
import { procountorMaxRequestsPerSecond, procountorStepRequestsPerSecond } from '../../lib/zapier/config';

describe('Windows-1252', () => {
  it.each([
    ['Asiakas Oy – “Pääkonttori” ’s €5 … Å Ä Ö Š Ž œ ™', 'Asiakas Oy – “Pääkonttori” ’s €5 … Å Ä Ö Š Ž œ ™'],
    ['Łódź Sp. z o.o.', 'Lódz Sp. z o.o.'],
    ['Hosting 🚀', 'Hosting'],
    ['Website → renewal', 'Website -> renewal'],
    ['Kőszeg Ŕ čaj', 'Koszeg R caj'],
    ['zero\u200bwidth and narrow\u202fspace', 'zerowidth and narrow space'],
    ['👨‍👩‍👧 family 🇫🇮', 'family'],
    ['Ελλάδα', 'Ellada'],
  ])('%j becomes %j', (input, expected) => {
    const out = toWindows1252(input);
    expect(out).toBe(expected);
    expect(fitsWindows1252(out)).toBe(true);
  });

  it('leaves text Procountor can store exactly as it is', () => {
    const text = '  Two  spaces, tabs\tand\nlines stay  ';
    expect(toWindows1252(text)).toBe(text);
  });

  it('never leaves half an emoji or a lone surrogate', () => {
    const out = toWindows1252('a🚀b👍🏽c\u{1F3F3}\u{FE0F}\u{200D}\u{1F308}d');
    expect(out).toBe('abcd');
    expect(/[\uD800-\uDFFF]/.test(out)).toBe(false);
  });
});

describe('shortening', () => {
  it('cuts at a word boundary near the end, marks the cut, and stays within the limit', () => {
    const out = shortenAtWord('Annual maintenance of the customer portal including hosting and support', 40);
    expect(out).toBe('Annual maintenance of the customer…');
    expect(out.length).toBeLessThanOrEqual(40);
  });

  it('cuts a single long word where the room ends, never inside an emoji', () => {
    expect(shortenAtWord('x'.repeat(150), 100)).toHaveLength(100);
    const emoji = shortenAtWord('ab🚀🚀🚀🚀', 5);
    expect(emoji).toBe('ab🚀…');
  });

  it('returns text within the limit unchanged', () => {
    expect(shortenAtWord('Design sprint', 100)).toBe('Design sprint');
  });
});

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

describe('reading Procountor answers', () => {
  const fakeZ = {
    errors: {
      Error: class extends Error {
        constructor(
          message: string,
          readonly code?: string,
          readonly status?: number,
        ) {
          super(message);
        }
      },
    },
  } as any;

  it('takes null for every optional field and keeps unknown fields and values', () => {
    const partner = BusinessPartnerAnswer.parse({
      id: 5001,
      name: 'Asiakas Oy',
      type: 'CUSTOMER',
      registryInfo: null,
      address: { specifier: null, street: null },
      paymentInfo: { paymentTermDays: null },
      invoicingInfo: null,
      newField: 'added in 26.10',
      version: null,
    });
    expect(partner.registryInfo).toBeNull();
    expect(ProductSearchResult.parse({ results: null, meta: null }).results).toEqual([]);
    expect(InvoiceAnswer.parse({ id: 9001, status: 'SOME_NEW_STATUS', invoiceNumber: null, paymentInfo: null }).status).toBe('SOME_NEW_STATUS');
  });

  it('reports an unusable answer in one sentence naming the endpoint and the field, never an enum list', () => {
    const schema = zod.looseObject({ id: zod.number(), currency: zod.enum(['EUR', 'SEK', 'NOK', 'DKK', 'USD']) });
    const error = (() => {
      try {
        parseAnswer(fakeZ, schema, { id: 1, currency: 'XYZ' }, 'Procountor', 'POST /businesspartners');
      } catch (e) {
        return e as Error;
      }
    })()!;
    expect(error.message).toBe('Procountor\'s answer to POST /businesspartners could not be used: "currency" has a value Procountor does not accept.');
    expect(error.message).not.toContain('SEK');
    const missing = (() => {
      try {
        parseAnswer(fakeZ, schema, { currency: 'EUR' }, 'Procountor', 'POST /invoices');
      } catch (e) {
        return e as Error;
      }
    })()!;
    expect(missing.message).toBe('Procountor\'s answer to POST /invoices could not be used: "id" is missing.');
  });
});

describe("Procountor's rate limit", () => {
  afterEach(() => delete process.env.PROCOUNTOR_MAX_REQUESTS_PER_SECOND);

  it('keeps the published 20 a second by default, a step using 15 of them', () => {
    expect([procountorMaxRequestsPerSecond(), procountorStepRequestsPerSecond()]).toEqual([20, 15]);
  });

  it('lets a deployment raise it with PROCOUNTOR_MAX_REQUESTS_PER_SECOND, and ignores nonsense', () => {
    process.env.PROCOUNTOR_MAX_REQUESTS_PER_SECOND = '60';
    expect([procountorMaxRequestsPerSecond(), procountorStepRequestsPerSecond()]).toEqual([60, 45]);
    process.env.PROCOUNTOR_MAX_REQUESTS_PER_SECOND = 'fast';
    expect(procountorMaxRequestsPerSecond()).toBe(20);
  });
});
