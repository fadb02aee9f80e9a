import { orderProblems } from '../../../lib/invoice/orderChecks';
import { lineItemsToOrder } from '../../../lib/invoice/sources/lineItemsOrder';
import { lineItem, lineItemsOrder } from '../../support/lineItems';

const orderWith = (over: Record<string, unknown>, allow = 'false') =>
  lineItemsToOrder(lineItemsOrder({ line_items: [lineItem(1, over)], allow_negative_quantities: allow }), {});

describe('negative unit prices, like negative quantities', () => {
  it('halts a line item with a unit price below zero, naming the line, the field and the switch', () => {
    expect(orderProblems(orderWith({ unit_price: '-12,50' }), undefined)).toEqual([
      'Line item 1 ("Coffee blend 1") has the Unit Price -12.5, below zero. Use a positive Unit Price, or turn on "Allow Negative Quantities (Credit Lines)" if this line is meant as a credit.',
    ]);
  });

  it('lets it through as a credit when the step allows negative quantities', () => {
    expect(orderProblems(orderWith({ unit_price: '-12,50' }, 'true'), undefined)).toEqual([]);
  });
});
