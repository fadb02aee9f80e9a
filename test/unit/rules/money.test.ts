import { lineAmounts, roundCents } from '../../../lib/rules/money';

describe('money', () => {
  it('rounds half away from zero without binary drift', () => {
    expect(roundCents(1.005)).toBe(1.01);
    expect(roundCents(-2.675)).toBe(-2.68);
    expect(roundCents(0.1 + 0.2)).toBe(0.3);
  });

  it('computes a line from net prices and from prices including VAT', () => {
    expect(lineAmounts({ quantity: 2, unitPrice: 4800, discountPercent: 10, vatPercent: 25.5 }, false)).toEqual({ net: 8640, vat: 2203.2, gross: 10843.2 });
    expect(lineAmounts({ quantity: 1, unitPrice: 125.5, discountPercent: 0, vatPercent: 25.5 }, true)).toEqual({ net: 100, vat: 25.5, gross: 125.5 });
  });
});
