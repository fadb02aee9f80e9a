// A foreign-currency contract through Create Unfinished Invoice, against the Procountor sandbox: the rate type follows
// the company's Basic company info (GET /company currencyRateSearchDensity), the step's Exchange Rate Type still wins,
// and the setting is read from the one GET /company the company data makes.
import { worldForEachTest } from '../support/world';

const w = worldForEachTest();

const sekContract = () =>
  w.acceptedContract({
    pricing_table: {
      currency: 'SEK',
      prices_include_vat: false,
      items: [{ name: 'Consulting', code: 'CONS-1', quantity: 10, unit: 'h', unit_price: 1000, discount_percent: 0, vat_percent: 25.5 }],
    },
  });

describe("Create Unfinished Invoice (from a Contract), the company's exchange rate setting", () => {
  it('takes the account currency buying rate for a company set to daily rates, and says why', async () => {
    await w.procountor.control('company', { currencyRateSearchDensity: 'DAILY_EXCHANGE_RATE' });
    const contract = await sekContract();
    let run: Awaited<ReturnType<typeof w.runInvoice>> | undefined;
    const requests = await w.requestsDuring(async () => {
      run = await w.runInvoice({ contract_id: contract.id, invoice_date: '2026-11-24' });
    });
    expect(run!.error).toBeUndefined();
    expect(run!.result).toEqual(
      expect.objectContaining({
        currency: 'SEK',
        currency_rate: 11.3344,
        currency_rate_note:
          '11.3344 SEK per 1 EUR, the account currency buying rate for 2026-11-24 (as your Procountor company uses daily exchange rates, and Procountor then takes the buying rate on sales invoices)',
      }),
    );
    expect((await w.state()).invoices[0].paymentInfo.currencyRate).toBe(11.3344);
    // The setting comes with the company's currency: one GET /company, and no GET /currencies/company.
    expect(requests.byRoute['GET /company']).toBe(1);
    expect(requests.byRoute['GET /currencies/company']).toBeUndefined();
  });

  it("keeps Procountor's accounting rate when the step asks for it, whatever the company's setting", async () => {
    await w.procountor.control('company', { currencyRateSearchDensity: 'LAST_DAY_OF_THE_MONTH' });
    const contract = await sekContract();
    const run = await w.runInvoice({ contract_id: contract.id, invoice_date: '2026-11-24', exchange_rate_type: 'PROCOUNTOR_ACCOUNTING_EXCHANGE_RATE' });
    expect(run.result).toEqual(
      expect.objectContaining({
        currency_rate: 11.2,
        currency_rate_note: "11.2 SEK per 1 EUR, Procountor's accounting exchange rate for 2026-11-24 (as chosen in Exchange Rate Type)",
      }),
    );
  });
});
