// Contracts with text Procountor cannot take as written (its character set is Windows-1252; its lengths are
// published): each ends in a valid Unfinished invoice that lists what was adjusted, or in a halt that made nothing.
import { SAMPLE_CONTRACT } from '../../lib/fields/contract';
import { worldForEachTest } from '../support/world';

const w = worldForEachTest();

const customer = SAMPLE_CONTRACT.customer!;
const item = SAMPLE_CONTRACT.pricing_table!.items[0]!;
const table = (items: object[]) => ({ ...SAMPLE_CONTRACT.pricing_table, items });
const longName = 'Annual maintenance and continuous development of the customer extranet, including hosting, monitoring, backups';
const longDescription = Array.from({ length: 40 }, (_, i) => `Deliverable ${i + 1} as agreed.`).join(' ');

describe('text Procountor cannot take as written', () => {
  it('makes a valid Unfinished invoice from Polish and emoji names, a 150-character product name, an 800-character description and a title with →', async () => {
    expect(`${longName} and support`.length).toBeGreaterThan(100);
    expect(longDescription.length).toBeGreaterThan(800);
    const contract = await w.acceptedContract({
      title: 'Website → renewal 🚀',
      customer: { ...customer, company_name: 'Łódź Sp. z o.o.', business_id: null, country: 'PL', city: 'Łódź', contact_name: 'Zbigniew Łukasiewicz' },
      pricing_table: table([
        { ...item, name: 'Hosting 🚀', code: null },
        { ...item, name: `${longName} and support`, code: 'EXT-1', description: longDescription },
      ]),
    });
    const run = await w.runInvoice({ contract_id: contract.id, invoice_date: '2026-11-24' });
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual(expect.objectContaining({ status: 'UNFINISHED', customer_name: 'Lódz Sp. z o.o.' }));
    const adjusted: string = run.result!.text_adjusted;
    for (const expected of ['Łódź Sp. z o.o.', 'Hosting 🚀', 'shortened', 'invoice notes', 'Website -> renewal']) {
      expect(adjusted).toContain(expected);
    }

    const state = await w.state();
    expect(state.invoices).toHaveLength(1);
    const [invoice] = state.invoices;
    expect(invoice.counterParty.counterPartyAddress.name).toBe('Lódz Sp. z o.o.');
    expect(invoice.additionalInformation).toContain('Website -> renewal');
    expect(invoice.invoiceRows[0].product).toBe('Hosting');
    expect(invoice.invoiceRows[1].product.length).toBeLessThanOrEqual(100);
    expect(invoice.invoiceRows[1].explanationText.length).toBeLessThanOrEqual(512);
    expect(invoice.invoiceRows[1].explanationText.startsWith(`${longName} and support`)).toBe(true);
    expect(invoice.notes).toContain(longDescription);
    expect(state.products.map((p: any) => p.name)).toEqual(['Hosting', invoice.invoiceRows[1].product]);
  });

  it('halts and creates nothing when a name would be left with no character Procountor can store', async () => {
    const contract = await w.acceptedContract({ pricing_table: table([{ ...item, name: '🚀🚀🚀', code: null }]) });
    const run = await w.runInvoice({ contract_id: contract.id });
    expect(run.error).toEqual(
      expect.objectContaining({
        name: 'HaltedError',
        message: expect.stringContaining('Pricing Table line 1 name "🚀🚀🚀" has no characters Procountor can store'),
      }),
    );
    expect(await w.madeCounts()).toEqual([0, 0, 0]);
  });

  it('halts and creates nothing when the customer e-mail has a letter Procountor cannot store', async () => {
    const contract = await w.acceptedContract({ customer: { ...customer, email: 'łukasz@example.pl' } });
    const run = await w.runInvoice({ contract_id: contract.id });
    expect(run.error).toEqual(expect.objectContaining({ name: 'HaltedError', message: expect.stringContaining('łukasz@example.pl') }));
    expect(await w.madeCounts()).toEqual([0, 0, 0]);
  });

  it('finds the same invoice again on a replay of an adjusted contract', async () => {
    const contract = await w.acceptedContract({ customer: { ...customer, company_name: 'Kőszegi Kft' } });
    const first = await w.runInvoice({ contract_id: contract.id });
    const again = await w.runInvoice({ contract_id: contract.id });
    expect(again.result).toEqual(expect.objectContaining({ id: first.result!.id, already_existed: true }));
    expect((await w.state()).invoices).toHaveLength(1);
  });
});

describe('an Unfinished invoice Procountor has not numbered yet', () => {
  it('reads well in the output and in the built-in Slack alert', async () => {
    await w.procountor.control('faults', { unnumberedUnfinished: true });
    const contract = await w.acceptedContract();
    const run = await w.runInvoice({ contract_id: contract.id, slack_channel: '#invoices' });
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual(expect.objectContaining({ status: 'UNFINISHED', invoice_number: null }));
    const [message] = await w.slackMessages();
    expect(message.text).not.toMatch(/null|undefined|#\s/);
    expect(message.text).toContain('Asiakas Oy');
  });
});
