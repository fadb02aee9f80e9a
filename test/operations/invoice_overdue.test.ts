// Invoice Overdue: open sales invoices past their due date (or their new one), polled against the Procountor sandbox
// through the Lambda-handler runtime. Dates are relative to today in Helsinki, as the trigger's are.
import { addDays, todayInHelsinki } from '../../lib/rules/dates';
import { worldForEachTest } from '../support/world';

const w = worldForEachTest();
const today = todayInHelsinki();

/** A sent invoice of 113,50 € dated `daysAgo` days ago (due 14 days after its date). */
const sentInvoice = async (key: string, daysAgo: number, send = true) => {
  const made = await w.run('creates.create_invoice.operation.perform', {
    unique_key: key,
    customer_name: 'Verkkokauppa Asiakas Oy',
    business_id: '0737546-2',
    email: 'laskut@asiakas.example',
    invoice_date: addDays(today, -daysAgo),
    line_items: [{ name: 'Coffee beans 1 kg', quantity: '4', unit: 'kpl', unit_price: '25', vat_percent: '13.5' }],
  });
  expect(made.error).toBeUndefined();
  const id = made.result!.invoice_id as number;
  if (send) expect((await w.run('creates.send_invoice.operation.perform', { invoice_id: id })).result!.status).toBe('SENT');
  return id;
};

const poll = async (days?: number) =>
  (await w.run<any[]>('triggers.invoice_overdue.operation.perform', days === undefined ? {} : { days_overdue: days })).result!;

describe('Invoice Overdue', () => {
  it('triggers for sent and partly paid invoices past their due date, with what is open, and not for paid, unsent or not yet due ones', async () => {
    const late = await sentInvoice('late', 20);
    const partly = await sentInvoice('partly', 16);
    await w.run('creates.mark_invoice_paid.operation.perform', { invoice_id: partly, amount: '50' });
    const paid = await sentInvoice('paid', 30);
    await w.procountor.control(`invoices/${paid}/paid`, {});
    await sentInvoice('unsent', 30, false);
    await sentInvoice('not-due', 10);

    const items = await poll();
    expect(items.map((i) => [i.invoice_id, i.status, i.due_date, i.days_overdue, i.open_amount, i.currency])).toEqual([
      [partly, 'PARTLY_PAID', addDays(today, -2), 2, 63.5, 'EUR'],
      [late, 'SENT', addDays(today, -6), 6, 113.5, 'EUR'],
    ]);
    expect(items[1]).toEqual(expect.objectContaining({ id: `${late}:${addDays(today, -6)}`, customer_name: 'Verkkokauppa Asiakas Oy', contract_id: '' }));
    // A later poll, or two at once, give the same ids: Zapier's dedupe lets each overdue invoice trigger once.
    const [again, atOnce] = await Promise.all([poll(), poll()]);
    expect([again.map((i) => i.id), atOnce.map((i) => i.id)]).toEqual([items.map((i) => i.id), items.map((i) => i.id)]);
    expect((await poll(3)).map((i) => i.invoice_id)).toEqual([late]);
    expect(await poll(7)).toEqual([]);
  });

  it('follows a postponed due date: quiet until the new date passes, then triggers with a new id', async () => {
    const late = await sentInvoice('late', 20);
    const [first] = await poll();
    await w.procountor.control(`invoices/${late}/due`, { newDueDate: addDays(today, 5) });
    expect(await poll()).toEqual([]);
    await w.procountor.control(`invoices/${late}/due`, { newDueDate: addDays(today, -2) });
    const [again] = await poll();
    expect(again).toEqual(expect.objectContaining({ invoice_id: late, due_date: addDays(today, -2), days_overdue: 2 }));
    expect(again.id).not.toBe(first.id);
  });

  it('names the contract an invoice came from', async () => {
    const contract = await w.acceptedContract();
    const made = await w.runInvoice({ contract_id: contract.id, invoice_date: addDays(today, -40) });
    await w.run('creates.send_invoice.operation.perform', { invoice_id: made.result!.invoice_id });
    expect((await poll()).map((i) => [i.invoice_id, i.contract_id])).toEqual([[made.result!.invoice_id, contract.id]]);
  });

  it('polls with one search per open status, one batch read and one payment-event read per partly paid invoice', async () => {
    for (let i = 0; i < 4; i++) await sentInvoice(`late-${i}`, 20);
    const partly = await sentInvoice('partly', 20);
    await w.run('creates.mark_invoice_paid.operation.perform', { invoice_id: partly, amount: '10' });
    const stats = await w.requestsDuring(async () => expect(await poll()).toHaveLength(5));
    expect(stats.byRoute).toEqual({ 'GET /invoices': 3, 'GET /invoices/{id}': 1, 'GET /invoices/{id}/paymentevents': 1 });
  });
});
