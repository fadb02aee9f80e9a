// An existing Procountor customer's own data through Create Unfinished Invoice (from a Contract), against the Procountor
// sandbox: the invoicing language, country and VAT number stored for the customer win over the defaults a contract
// leaves to the app, and each one taken is said; what the contract or the step gives still wins.
import { worldForEachTest } from '../support/world';

const w = worldForEachTest();

const zeroRated = [{ name: 'Consulting', code: 'CONS-1', quantity: 10, unit: 'h', unit_price: 1000, discount_percent: 0, vat_percent: 0 }];
const withVat = [{ name: 'Consulting', code: 'CONS-1', quantity: 10, unit: 'h', unit_price: 1000, discount_percent: 0, vat_percent: 25.5 }];
const customer = (name: string, over: Record<string, unknown> = {}) => ({
  company_name: name,
  business_id: null,
  address: 'Storgatan 1',
  postal_code: '111 22',
  city: 'Stockholm',
  country: null,
  email: 'faktura@example.se',
  ...over,
});
const seedPartner = (name: string, country: string, invoicingInfo: Record<string, unknown>) =>
  w.procountor.control('seed', { businesspartners: [{ name, address: { name, country }, invoicingInfo }] });
const contractFor = (who: Record<string, unknown>, items = zeroRated) =>
  w.acceptedContract({ customer: who, pricing_table: { currency: 'EUR', prices_include_vat: false, items } });
const invoiceOf = async (id: number) => (await w.state()).invoices.find((inv: any) => inv.id === id);

describe('Create Unfinished Invoice (from a Contract), the customer as Procountor has it', () => {
  it('invoices a stored Swedish customer, on a contract without country or VAT number, as the EU sale it is, in Swedish', async () => {
    await seedPartner('Svensk Kund AB', 'SWEDEN', { identifier: 'SE556677889901', identifierType: 'SE', language: 'SWEDISH' });
    const contract = await contractFor(customer('Svensk Kund AB'));
    const run = await w.runInvoice({ contract_id: contract.id });
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual(
      expect.objectContaining({
        customer_created: false,
        vat_status: 19,
        language: 'SWEDISH',
        language_chosen: 'as stored for the customer in Procountor',
        vat_treatment:
          'EU sale of services to SE556677889901: reverse charge, VAT status 19 (EU community sales (service)). ' +
          "The customer's country (Sweden) and Business ID SE556677889901, as stored for the customer in Procountor.",
      }),
    );
    const invoice = await invoiceOf(run.result!.invoice_id);
    expect(invoice.counterParty).toEqual(
      expect.objectContaining({ taxCode: 'SE556677889901', counterPartyAddress: expect.objectContaining({ country: 'SWEDEN' }) }),
    );
    expect(await w.madeCounts()).toEqual([1, 1, 1]);
  });

  it('writes a Swedish-speaking Finnish firm its invoice in Swedish, the language stored for it', async () => {
    await seedPartner('Oy Kundföretag Ab', 'FINLAND', { identifier: '0737546-2', identifierType: 'YHD', language: 'SWEDISH' });
    const contract = await contractFor(customer('Oy Kundföretag Ab', { business_id: '0737546-2' }), withVat);
    const run = await w.runInvoice({ contract_id: contract.id });
    expect(run.result).toEqual(
      expect.objectContaining({
        vat_status: 1,
        language: 'SWEDISH',
        language_chosen: 'as stored for the customer in Procountor',
        vat_treatment: 'Domestic sale: VAT status 1 (Domestic).',
      }),
    );
    expect((await invoiceOf(run.result!.invoice_id)).language).toBe('SWEDISH');
  });

  it("keeps the contract's own country and the step's Invoice Language over the customer's record", async () => {
    await seedPartner('Svensk Kund AB', 'SWEDEN', { language: 'SWEDISH' });
    const contract = await contractFor(customer('Svensk Kund AB', { country: 'FI' }), withVat);
    const run = await w.runInvoice({ contract_id: contract.id, language: 'ENGLISH' });
    expect(run.result).toEqual(
      expect.objectContaining({
        language: 'ENGLISH',
        language_chosen: 'as chosen in Invoice Language',
        vat_treatment: 'Domestic sale: VAT status 1 (Domestic).',
      }),
    );
    expect((await invoiceOf(run.result!.invoice_id)).counterParty.counterPartyAddress.country).toBe('FINLAND');
  });
});
