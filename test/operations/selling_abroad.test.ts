// Customers abroad through both invoice actions (create_unfinished_invoice, create_invoice), as Zapier runs them (the
// Lambda handler, and once the app tester), against the Procountor sandbox: the VAT status, the buyer's VAT number, the
// language and the currency each invoice gets; every bad input halting with the field named and nothing made; replays.
import { App, appTester } from '../support/app';
import { worldForEachTest, inTurn } from '../support/world';

const w = worldForEachTest();

const zeroRated = [
  { name: 'Consulting', code: 'CONS-1', description: null, quantity: 10, unit: 'h', unit_price: 1000, discount_percent: 0, vat_percent: 0 },
  { name: 'Workshop', code: 'WS-1', description: null, quantity: 1, unit: 'pv', unit_price: 5000, discount_percent: 0, vat_percent: 0 },
];
const customer = (country: string, business_id: string | null, company_name: string) => ({
  company_name,
  business_id,
  address: 'Storgatan 1',
  postal_code: '111 22',
  city: 'Stockholm',
  country,
  email: 'faktura@example.se',
});
const contractAbroad = (country: string, businessId: string | null, currency = 'EUR', items = zeroRated) =>
  w.acceptedContract({
    customer: customer(country, businessId, `Company in ${country}`),
    pricing_table: { currency, prices_include_vat: false, items },
  });
const invoiceOf = async (id: number) => (await w.state()).invoices.find((inv: any) => inv.id === id);

