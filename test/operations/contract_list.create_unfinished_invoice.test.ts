// The Contract dropdown (contract_list) and Create Unfinished Invoice read a contract through one line mapper: the
// total a Zap builder is shown is the total Procountor invoices, and a line without a VAT % (which takes the step's
// Default VAT % on the invoice) is never shown at 0 %.
import { worldForEachTest } from '../support/world';

const CONTRACTS = 'triggers.contract_list.operation.perform';
const w = worldForEachTest();

const items = [
  { name: 'Design sprint', code: 'DS-01', quantity: 2, unit: 'week', unit_price: 4800, discount_percent: 10, vat_percent: 25.5 },
  { name: 'Hosting, 12 months', code: null, quantity: 12, unit: 'month', unit_price: 39.9, discount_percent: 0, vat_percent: null },
];
const listedAndInvoiced = async (pricesIncludeVat: boolean) => {
  const contract = await w.acceptedContract({ pricing_table: { currency: 'EUR', prices_include_vat: pricesIncludeVat, items } });
  const listed = await w.run<any[]>(CONTRACTS, {}, { meta: { page: 0 } });
  const run = await w.runInvoice({ contract_id: contract.id, default_vat_percent: '25.5' });
  expect(run.error).toBeUndefined();
  const [invoice] = (await w.state()).invoices;
  return { choice: listed.result!.find((c) => c.id === contract.id), sums: invoice.invoiceSumInfo[0] };
};

describe('the Contract dropdown and the invoice made of the contract', () => {
  it('shows the net total invoiced, "+ VAT", when a line of net prices waits for the Default VAT %', async () => {
    const { choice, sums } = await listedAndInvoiced(false);
    expect(sums.excludingVatTotal).toBe(9118.8);
    expect(choice.total_including_vat).toBeNull();
    expect(choice.label).toMatch(/ · 9 118,80 € \+ VAT$/);
  });

  it('shows the total including VAT invoiced when the prices include VAT', async () => {
    const { choice, sums } = await listedAndInvoiced(true);
    expect(choice.total_including_vat).toBe(sums.invoiceSumTotal);
    expect(choice.label).toMatch(/ · 9 118,80 €$/);
  });
});
