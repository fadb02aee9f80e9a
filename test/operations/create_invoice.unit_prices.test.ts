// Unit prices through Create Unfinished Invoice (from Line Items), against the Procountor sandbox: a price keeps the
// decimals Procountor stores, so the rows total what the source says; a negative price halts like a negative quantity.
import { lineItem, lineItemsOrder } from '../support/lineItems';
import { worldForEachTest } from '../support/world';

const STEP = 'creates.create_invoice.operation.perform';
const w = worldForEachTest();

describe('Create Unfinished Invoice (from Line Items), unit prices', () => {
  it('invoices 1,000 × 8.0645 € as 8,064.50 €, the row and the product keeping the price', async () => {
    const run = await w.run(STEP, lineItemsOrder({ line_items: [lineItem(1, { quantity: '1000', unit_price: '8,0645', vat_percent: '25.5' })] }));
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual(expect.objectContaining({ total_excluding_vat: 8064.5, text_adjusted: '' }));
    const { invoices, products } = await w.state();
    expect(invoices[0].invoiceRows[0]).toEqual(expect.objectContaining({ quantity: 1000, unitPrice: 8.0645 }));
    expect(invoices[0].invoiceSumInfo[0].excludingVatTotal).toBe(8064.5);
    expect(products[0].price).toBe(8.0645);
  });

  it('rounds a fifth decimal to four and says so in Text Adjusted', async () => {
    const run = await w.run(STEP, lineItemsOrder({ line_items: [lineItem(1, { quantity: '1000', unit_price: '8.06456', vat_percent: '25.5' })] }));
    expect(run.result!.total_excluding_vat).toBe(8064.6);
    expect(run.result!.text_adjusted).toBe(
      'line item 1 Unit Price 8.06456 became 8.0646 (Procountor keeps unit prices to 4 decimals); the row comes to 8064.60 instead of 8064.56.',
    );
  });

  it('halts on a negative unit price unless credit lines are allowed, making nothing', async () => {
    const order = lineItemsOrder({ line_items: [lineItem(1, { unit_price: '-12,50' })] });
    const refused = await w.run(STEP, order);
    expect(refused.error?.message).toContain('Line item 1 ("Coffee blend 1") has the Unit Price -12.5, below zero.');
    expect(await w.madeCounts()).toEqual([0, 0, 0]);
    const credit = await w.run(STEP, { ...order, allow_negative_quantities: 'true' });
    expect(credit.error).toBeUndefined();
    expect((await w.state()).invoices[0].invoiceRows[0]).toEqual(expect.objectContaining({ quantity: 2, unitPrice: -12.5 }));
  });
});
