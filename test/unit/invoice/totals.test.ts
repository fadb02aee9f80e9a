import { orderTotals } from '../../../lib/invoice/totals';
import { contractToOrder } from '../../../lib/invoice/sources/contractOrder';
import { SAMPLE_CONTRACT } from '../../../lib/fields/contract';
import type { Contract } from '../../../lib/click2contract/schemas';

const withHostingVat = (vat_percent: number | null, prices_include_vat = false): Contract => ({
  ...SAMPLE_CONTRACT,
  pricing_table: {
    ...SAMPLE_CONTRACT.pricing_table!,
    prices_include_vat,
    items: SAMPLE_CONTRACT.pricing_table!.items.map((item, i) => (i === 1 ? { ...item, vat_percent } : item)),
  },
});

describe('what an order invoices', () => {
  it('sums each line from its rounded amounts', () => {
    expect(orderTotals(contractToOrder(SAMPLE_CONTRACT, {}))).toEqual(
      expect.objectContaining({ net: 9118.8, vat: 2325.29, gross: 11444.09, linesWithoutVat: 0 }),
    );
  });

  it("gives a line without a VAT % the order's default VAT, as the invoice does", () => {
    const totals = orderTotals(contractToOrder(withHostingVat(null), { defaultVatPercent: 25.5 }));
    expect(totals).toEqual(expect.objectContaining({ net: 9118.8, vat: 2325.29, gross: 11444.09, linesWithoutVat: 0 }));
  });

  it('never counts a line without a known VAT at 0 %: only the side its prices are written in is known', () => {
    const net = orderTotals(contractToOrder(withHostingVat(null), {}));
    expect(net).toEqual(expect.objectContaining({ net: 9118.8, vat: null, gross: null, linesWithoutVat: 1 }));
    expect(net.lines[1]).toEqual({ net: 478.8, vat: null, gross: null });
    const gross = orderTotals(contractToOrder(withHostingVat(null, true), {}));
    expect(gross).toEqual(expect.objectContaining({ net: null, vat: null, gross: 9118.8 }));
  });

  it('totals unit prices as Procountor keeps them, to four decimals', () => {
    const contract = withHostingVat(25.5);
    contract.pricing_table!.items = [{ ...contract.pricing_table!.items[0]!, quantity: 1000, unit_price: 8.06456, discount_percent: 0 }];
    expect(orderTotals(contractToOrder(contract, {})).net).toBe(8064.6);
  });
});
