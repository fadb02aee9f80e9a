// What an order invoices: each line's amounts and the sums, from the prices and VAT its invoice rows get (unit prices
// as Procountor keeps them, a line without a VAT % at the order's default). Where that VAT is not known (no line VAT
// and no default, as in a trigger, before any step's Default VAT % applies), only the side the prices are written in is
// known: the net of net prices, the gross of gross prices; the rest is null, never a guess. Pure.
import { lineAmounts, roundCents } from '../rules/money';
import type { InvoiceOrder } from './order';
import { lineVat } from './prepare';
import { fitUnitPrices } from './unitPrices';

export interface Amounts {
  net: number | null;
  vat: number | null;
  gross: number | null;
}

const sumOf = (lines: Amounts[], pick: (line: Amounts) => number | null) => {
  const values = lines.map(pick);
  if (values.some((value) => value === null)) return null;
  return roundCents((values as number[]).reduce((sum, value) => sum + Math.round(value * 100), 0) / 100);
};

/** Each line's amounts, their sums, and how many lines have no VAT % the order knows. */
export const orderTotals = (order: InvoiceOrder) => {
  const priced = fitUnitPrices(order).order;
  const lines = priced.lines.map((line): Amounts => {
    const vatPercent = lineVat(priced, line);
    if (vatPercent !== undefined) return lineAmounts({ ...line, vatPercent }, priced.pricesIncludeVat);
    const value = roundCents(line.quantity * line.unitPrice * (1 - line.discountPercent / 100));
    return priced.pricesIncludeVat ? { net: null, vat: null, gross: value } : { net: value, vat: null, gross: null };
  });
  return {
    lines,
    net: sumOf(lines, (l) => l.net),
    vat: sumOf(lines, (l) => l.vat),
    gross: sumOf(lines, (l) => l.gross),
    linesWithoutVat: priced.lines.filter((line) => lineVat(priced, line) === undefined).length,
  };
};
