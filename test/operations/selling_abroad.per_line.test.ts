// VAT decided per line and per customer, through both invoice actions against the Procountor sandbox: goods and
// services on one invoice, the territories the VAT Directive names, consumers, a picked status that contradicts the
// lines, and status descriptions read by what they say. Each case is a row of issue 25's table; each failed before.
import { worldForEachTest } from '../support/world';
import { euVatNote } from '../../lib/rules/euVat';

const w = worldForEachTest();
const CONTRACT_STEP = 'creates.create_unfinished_invoice.operation.perform';
const LINES_STEP = 'creates.create_invoice.operation.perform';

const invoiceOf = async (id: number) => (await w.state()).invoices.find((inv: any) => inv.id === id);

const lineItemsOrder = (over: Record<string, unknown> = {}) => ({
  unique_key: 'cutter-1',
  customer_name: 'Laser Werke GmbH',
  business_id: 'DE136695976',
  street: 'Hauptstraße 1',
  postal_code: '10115',
  city: 'Berlin',
  country: 'DE',
  email: 'rechnung@example.de',
  invoice_date: '2026-11-24',
  line_items: [
    { name: 'Laser cutter LC-100', code: 'LC-100', quantity: '1', unit: 'kpl', unit_price: '48000', vat_percent: '0', kind: 'goods' },
    { name: 'Installation', code: 'INST', quantity: '16', unit: 'h', unit_price: '120', vat_percent: '0', kind: 'services' },
  ],
  ...over,
});

const contractFor = (customer: Record<string, unknown>, items: Array<Record<string, unknown>>) =>
  w.acceptedContract({
    customer: { company_name: 'Customer', address: 'Street 1', postal_code: '1000', city: 'City', email: 'ap@example.com', ...customer },
    pricing_table: { currency: 'EUR', prices_include_vat: false, items },
  });
const item = (name: string, code: string | null, unit: string, vat: number) => ({
  name,
  code,
  description: null,
  quantity: 1,
  unit,
  unit_price: 1000,
  discount_percent: 0,
  vat_percent: vat,
});

describe('goods and services on one invoice', () => {
  it('gives the laser cutter (goods) Art. 138 and its installation (services) Art. 196, row by row, both texts printed', async () => {
    const run = await w.run(LINES_STEP, lineItemsOrder());
    expect(run.error).toBeUndefined();
    const invoice = await invoiceOf(run.result!.invoice_id);
    expect(invoice.invoiceRows.map((r: any) => [r.vatPercent, r.vatStatus])).toEqual([
      [0, 5],
      [0, 19],
    ]);
    expect(invoice.additionalInformation).toContain(`${euVatNote('goods', 'DE136695976')}\n${euVatNote('services', 'DE136695976')}`);
    expect(run.result!.vat_treatment).toMatch(/^EU sale of goods to DE136695976: intra-Community supply, VAT status 5 .* for line item 1; EU sale of services/);
  });

  it('reads which Pricing Table lines are goods from Goods Product Codes, and says so in VAT Treatment', async () => {
    const contract = await contractFor({ country: 'DE', business_id: 'DE136695976' }, [
      item('Laser cutter', 'LC-100', 'kpl', 0),
      item('Installation', 'INST', 'h', 0),
    ]);
    const run = await w.run(CONTRACT_STEP, { contract_id: contract.id, goods_codes: 'LC-*' });
    const invoice = await invoiceOf(run.result!.invoice_id);
    expect(invoice.invoiceRows.map((r: any) => r.vatStatus)).toEqual([5, 19]);
    expect(run.result!.vat_treatment).toContain('Pricing Table line 1 is goods by product code LC-* in Goods Product Codes.');
  });

  it('halts naming the line whose kind decides its VAT when the step asks every line to say, with nothing made', async () => {
    const run = await w.run(
      LINES_STEP,
      lineItemsOrder({ foreign_sales: 'per_line', line_items: [{ name: 'Spare parts', quantity: '1', unit_price: '10', vat_percent: '0' }] }),
    );
    expect(run.error).toEqual(
      expect.objectContaining({ name: 'HaltedError', message: expect.stringContaining('Line item 1 ("Spare parts") is at 0 % VAT to Germany') }),
    );
    expect(await w.madeCounts()).toEqual([0, 0, 0]);
  });

  it('halts naming the line and Kind when a Kind is neither goods nor services', async () => {
    const lines = lineItemsOrder().line_items.map((l, i) => (i === 1 ? { ...l, kind: 'product' } : l));
    const run = await w.run(LINES_STEP, lineItemsOrder({ line_items: lines }));
    expect(run.error?.message).toContain('Line item 2 ("Installation"): Kind "product" is neither goods nor services');
  });
});

