import { SAMPLE_CONTRACT } from '../../../lib/fields/contract';
import { contractWords } from '../../../lib/invoice/sources/contractOrder';
import { chooseChannel, paymentTermFrom, vatProblems } from '../../../lib/invoice/companyRules';

describe('invoice rules', () => {
  const words = contractWords(SAMPLE_CONTRACT);
  it('accepts 25.5/13.5/10/0 in 2026 and refuses 24 and 14, naming the line and the usable rates', () => {
    const rates = [25.5, 13.5, 10, 0];
    expect(
      vatProblems(
        [
          { name: 'A', vatPercent: 25.5 },
          { name: 'B', vatPercent: 13.5 },
          { name: 'C', vatPercent: 0 },
        ],
        rates,
        '2026-11-24',
        words,
      ),
    ).toEqual([]);
    const [problem] = vatProblems([{ name: 'Old rate', vatPercent: 24 }], [25.5, 24, 14, 13.5, 10, 0], '2026-11-24', words);
    expect(problem).toContain('Pricing Table line 1 ("Old rate") has VAT 24 %');
    expect(problem).toContain('25.5 %, 13.5 %, 10 %, 0 %');
  });

  it('accepts 24 before September 2024 and 14 before 2026, and refuses a rate the company does not use', () => {
    const all = [25.5, 24, 14, 13.5, 10, 0];
    expect(vatProblems([{ name: 'A', vatPercent: 24 }], all, '2024-08-31', words)).toEqual([]);
    expect(vatProblems([{ name: 'A', vatPercent: 24 }], all, '2024-09-01', words)).toHaveLength(1);
    expect(vatProblems([{ name: 'A', vatPercent: 14 }], all, '2025-12-31', words)).toEqual([]);
    expect(vatProblems([{ name: 'A', vatPercent: 14 }], all, '2026-01-01', words)).toHaveLength(1);
    expect(vatProblems([{ name: 'A', vatPercent: 20 }], [25.5, 20], '2026-11-24', words)).toEqual([]);
    expect(vatProblems([{ name: 'A', vatPercent: 23 }], all, '2026-11-24', words)).toHaveLength(1);
    expect(vatProblems([{ name: 'A', vatPercent: undefined }], all, '2026-11-24', words)[0]).toContain('has no VAT %');
  });

  it('picks e-invoice, then e-mail, then mail, unless a channel is chosen', () => {
    expect(chooseChannel(undefined, { einvoiceAddress: 'x', einvoiceOperator: 'y', email: 'e' })).toBe('ELECTRONIC_INVOICE');
    expect(chooseChannel(undefined, { einvoiceAddress: 'x', email: 'e' })).toBe('EMAIL');
    expect(chooseChannel(undefined, {})).toBe('MAIL');
    expect(chooseChannel('MAIL', { email: 'e' })).toBe('MAIL');
  });

  it("uses the chosen payment term, else the customer's, else 14 days", () => {
    expect(paymentTermFrom(30, '21')).toBe(30);
    expect(paymentTermFrom(undefined, '21')).toBe(21);
    expect(paymentTermFrom(undefined, undefined)).toBe(14);
    expect(paymentTermFrom(undefined, 'soon')).toBe(14);
  });
});
