import { formatMoney, lineAmounts, roundCents, roundDecimals, sumAmounts } from '../../../lib/rules/money';

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

describe('money, to a number of decimals', () => {
  it('rounds a unit price to four decimals half away from zero, without drift', () => {
    expect([roundDecimals(8.06455, 4), roundDecimals(-8.06455, 4), roundDecimals(8.0645, 4), roundDecimals(0.00004, 4)]).toEqual([8.0646, -8.0646, 8.0645, 0]);
    expect(roundDecimals(123456789.125, 2)).toBe(123456789.13);
  });
});

describe('money, to the cent', () => {
  it('rounds halves away from zero on both sides, and never gives -0', () => {
    expect([roundCents(0.125), roundCents(-0.125), roundCents(1.255), roundCents(8.345)]).toEqual([0.13, -0.13, 1.26, 8.35]);
    expect(Object.is(roundCents(-0.001), 0)).toBe(true);
  });

  it('leaves what is not a finite amount as it is', () => {
    expect(roundCents(Number.NaN)).toBeNaN();
    expect(roundCents(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
  });

  it('rounds each amount of a line once, from the unrounded line value', () => {
    // 3 × 0.333 = 0.999: the net is 1.00 and the VAT 0.24 (24 % of 0.999), not 24 % of a rounded unit price.
    expect(lineAmounts({ quantity: 3, unitPrice: 0.333, discountPercent: 0, vatPercent: 24 }, false)).toEqual({ net: 1, vat: 0.24, gross: 1.24 });
    expect(lineAmounts({ quantity: 1, unitPrice: 10, discountPercent: 0, vatPercent: 25.5 }, true)).toEqual({ net: 7.97, vat: 2.03, gross: 10 });
  });

  it('keeps a credit line negative on every amount', () => {
    expect(lineAmounts({ quantity: -1, unitPrice: 100, discountPercent: 0, vatPercent: 25.5 }, false)).toEqual({ net: -100, vat: -25.5, gross: -125.5 });
  });

  it('totals the lines as each is shown, in whole cents', () => {
    const line = { net: 0.1, vat: 0.2, gross: 0.3 };
    expect(sumAmounts([line, line, line])).toEqual({ net: 0.3, vat: 0.6, gross: 0.9 });
    // Three lines each shown as 0,00 € total 0,00 €, never the 0,01 € their unrounded sum would make.
    const tiny = { net: 0.004, vat: 0.004, gross: 0.004 };
    expect(sumAmounts([tiny, tiny, tiny])).toEqual({ net: 0, vat: 0, gross: 0 });
    expect(sumAmounts([])).toEqual({ net: 0, vat: 0, gross: 0 });
  });
});

describe('money as Finns read it', () => {
  it('groups thousands with a space and uses a decimal comma, in the currency given', () => {
    expect(formatMoney(11444.09)).toBe('11 444,09 €');
    expect(formatMoney(1234.5, 'SEK')).toBe('1 234,50 SEK');
  });

  it('writes a currency Intl does not know after the amount, as mapped', () => {
    expect(formatMoney(12, 'euro')).toBe('12,00 euro');
  });

  it('writes nothing, or what it is told, for a missing amount', () => {
    expect([formatMoney(null), formatMoney(undefined), formatMoney(Number.NaN, 'EUR', '–')]).toEqual(['', '', '–']);
  });
});
