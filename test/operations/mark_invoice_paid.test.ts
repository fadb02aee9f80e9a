// Mark Invoice Paid: a payment taken elsewhere, recorded on a sent invoice once, against the Procountor sandbox through
// the Lambda-handler runtime.
import { worldForEachTest } from '../support/world';
import { lineItem, lineItemsOrder } from '../support/lineItems';

const w = worldForEachTest();
const MARK = 'creates.mark_invoice_paid.operation.perform';

/** An Unfinished invoice of 113,50 € (4 × 25 € + 13,5 % VAT). */
const unfinishedInvoice = async (uniqueKey: string) => {
  const made = await w.run(
    'creates.create_invoice.operation.perform',
    lineItemsOrder({ unique_key: uniqueKey, line_items: [lineItem(1, { name: 'Coffee beans 1 kg', code: undefined, quantity: '4', unit_price: '25' })] }),
  );
  expect(made.error).toBeUndefined();
  return made.result!.invoice_id as number;
};

const sentInvoice = async (uniqueKey = 'shop-1') => {
  const id = await unfinishedInvoice(uniqueKey);
  expect((await w.run('creates.send_invoice.operation.perform', { invoice_id: id })).result!.status).toBe('SENT');
  return id;
};

const eventsOf = async (id: number): Promise<any[]> => {
  const response = await fetch(`${w.procountor.api}/invoices/${id}/paymentevents`, { headers: { Authorization: `Bearer ${w.authData.access_token}` } });
  // The steps just used this second's share of Procountor's rate limit: ask again in the next second.
  if (response.status === 429) return new Promise((resolve) => setTimeout(() => resolve(eventsOf(id)), 1100));
  return ((await response.json()) as { results: any[] }).results;
};
const statusOf = async (id: number) => (await w.state()).invoices.find((inv: any) => inv.id === id)?.status;

describe('Mark Invoice Paid', () => {
  it('marks what is open paid (MARKED_PAID), and a replay records nothing again', async () => {
    const id = await sentInvoice();
    const input = { invoice_id: String(id), payment_date: '2026-12-01', payment_method: 'CHARGECARD' };
    const first = await w.run(MARK, input);
    expect(first.result).toEqual(expect.objectContaining({ invoice_id: id, status: 'MARKED_PAID', amount: 113.5, open_amount: 0, already_existed: false }));
    const replay = await w.requestsDuring(async () => {
      const run = await w.run(MARK, input);
      expect(run.result).toEqual(expect.objectContaining({ status: 'MARKED_PAID', amount: 113.5, open_amount: 0, already_existed: true }));
    });
    expect(replay.byRoute).toEqual({ 'GET /invoices/{id}': 1, 'GET /invoices/{id}/paymentevents': 1 });
    expect((await eventsOf(id)).map((e) => [e.paidAmount, e.type, e.paymentDate])).toEqual([[113.5, 'CHARGECARD', '2026-12-01']]);
    expect(await statusOf(id)).toBe('MARKED_PAID');
  });

  it('marks a part PARTLY_PAID; another payment of the same amount with its own reference is a second payment', async () => {
    const id = await sentInvoice();
    const part = (reference: string) => w.run(MARK, { invoice_id: id, amount: '50,00', payment_date: '2026-12-01', payment_reference: reference });
    expect((await part('ch_1')).result).toEqual(expect.objectContaining({ status: 'PARTLY_PAID', amount: 50, open_amount: 63.5, already_existed: false }));
    expect((await part('ch_1')).result).toEqual(expect.objectContaining({ already_existed: true, open_amount: 63.5 }));
    expect((await part('ch_2')).result).toEqual(expect.objectContaining({ status: 'PARTLY_PAID', open_amount: 13.5, already_existed: false }));
    expect((await eventsOf(id)).map((e) => [e.paidAmount, e.type])).toEqual([
      [50, 'ELSEWHERE'],
      [50, 'ELSEWHERE'],
    ]);
  });

  it('records one payment when two runs of one step start at once', async () => {
    const id = await sentInvoice();
    const input = { invoice_id: id, payment_date: '2026-12-01' };
    const runs = await Promise.all([w.run(MARK, input), w.run(MARK, input)]);
    expect(runs.map((r) => r.error?.message)).toEqual([undefined, undefined]);
    expect(runs.map((r) => r.result!.already_existed).sort()).toEqual([false, true]);
    expect(await eventsOf(id)).toHaveLength(1);
  });

  it('after a markpaid whose answer was lost, keeps the claim, and the retry finds the payment instead of recording it twice', async () => {
    const id = await sentInvoice();
    await w.procountor.control('faults', { dropAfter: true, count: 1, method: 'PUT', path: `/api/invoices/${id}/paymentevents/markpaid` });
    const input = { invoice_id: id, payment_date: '2026-12-01' };
    const lost = await w.run(MARK, input);
    expect(lost.error?.name).toBe('ThrottledError');
    expect(lost.error?.message).toMatch(/did not answer whether it recorded the payment/);
    expect((await w.run(MARK, input)).error?.message).toMatch(/Another run is marking a payment/);
    // The claim lapses (90 s on Zapier); the retry after it reads the payment events first.
    w.runtime.clearCache('procountor:markpaid:');
    expect((await w.run(MARK, input)).result).toEqual(expect.objectContaining({ status: 'MARKED_PAID', already_existed: true }));
    expect(await eventsOf(id)).toHaveLength(1);
  });

  it('says what to do for an Unfinished invoice, an amount above what is open, and an invoice already paid in full', async () => {
    const unsent = await unfinishedInvoice('shop-unsent');
    expect((await w.run(MARK, { invoice_id: unsent })).error?.message).toMatch(/is Unfinished: .*Send it first/);
    const id = await sentInvoice();
    expect((await w.run(MARK, { invoice_id: id, amount: '200' })).error?.message).toMatch(/Amount 200,00 € is more than the 113,50 € open/);
    await w.procountor.control(`invoices/${id}/paid`, {});
    expect((await w.run(MARK, { invoice_id: id })).error?.message).toMatch(/already paid in full \(Paid\)/);
    expect((await w.run(MARK, { invoice_id: id, payment_date: 'next week' })).error?.message).toMatch(/Payment Date "next week" is not a date/);
  });
});
