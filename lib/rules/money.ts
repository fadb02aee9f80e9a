// Money: amounts are rounded once, at the edge, to the cent, half away from zero (as Procountor rounds).

/** Rounds to `places` decimals, half away from zero, without binary drift: (8.06455, 4) -> 8.0646. */
export const roundDecimals = (amount: number, places: number): number => {
  if (!Number.isFinite(amount)) return amount;
  const sign = amount < 0 ? -1 : 1;
  const shifted = Number(`${Math.abs(amount)}e${places}`);
  const units = Number.isFinite(shifted) ? Math.round(shifted) : Math.round(Math.abs(amount) * 10 ** places);
  return (sign * units) / 10 ** places || 0;
};

/** Rounds to the cent without binary drift: 1.005 -> 1.01, -2.675 -> -2.68. */
export const roundCents = (amount: number): number => roundDecimals(amount, 2);

export interface PricedLine {
  quantity: number;
  unitPrice: number;
  discountPercent: number;
  vatPercent: number;
}

/** A line's net, VAT and gross amounts, each rounded once to the cent from the unrounded line value. */
export const lineAmounts = (line: PricedLine, pricesIncludeVat: boolean) => {
  const value = line.quantity * line.unitPrice * (1 - line.discountPercent / 100);
  const rate = line.vatPercent / 100;
  if (pricesIncludeVat) {
    const gross = roundCents(value);
    const net = roundCents(value / (1 + rate));
    return { net, vat: roundCents(gross - net), gross };
  }
  const net = roundCents(value);
  const vat = roundCents(value * rate);
  return { net, vat, gross: roundCents(net + vat) };
};

export const sumAmounts = (lines: Array<{ net: number; vat: number; gross: number }>) => {
  const cents = (pick: (l: { net: number; vat: number; gross: number }) => number) =>
    roundCents(lines.reduce((sum, l) => sum + Math.round(pick(l) * 100), 0) / 100);
  return { net: cents((l) => l.net), vat: cents((l) => l.vat), gross: cents((l) => l.gross) };
};

/**
 * An amount as Finns read it, "11 444,09 €"; Intl's no-break spaces become plain ones so it reads the same anywhere.
 * A currency Intl does not know (a mapped "€" or "euro") follows the amount as written; no amount reads as `missing`.
 */
export const formatMoney = (amount: number | null | undefined, currency = 'EUR', missing = '') => {
  if (amount === null || amount === undefined || !Number.isFinite(amount)) return missing;
  const fiFI = (options: Intl.NumberFormatOptions) => new Intl.NumberFormat('fi-FI', options).format(amount).replace(/[\u00a0\u202f]/g, ' ');
  try {
    return fiFI({ style: 'currency', currency });
  } catch {
    return `${fiFI({ minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${currency}`;
  }
};