describe('Create Unfinished Invoice (from a Contract), customers abroad', () => {
  it('invoices a Swedish business in SEK with the reverse charge, its VAT number, Swedish and the accounting rate', async () => {
    const contract = await contractAbroad('SE', 'SE 5566778899 01', 'SEK');
    const run = await w.runInvoice({ contract_id: contract.id, invoice_date: '2026-11-24' });
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual(
      expect.objectContaining({
        vat_treatment: 'EU sale of services to SE556677889901: reverse charge, VAT status 19 (EU community sales (service)).',
        vat_status: 19,
        language: 'SWEDISH',
        language_chosen: "by the customer's country (Sweden)",
        currency: 'SEK',
        currency_rate: 11.2,
        currency_rate_note:
          "11.2 SEK per 1 EUR, Procountor's accounting exchange rate for 2026-11-24 (as your Procountor company's Basic company info names no other rate)",
        total: 15000,
        vat_total: 0,
        company_currency: 'EUR',
        total_in_company_currency: 1339.29,
      }),
    );
    const invoice = await invoiceOf(run.result!.invoice_id);
    expect(invoice).toEqual(
      expect.objectContaining({
        vatStatus: 19,
        language: 'SWEDISH',
        counterParty: expect.objectContaining({ identifier: 'SE556677889901', taxCode: 'SE556677889901' }),
        paymentInfo: expect.objectContaining({ currency: 'SEK', currencyRate: 11.2 }),
      }),
    );
    expect(invoice.additionalInformation).toMatch(
      /^Contract C-\d+: Website renewal 2027\nReverse charge: VAT is due from the buyer \(Article 196.*SE556677889901\. \[C2C:/,
    );
    expect(invoice.invoiceRows.map((row: any) => [row.unitPrice, row.vatPercent])).toEqual([
      [1000, 0],
      [5000, 0],
    ]);
    const [partner] = (await w.state()).businesspartners;
    expect(partner.invoicingInfo).toEqual(expect.objectContaining({ identifier: 'SE556677889901', identifierType: 'SE', language: 'SWEDISH' }));

    const replay = await w.runInvoice({ contract_id: contract.id, invoice_date: '2026-11-24' });
    expect(replay.result).toEqual(
      expect.objectContaining({ already_existed: true, invoice_id: run.result!.invoice_id, vat_status: 19, language: 'SWEDISH', currency_rate: 11.2 }),
    );
    expect(replay.result!.vat_treatment).toBe('VAT status 19 · EU community sales (service), as on the invoice an earlier run made.');
    expect(await w.madeCounts()).toEqual([1, 1, 2]);
  });

  it('invoices goods to a German business as an intra-Community supply, in English', async () => {
    const contract = await contractAbroad('DE', 'DE 136 695 976');
    const run = await w.runInvoice({ contract_id: contract.id, foreign_sales: 'goods' });
    expect(run.result).toEqual(expect.objectContaining({ vat_status: 5, language: 'ENGLISH', currency: 'EUR', currency_rate: 1, currency_rate_note: '' }));
    expect(run.result!.vat_treatment).toBe('EU sale of goods to DE136695976: intra-Community supply, VAT status 5 (EU community sales (product)).');
    const invoice = await invoiceOf(run.result!.invoice_id);
    expect(invoice.additionalInformation).toContain(
      "Intra-Community supply of goods, exempt from VAT (Article 138, Council Directive 2006/112/EC). Buyer's VAT number DE136695976.",
    );
  });

  it('invoices a US company at 0 % as a sale outside the EU, without asking for a VAT number', async () => {
    const contract = await contractAbroad('US', null);
    const run = await w.runInvoice({ contract_id: contract.id });
    expect(run.result).toEqual(
      expect.objectContaining({ vat_status: 3, language: 'ENGLISH', vat_treatment: 'Sale outside the EU (United States): VAT status 3 (Outside of the EU).' }),
    );
    expect((await invoiceOf(run.result!.invoice_id)).counterParty.taxCode).toBeNull();
  });

  it('gives each row its own status when a Swedish contract mixes lines at 0 % and lines with VAT', async () => {
    const contract = await contractAbroad('SE', 'SE556677889901', 'EUR', [zeroRated[0]!, { ...zeroRated[1]!, vat_percent: 25.5 }]);
    const run = await w.runInvoice({ contract_id: contract.id });
    expect(run.result!.vat_treatment).toContain('Pricing Table lines with VAT: VAT status 1 (Domestic)');
    const invoice = await invoiceOf(run.result!.invoice_id);
    expect([invoice.vatStatus, ...invoice.invoiceRows.map((row: any) => row.vatStatus)]).toEqual([19, 19, 1]);
  });

  it('finds the existing customer by its VAT number however it was stored', async () => {
    await w.procountor.control('seed', {
      businesspartners: [{ name: 'Svensk Konsult AB', invoicingInfo: { identifier: 'SE 556677-8899 01', identifierType: 'SE' } }],
    });
    const contract = await contractAbroad('SE', 'se556677889901');
    const run = await w.runInvoice({ contract_id: contract.id });
    expect(run.result).toEqual(expect.objectContaining({ customer_created: false, customer_name: 'Svensk Konsult AB' }));
  });

  it.each([
    [
      'no VAT number (a consumer: Finnish VAT on general services)',
      'SE',
      null,
      'so a consumer. General services to consumers in the EU carry Finnish VAT (Article 45',
    ],
    ['a national number', 'SE', '556677-8899', '"556677-8899" in Business ID is not an EU VAT number'],
    ['a VAT number whose check digits are wrong', 'SE', 'SE556677889900', 'is not a valid VAT number'],
    ["another country's VAT number", 'SE', 'DE136695976', "is a VAT number of Germany, but the customer's country is Sweden"],
  ])('halts an EU sale without VAT given %s, naming the field, with nothing made', async (_case, country, businessId, message) => {
    const contract = await contractAbroad(country, businessId);
    const run = await w.runInvoice({ contract_id: contract.id });
    expect(run.error).toEqual(expect.objectContaining({ name: 'HaltedError', message: expect.stringContaining(message) }));
    expect(await w.madeCounts()).toEqual([0, 0, 0]);
  });

  it('halts, naming the currency, when Procountor has no rate for it, with nothing made', async () => {
    const contract = await contractAbroad('SE', 'SE556677889901', 'ISK');
    const run = await w.runInvoice({ contract_id: contract.id, invoice_date: '2026-11-24' });
    expect(run.error).toEqual(
      expect.objectContaining({ name: 'HaltedError', message: expect.stringContaining('Procountor has no exchange rate for ISK against EUR on 2026-11-24') }),
    );
    expect(await w.madeCounts()).toEqual([0, 0, 0]);
  });

  it('halts, naming the status to switch on, when the company has no EU services status, with nothing made', async () => {
    await w.procountor.control('company', {
      vatStatuses: [
        { vatStatus: 1, description: 'Domestic' },
        { vatStatus: 5, description: 'EU community sales (product)' },
      ],
    });
    const contract = await contractAbroad('SE', 'SE556677889901');
    const run = await w.runInvoice({ contract_id: contract.id });
    expect(run.error?.message).toContain('Switch it on in Procountor (Management → Accounting info → VAT defaults), or pick the status in "VAT Status"');
    expect(await w.madeCounts()).toEqual([0, 0, 0]);
  });

  it('bases the rate on the company currency when the company keeps its books in SEK', async () => {
    await w.procountor.control('company', { currency: 'SEK' });
    const contract = await contractAbroad('DE', 'DE136695976', 'EUR');
    const run = await w.runInvoice({ contract_id: contract.id, invoice_date: '2026-11-24' });
    expect(run.result).toEqual(expect.objectContaining({ currency: 'EUR', company_currency: 'SEK', currency_rate: 0.089286 }));
  });
});

const STEP = 'creates.create_invoice.operation.perform';
const order = (over: Record<string, unknown> = {}) => ({
  unique_key: 'export-1',
  customer_name: 'Svensk Konsult AB',
  business_id: 'SE556677889901',
  country: 'SE',
  email: 'faktura@example.se',
  invoice_date: '2026-11-24',
  line_items: [{ name: 'Consulting', quantity: '10', unit: 'h', unit_price: '1000', vat_percent: '0' }],
  ...over,
});

describe('Create Unfinished Invoice (from Line Items), customers abroad', () => {
  it('takes the Currency input and the buying rate, through the app tester', async () => {
    const result = (await appTester(App.creates.create_invoice.operation.perform, {
      authData: w.authData,
      inputData: order({ currency: 'sek', exchange_rate_type: 'ACCOUNT_CURRENCY_BUYING_RATE' }),
    } as any)) as any;
    expect(result).toEqual(
      expect.objectContaining({
        vat_status: 19,
        language: 'SWEDISH',
        currency: 'SEK',
        currency_rate: 11.3344,
        currency_rate_note: '11.3344 SEK per 1 EUR, the account currency buying rate for 2026-11-24 (as chosen in Exchange Rate Type)',
      }),
    );
  });

  it("uses the step's VAT Status for the whole invoice and its Invoice Language, and makes one invoice when replayed", async () => {
    const runs = await inTurn(2, () => w.run(STEP, order({ vat_status: '5', language: 'ENGLISH' })));
    expect(runs[0]!.result).toEqual(
      expect.objectContaining({
        vat_status: 5,
        vat_treatment: 'VAT status 5 (EU community sales (product)), as chosen in VAT Status (EU sale of goods to SE556677889901: intra-Community supply).',
        language: 'ENGLISH',
        language_chosen: 'as chosen in Invoice Language',
      }),
    );
    expect(runs[1]!.result).toEqual(expect.objectContaining({ already_existed: true, vat_status: 5, language: 'ENGLISH' }));
    expect(await w.madeCounts()).toEqual([1, 1, 1]);
  });

  it('halts, naming the field, on a Currency Procountor does not know and on a VAT Status the company does not have', async () => {
    const badCurrency = await w.run(STEP, order({ currency: 'EURO' }));
    expect(badCurrency.error?.message).toContain('is priced in "EURO", which is not a currency code Procountor knows');
    expect(badCurrency.error?.message).toContain('Change the Currency field of this step.');
    const badStatus = await w.run(STEP, order({ vat_status: '42' }));
    expect(badStatus.error?.message).toContain("VAT Status 42 is not one of your Procountor company's sales VAT statuses (1 · Domestic, 3 · Outside of the EU");
    expect(await w.madeCounts()).toEqual([0, 0, 0]);
  });
});

describe('Approve and Send Invoice, for an invoice whose channel is No sending', () => {
  it('approves it, reports APPROVED and that Procountor sends nothing, never sends, and answers the same on a replay', async () => {
    const made = await w.run(
      STEP,
      order({
        business_id: '0737546-2',
        country: 'FI',
        invoice_channel: 'NO_SENDING',
        line_items: [{ name: 'Coffee', unit_price: '10', vat_percent: '25.5' }],
      }),
    );
    expect(made.error).toBeUndefined();
    const stats = await w.requestsDuring(async () => {
      const [first, again] = await inTurn(2, () => w.run('creates.send_invoice.operation.perform', { invoice_id: made.result!.invoice_id }));
      for (const outcome of [first, again]) {
        expect(outcome!.error).toBeUndefined();
        expect(outcome!.result).toEqual(
          expect.objectContaining({
            status: 'APPROVED',
            status_note: expect.stringContaining('Procountor sends nothing for an invoice whose channel is No sending'),
          }),
        );
      }
      expect(first!.result!.approved_now).toBe(true);
      expect(again!.result!.approved_now).toBe(false);
    });
    expect(stats.byRoute['PUT /invoices/{id}/send']).toBeUndefined();
    expect((await invoiceOf(made.result!.invoice_id)).status).toBe('APPROVED');
  });
});
