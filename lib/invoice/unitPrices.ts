// Unit prices as Procountor keeps them: to UNIT_PRICE_DECIMALS decimals, not to the cent, so the rows total what the
// source says (1,000 × 8.0645 € is 8,064.50 €). A price with more decimals is rounded once, here, and the change is
// said for the accountant (`text_adjusted`). Pure.
import { UNIT_PRICE_DECIMALS } from '../procountor/limits';
import { roundCents, roundDecimals } from '../rules/money';
import type { InvoiceOrder, OrderLine } from './order';

/** The unit price Procountor stores for this one. */
export const procountorUnitPrice = (price: number) => roundDecimals(price, UNIT_PRICE_DECIMALS);

const rowValue = (line: OrderLine, price: number) => roundCents(line.quantity * price * (1 - line.discountPercent / 100));

/** The order with every unit price as Procountor keeps it, and one sentence for each price that changed. */
export const fitUnitPrices = (order: InvoiceOrder): { order: InvoiceOrder; adjustments: string[] } => {
  const adjustments: string[] = [];
  const { words } = order;
  const lines = order.lines.map((line, i) => {
    const kept = procountorUnitPrice(line.unitPrice);
    if (!Number.isFinite(line.unitPrice) || kept === line.unitPrice) return line;
    const [before, after] = [rowValue(line, line.unitPrice), rowValue(line, kept)];
    const row = before === after ? '' : `; the row comes to ${after.toFixed(2)} instead of ${before.toFixed(2)}`;
    adjustments.push(
      `${words.lineNoun} ${i + 1} ${words.lineFields.unitPrice} ${line.unitPrice} became ${kept} (Procountor keeps unit prices to ${UNIT_PRICE_DECIMALS} decimals)${row}.`,
    );
    return { ...line, unitPrice: kept };
  });
  return { order: { ...order, lines }, adjustments };
};
