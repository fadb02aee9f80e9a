// After the invoice is made: approving and sending it, and knowing when it is paid. The sandbox's rules are checked
// against Procountor's published endpoint descriptions; the operations run through the Lambda-handler runtime.
import fs from 'node:fs';
import path from 'node:path';
import { worldForEachTest } from '../support/world';

const w = worldForEachTest();

const lineItemOrder = (uniqueKey: string, over: Record<string, unknown> = {}) => ({
  unique_key: uniqueKey,
  customer_name: 'Verkkokauppa Asiakas Oy',
  business_id: '0737546-2',
  email: 'laskut@asiakas.example',
  invoice_date: '2026-11-24',
  line_items: [{ name: 'Coffee beans 1 kg', quantity: '4', unit: 'kpl', unit_price: '25', vat_percent: '13.5' }],
  ...over,
});

const newInvoice = async (uniqueKey = 'shop-1') => {
  const run = await w.run('creates.create_invoice.operation.perform', lineItemOrder(uniqueKey));
  expect(run.error).toBeUndefined();
  return run.result!.invoice_id as number;
};

const api = async (method: string, path: string) => {
  const response = await fetch(`${w.procountor.api}${path}`, { method, headers: { Authorization: `Bearer ${w.authData.access_token}` } });
  return { status: response.status, body: (await response.json()) as any };
};

const statusOf = async (id: number) => (await w.state()).invoices.find((inv: any) => inv.id === id)?.status;

describe('the Procountor sandbox, as published', () => {
  it('approves only an UNFINISHED invoice (Not sent after), and answers 403 for any other status', async () => {
    const id = await newInvoice();
    const first = await api('PUT', `/invoices/${id}/approve`);
    expect(first).toEqual({ status: 200, body: { message: expect.any(String) } });
    expect(await statusOf(id)).toBe('NOT_SENT');
    const again = await api('PUT', `/invoices/${id}/approve`);
    expect(again.status).toBe(403);
    expect(again.body.errors[0].message).toContain('status');
    expect((await api('PUT', '/invoices/424242/approve')).status).toBe(404);
  });

  it('sends only NOT_SENT or SENT invoices: an Unfinished one is refused with 403, a sent one may be sent again', async () => {
    const id = await newInvoice();
    expect((await api('PUT', `/invoices/${id}/send`)).status).toBe(403);
    expect(await statusOf(id)).toBe('UNFINISHED');
    await api('PUT', `/invoices/${id}/approve`);
    expect((await api('PUT', `/invoices/${id}/send`)).status).toBe(200);
    expect(await statusOf(id)).toBe('SENT');
    expect((await api('PUT', `/invoices/${id}/send`)).status).toBe(200);
  });

  it('searches one status per request, and only invoices changed since versionStartDate', async () => {
    const id = await newInvoice();
    expect((await api('GET', '/invoices?status=PAID,PARTLY_PAID')).status).toBe(400);
    expect((await api('GET', '/invoices?versionStartDate=yesterday')).status).toBe(400);
    await w.procountor.control(`invoices/${id}/paid`, {});
    const paid = await api('GET', '/invoices?status=PAID&types=SALES_INVOICE&versionStartDate=2020-01-01T00:00:00');
    expect(paid.body.results.map((inv: any) => inv.id)).toEqual([id]);
    expect((await api('GET', '/invoices?status=PAID&versionStartDate=2999-01-01T00:00:00')).body.results).toEqual([]);
    expect((await api('GET', '/invoices?status=UNFINISHED')).body.results).toEqual([]);
  });

  it('records a part payment as PARTLY_PAID and the rest as PAID, with a new version each time', async () => {
    const id = await newInvoice();
    const part = await w.procountor.control(`invoices/${id}/paid`, { amount: 50 });
    expect(part).toEqual(expect.objectContaining({ status: 'PARTLY_PAID', paid: 50, total: 113.5 }));
    const rest = await w.procountor.control(`invoices/${id}/paid`, {});
    expect(rest).toEqual(expect.objectContaining({ status: 'PAID', paid: 113.5 }));
    expect(rest.version > part.version).toBe(true);
    expect(rest.version).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
  });

  it("lists an invoice's payments as payment events, each with every field of the published PaymentEvent", async () => {
    const id = await newInvoice();
    expect((await api('GET', `/invoices/${id}/paymentevents`)).body.results).toEqual([]);
    await w.procountor.control(`invoices/${id}/paid`, { amount: 50 });
    await w.procountor.control(`invoices/${id}/paid`, {});
    const { status, body } = await api('GET', `/invoices/${id}/paymentevents`);
    expect(status).toBe(200);
    const published = Object.keys(
      JSON.parse(fs.readFileSync(path.join(__dirname, '../../reference/procountor-schemas-26.04.json'), 'utf8')).schemas.PaymentEvent,
    );
    expect(body.results.map((e: any) => Object.keys(e).sort())).toEqual([published.sort(), published.sort()]);
    expect(body.results.map((e: any) => [e.invoiceId, e.paidAmount, e.paidCurrency, e.amount])).toEqual([
      [id, 50, 'EUR', 50],
      [id, 63.5, 'EUR', 63.5],
    ]);
    expect(body.results[0].paymentDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await api('GET', '/invoices/424242/paymentevents')).status).toBe(404);
  });
});

