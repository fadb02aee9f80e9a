import { fitUnitPrices, procountorUnitPrice } from '../../../lib/invoice/unitPrices';
import { lineItemsToOrder } from '../../../lib/invoice/sources/lineItemsOrder';
import { prepareOrder } from '../../../lib/invoice/prepare';
import { lineItem, lineItemsOrder } from '../../support/lineItems';

const orderOf = (unitPrice: string, quantity = '1000') =>
  lineItemsToOrder(lineItemsOrder({ line_items: [lineItem(1, { unit_price: unitPrice, quantity })] }), {});

describe('unit prices as Procountor keeps them', () => {
  it('keeps four decimals, so 1,000 × 8.0645 invoices 8,064.50 and nothing is said', () => {
    const { order, adjustments } = fitUnitPrices(orderOf('8.0645'));
    expect(order.lines[0]!.unitPrice).toBe(8.0645);
    expect(adjustments).toEqual([]);
  });

  it('rounds a fifth decimal once and says what the row then comes to', () => {
    const { order, adjustments } = fitUnitPrices(orderOf('8,06456'));
    expect(order.lines[0]!.unitPrice).toBe(8.0646);
    expect(adjustments).toEqual([
      'line item 1 Unit Price 8.06456 became 8.0646 (Procountor keeps unit prices to 4 decimals); the row comes to 8064.60 instead of 8064.56.',
    ]);
  });

  it('says a rounded price even when the row total stays the same', () => {
    expect(fitUnitPrices(orderOf('8.06451', '1')).adjustments).toEqual([
      'line item 1 Unit Price 8.06451 became 8.0645 (Procountor keeps unit prices to 4 decimals).',
    ]);
  });

  it('is what the prepared order carries, among the adjustments the step outputs', () => {
    const prepared = prepareOrder(orderOf('8.06456'), { invoiceDate: '2026-11-24' });
    expect(prepared.order.lines[0]!.unitPrice).toBe(8.0646);
    expect(prepared.adjustments).toEqual([expect.stringContaining('became 8.0646')]);
    expect(procountorUnitPrice(-0.00005)).toBe(-0.0001);
  });
});
