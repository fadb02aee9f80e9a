// Credit Invoice: a sent invoice gets one credit note, an invoice not yet sent is invalidated, against the Procountor
// sandbox through the Lambda-handler runtime.
import { worldForEachTest } from '../support/world';

const w = worldForEachTest();
const CREDIT = 'creates.credit_invoice.operation.perform';

/** A contract's invoice, Unfinished, or sent when `send`. */
const contractInvoice = async (send: boolean) => {
  const contract = await w.acceptedContract();
  const made = await w.runInvoice({ contract_id: contract.id, invoice_date: '2026-11-24' });
  expect(made.error).toBeUndefined();
  const id = made.result!.invoice_id as number;
  if (send) expect((await w.run('creates.send_invoice.operation.perform', { invoice_id: id })).result!.status).toBe('SENT');
  return { contract, id };
};

const invoiceIn = async (id: number) => (await w.state()).invoices.find((inv: any) => inv.id === id);

describe('Credit Invoice', () => {
  it('credits a sent invoice with an Unfinished credit note of its rows negated, naming its number and the reason, not its contract', async () => {
    const { contract, id } = await contractInvoice(true);
    const run = await w.run(CREDIT, { invoice_id: String(id), reason: 'Sopimus peruttu' });
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual(expect.objectContaining({ invoice_id: id, action: 'credited', status: 'UNFINISHED', already_existed: false }));
    const original = await invoiceIn(id);
    const note = await invoiceIn(run.result!.credit_invoice_id);
    expect(run.result!.credit_invoice_number).toBe(note.invoiceNumber);
    expect(note.invoiceRows.map((r: any) => [r.product, r.quantity, r.unitPrice, r.vatPercent, r.discountPercent])).toEqual(
      original.invoiceRows.map((r: any) => [r.product, -r.quantity, r.unitPrice, r.vatPercent, r.discountPercent]),
    );
    expect([note.partnerId, note.vatStatus, note.paymentInfo.currency, note.invoiceChannel]).toEqual([
      original.partnerId,
      original.vatStatus,
      original.paymentInfo.currency,
      original.invoiceChannel,
    ]);
    expect(note.invoiceSumInfo[0].invoiceSumTotal).toBeCloseTo(-original.invoiceSumInfo[0].invoiceSumTotal, 2);
    expect(note.additionalInformation).toBe(`Hyvityslasku laskulle ${original.invoiceNumber}.\nSyy: Sopimus peruttu\n[CREDIT:${id}]`);
    expect(original.status).toBe('SENT');
    // The contract's invoice is still the original alone: Find Invoice, and the invoice step's duplicate check.
    const found = await w.run<any[]>('searches.find_invoice.operation.perform', { contract_id: contract.id });
    expect(found.result!.map((inv) => inv.id)).toEqual([id]);
    expect((await w.runInvoice({ contract_id: contract.id })).result).toEqual(expect.objectContaining({ invoice_id: id, already_existed: true }));
  });

  it('answers the same credit note on a replay, and makes one when two runs start at once', async () => {
    const { id } = await contractInvoice(true);
    const runs = await Promise.all([w.run(CREDIT, { invoice_id: id }), w.run(CREDIT, { invoice_id: id })]);
    expect(runs.map((r) => r.error?.message)).toEqual([undefined, undefined]);
    expect(runs.map((r) => r.result!.already_existed).sort()).toEqual([false, true]);
    const replay = await w.run(CREDIT, { invoice_id: id, reason: 'Another reason' });
    expect(new Set([...runs, replay].map((r) => r.result!.credit_invoice_id)).size).toBe(1);
    expect(replay.result!.already_existed).toBe(true);
    expect((await w.state()).invoices).toHaveLength(2);
  });

  it('after a credit note POST whose answer was lost, keeps the claim, and the retry finds the note instead of making another', async () => {
    const { id } = await contractInvoice(true);
    await w.procountor.control('faults', { dropAfter: true, count: 1, method: 'POST', path: '/api/invoices' });
    const lost = await w.run(CREDIT, { invoice_id: id });
    expect(lost.error?.name).toBe('ThrottledError');
    expect(lost.error?.message).toMatch(/did not answer whether it made the credit note/);
    expect((await w.run(CREDIT, { invoice_id: id })).error?.message).toMatch(/Another run is crediting/);
    // The claim lapses (90 s on Zapier); the retry after it looks for the note first.
    w.runtime.clearCache('procountor:credit:');
    expect((await w.run(CREDIT, { invoice_id: id })).result).toEqual(expect.objectContaining({ action: 'credited', already_existed: true }));
    expect((await w.state()).invoices).toHaveLength(2);
  });

  it('invalidates an invoice not yet sent instead of crediting it, and a replay says it was already', async () => {
    const { id } = await contractInvoice(false);
    const first = await w.run(CREDIT, { invoice_id: id });
    expect(first.result).toEqual(expect.objectContaining({ action: 'invalidated', status: 'INVALIDATED', credit_invoice_id: null, already_existed: false }));
    expect((await invoiceIn(id)).status).toBe('INVALIDATED');
    expect((await w.run(CREDIT, { invoice_id: id })).result).toEqual(expect.objectContaining({ action: 'invalidated', already_existed: true }));
    expect((await w.state()).invoices).toHaveLength(1);
  });

  it('names the invoice Procountor does not have', async () => {
    expect((await w.run(CREDIT, { invoice_id: 424242 })).error?.message).toMatch(/Procountor has no invoice 424242/);
  });
});