describe('Approve and Send Invoice', () => {
  it('approves and sends an Unfinished invoice, and a replay reports it as sent without sending it again', async () => {
    const id = await newInvoice();
    const first = await w.requestsDuring(async () => {
      const run = await w.run('creates.send_invoice.operation.perform', { invoice_id: String(id) });
      expect(run.result).toEqual(expect.objectContaining({ id, status: 'SENT', approved_now: true, already_sent: false }));
    });
    expect(first.byRoute).toEqual({ 'GET /invoices/{id}': 1, 'PUT /invoices/{id}/approve': 1, 'PUT /invoices/{id}/send': 1 });
    const replay = await w.requestsDuring(async () => {
      const run = await w.run('creates.send_invoice.operation.perform', { invoice_id: String(id) });
      expect(run.result).toEqual(expect.objectContaining({ status: 'SENT', approved_now: false, already_sent: true }));
    });
    expect(replay.byRoute).toEqual({ 'GET /invoices/{id}': 1 });
  });

  it('sends an invoice approved earlier without approving it again', async () => {
    const id = await newInvoice();
    await api('PUT', `/invoices/${id}/approve`);
    const run = await w.run('creates.send_invoice.operation.perform', { invoice_id: id });
    expect(run.result).toEqual(expect.objectContaining({ status: 'SENT', approved_now: false, already_sent: false }));
  });

  it('says which right the API user lacks when Procountor answers 403', async () => {
    const id = await newInvoice();
    await w.procountor.control('faults', { status: 403, count: 1, method: 'PUT', path: `/api/invoices/${id}/approve` });
    const run = await w.run('creates.send_invoice.operation.perform', { invoice_id: id });
    expect(run.error?.message).toContain('lacks the right "Approve and send sales invoices"');
    expect(await statusOf(id)).toBe('UNFINISHED');
  });

  it('offers Unfinished invoices newest first in the Invoice dropdown, labelled by number, customer and total', async () => {
    const older = await newInvoice('shop-1');
    const newer = await newInvoice('shop-2');
    const sent = await newInvoice('shop-3');
    await w.run('creates.send_invoice.operation.perform', { invoice_id: sent });
    const list = await w.run<any[]>('triggers.invoice_list.operation.perform', {});
    expect(list.result!.map((item) => item.id)).toEqual([newer, older]);
    expect(list.result![0].label).toBe('1002 · Verkkokauppa Asiakas Oy · 113,50 €');
  });
});

describe('Find Invoice by the Invoice dropdown', () => {
  it('finds the invoice picked by its Procountor ID, and nothing for an ID Procountor does not have', async () => {
    const id = await newInvoice();
    const found = await w.run<any[]>('searches.find_invoice.operation.perform', { invoice_id: String(id) });
    expect(found.result).toEqual([expect.objectContaining({ id, invoice_number: 1001, customer_name: 'Verkkokauppa Asiakas Oy', due_date: '2026-12-08' })]);
    expect((await w.run<any[]>('searches.find_invoice.operation.perform', { invoice_id: '424242' })).result).toEqual([]);
  });
});

describe('Invoice Paid', () => {
  const poll = async () => (await w.run<any[]>('triggers.invoice_paid.operation.perform', {})).result!;

  it('triggers once for a paid invoice, and again only when a payment changes it', async () => {
    const contract = await w.acceptedContract();
    const fromContract = (await w.runInvoice({ contract_id: contract.id, invoice_date: '2026-11-24' })).result!.invoice_id;
    const fromShop = await newInvoice('shop-9');
    await w.procountor.control(`invoices/${fromContract}/paid`, { amount: 100 });
    await w.procountor.control(`invoices/${fromShop}/paid`, {});

    const seen = new Set<string>();
    const newItems = (items: any[]) => items.filter((item) => !seen.has(item.id) && seen.add(item.id));

    const first = newItems(await poll());
    expect(first.map((i) => [i.invoice_id, i.status, i.contract_id])).toEqual([
      [fromShop, 'PAID', ''],
      [fromContract, 'PARTLY_PAID', contract.id],
    ]);
    expect(newItems(await poll())).toEqual([]);

    await w.procountor.control(`invoices/${fromContract}/paid`, { amount: 50 });
    const second = newItems(await poll());
    expect(second.map((i) => [i.invoice_id, i.status])).toEqual([[fromContract, 'PARTLY_PAID']]);
    await w.procountor.control(`invoices/${fromContract}/paid`, {});
    expect(newItems(await poll()).map((i) => [i.invoice_id, i.status])).toEqual([[fromContract, 'PAID']]);
    expect(newItems(await poll())).toEqual([]);
  });

  it('polls with one search per paid status and one batch read, however many invoices were paid', async () => {
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await newInvoice(`shop-${i}`));
    for (const id of ids) await w.procountor.control(`invoices/${id}/paid`, {});
    const stats = await w.requestsDuring(async () => expect(await poll()).toHaveLength(5));
    expect(stats.byRoute).toEqual({ 'GET /invoices': 3, 'GET /invoices/{id}': 1 });
  });
});