describe('territories', () => {
  it('treats a Monaco customer with an FR VAT number as French: services reverse-charged, the number on the invoice', async () => {
    const contract = await contractFor({ country: 'MC', business_id: 'FR40303265045' }, [item('Consulting', null, 'h', 0)]);
    const run = await w.run(CONTRACT_STEP, { contract_id: contract.id });
    expect(run.result).toEqual(expect.objectContaining({ vat_status: 19, vat_treatment: expect.stringContaining('Monaco counts as France, Article 7') }));
    const invoice = await invoiceOf(run.result!.invoice_id);
    expect(invoice.counterParty).toEqual(
      expect.objectContaining({ taxCode: 'FR40303265045', counterPartyAddress: expect.objectContaining({ country: 'MONACO' }) }),
    );
  });

  it('invoices goods to an XI-registered Northern Ireland business as an intra-Community supply, in English, not as Finland', async () => {
    const contract = await contractFor({ country: 'XI', business_id: 'XI980780684' }, [item('Laser cutter', 'LC-100', 'kpl', 0)]);
    const run = await w.run(CONTRACT_STEP, { contract_id: contract.id, foreign_sales: 'goods' });
    expect(run.result).toEqual(expect.objectContaining({ vat_status: 5, language: 'ENGLISH' }));
    const invoice = await invoiceOf(run.result!.invoice_id);
    expect(invoice.counterParty).toEqual(
      expect.objectContaining({ taxCode: 'XI980780684', counterPartyAddress: expect.objectContaining({ country: 'NORTHERN_IRELAND_TEMPORARY' }) }),
    );
    expect(invoice.additionalInformation).toContain('Intra-Community supply of goods');
  });

  it('invoices services to Northern Ireland as outside the EU', async () => {
    const contract = await contractFor({ country: 'XI', business_id: 'XI980780684' }, [item('Consulting', null, 'h', 0)]);
    const run = await w.run(CONTRACT_STEP, { contract_id: contract.id });
    expect(run.result).toEqual(
      expect.objectContaining({ vat_status: 3, vat_treatment: expect.stringMatching(/^Sale of services to Northern Ireland, outside the EU for services/) }),
    );
  });

  it('halts services at 0 % to the Åland Islands before anything is made', async () => {
    const contract = await contractFor({ country: 'AX', business_id: '1234567-1' }, [item('Consulting', null, 'h', 0)]);
    const run = await w.run(CONTRACT_STEP, { contract_id: contract.id });
    expect(run.error).toEqual(
      expect.objectContaining({
        name: 'HaltedError',
        message: expect.stringContaining('services sold to the Åland Islands from mainland Finland carry Finnish VAT'),
      }),
    );
    expect(await w.madeCounts()).toEqual([0, 0, 0]);
  });
});

describe('consumers, businesses and the picked status', () => {
  it('halts general services at 0 % to an EU consumer with the Article 45 advice, not a VAT-number request', async () => {
    const run = await w.run(
      LINES_STEP,
      lineItemsOrder({ business_id: '', line_items: [{ name: 'Consulting', quantity: '1', unit_price: '100', vat_percent: '0' }] }),
    );
    expect(run.error?.message).toContain('so a consumer. General services to consumers in the EU carry Finnish VAT (Article 45');
    expect(await w.madeCounts()).toEqual([0, 0, 0]);
  });

  it('makes the invoice and says in vat_warning when a business abroad is charged Finnish VAT on services', async () => {
    const run = await w.run(LINES_STEP, lineItemsOrder({ line_items: [{ name: 'Installation', quantity: '1', unit_price: '100', vat_percent: '25.5' }] }));
    expect(run.result).toEqual(
      expect.objectContaining({ vat_status: 1, vat_warning: expect.stringContaining('charges Finnish VAT on services to a business in Germany') }),
    );
    const domestic = await w.run(
      LINES_STEP,
      lineItemsOrder({
        unique_key: 'fi-1',
        business_id: '0737546-2',
        country: 'FI',
        line_items: [{ name: 'Installation', quantity: '1', unit_price: '100', vat_percent: '25.5' }],
      }),
    );
    expect(domestic.result?.vat_warning).toBe('');
  });

  it('halts a picked "EU community sales (service)" status on lines at 25.5 %, with nothing made', async () => {
    const run = await w.run(
      LINES_STEP,
      lineItemsOrder({ vat_status: '19', line_items: [{ name: 'Installation', quantity: '1', unit_price: '100', vat_percent: '25.5' }] }),
    );
    expect(run.error?.message).toMatch(/VAT Status 19 · EU community sales \(service\) is not Domestic, so every line item must be at 0 % VAT/);
    expect(await w.madeCounts()).toEqual([0, 0, 0]);
  });

  it('never reads "Non-EU service sales" as the EU services status', async () => {
    await w.procountor.control('company', {
      vatStatuses: [
        { vatStatus: 1, description: 'Domestic', sales: true },
        { vatStatus: 40, description: 'Non-EU service sales', sales: true },
        { vatStatus: 19, description: 'EU community sales (service)', sales: true },
      ],
    });
    const eu = await w.run(LINES_STEP, lineItemsOrder({ line_items: [{ name: 'Consulting', quantity: '1', unit_price: '100', vat_percent: '0' }] }));
    expect(eu.result?.vat_status).toBe(19);
    const outside = await w.run(
      LINES_STEP,
      lineItemsOrder({
        unique_key: 'us-1',
        country: 'US',
        business_id: 'EIN 12-3456789',
        line_items: [{ name: 'Consulting', quantity: '1', unit_price: '100', vat_percent: '0' }],
      }),
    );
    expect(outside.result?.vat_status).toBe(40);
  });
});
