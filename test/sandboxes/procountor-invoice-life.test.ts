// The Procountor sandbox after an invoice is made: the due-date search, invalidating, and marking payments taken
// elsewhere, each as Procountor publishes it, each with a request the service refuses (sandboxes/procountor/invoiceLife.ts).
import { bankTransferPayment, procountorApiForEachTest } from '../support/procountorSandbox';

const api = procountorApiForEachTest();
/** Status and body only: the tests below compare whole answers. */
const call = (method: string, path: string, body?: unknown) => api.call(method, path, body).then(({ status, body: answer }) => ({ status, body: answer }));

/** A sales invoice of 100,00 € + 25,5 % VAT = 125,50 €, due 2026-12-08, in the given status. */
const invoiceIn = async (status: 'UNFINISHED' | 'NOT_SENT' | 'SENT', over: Record<string, unknown> = {}) => {
  const made = await call('POST', '/invoices', {
    type: 'SALES_INVOICE',
    date: '2026-11-24',
    counterParty: { counterPartyAddress: { name: 'Asiakas Oy' } },
    paymentInfo: { ...bankTransferPayment },
    extraInfo: { accountingByRow: false, unitPricesIncludeVat: false },
    discountPercent: 0,
    invoiceChannel: 'EMAIL',
    language: 'FINNISH',
    vatStatus: 1,
    invoiceRows: [{ product: 'Design sprint', quantity: 1, unit: 'PIECE', unitPrice: 100, discountPercent: 0, vatPercent: 25.5 }],
    ...over,
  });
  expect(made.status).toBe(200);
  const id = made.body.id as number;
  if (status !== 'UNFINISHED') expect((await call('PUT', `/invoices/${id}/approve`)).status).toBe(200);
  if (status === 'SENT') expect((await call('PUT', `/invoices/${id}/send`)).status).toBe(200);
  return id;
};

const statusOf = async (id: number) => (await call('GET', `/invoices/${id}`)).body.status;
const markPaid = (id: number, over: Record<string, unknown> = {}) =>
  call('PUT', `/invoices/${id}/paymentevents/markpaid`, { paymentDate: '2026-12-01', amount: 25.5, currency: 'EUR', paymentMethodType: 'CASH', ...over });

describe('GET /invoices by due date', () => {
  it('finds invoices whose due date lies between dueStartDate and dueEndDate, both included, and lists newDueDate', async () => {
    const early = await invoiceIn('SENT', { paymentInfo: { ...bankTransferPayment, dueDate: '2026-12-01' } });
    const late = await invoiceIn('SENT');
    const ids = async (query: string) => (await call('GET', `/invoices?${query}`)).body.results.map((inv: any) => inv.id);
    expect(await ids('dueEndDate=2026-12-01')).toEqual([early]);
    expect(await ids('dueStartDate=2026-12-02&dueEndDate=2026-12-08')).toEqual([late]);
    await api.sandbox.control(`invoices/${early}/due`, { newDueDate: '2026-12-20' });
    const listed = (await call('GET', '/invoices?dueEndDate=2026-12-01')).body.results[0];
    expect([listed.dueDate, listed.newDueDate]).toEqual(['2026-12-01', '2026-12-20']);
  });

  it('refuses a due date that is not YYYY-MM-DD', async () => {
    expect((await call('GET', '/invoices?dueEndDate=2026-12-01T00:00:00')).status).toBe(400);
    expect((await call('GET', '/invoices?dueStartDate=1.12.2026')).status).toBe(400);
  });
});

describe('PUT /invoices/{id}/invalidate', () => {
  it('invalidates an invoice not yet sent: Unfinished, or approved (Not sent)', async () => {
    const unfinished = await invoiceIn('UNFINISHED');
    const approved = await invoiceIn('NOT_SENT');
    for (const id of [unfinished, approved]) {
      expect(await call('PUT', `/invoices/${id}/invalidate`)).toEqual({ status: 200, body: { message: expect.any(String) } });
      expect(await statusOf(id)).toBe('INVALIDATED');
    }
  });

  it('refuses a sent invoice with 403 (a credit invoice corrects it) and an unknown one with 404', async () => {
    const sent = await invoiceIn('SENT');
    const refused = await call('PUT', `/invoices/${sent}/invalidate`);
    expect(refused.status).toBe(403);
    expect(refused.body.errors[0].message).toContain('credit invoice');
    expect(await statusOf(sent)).toBe('SENT');
    expect((await call('PUT', '/invoices/424242/invalidate')).status).toBe(404);
  });
});

describe('PUT /invoices/{id}/paymentevents/markpaid', () => {
  it('marks a part PARTLY_PAID and the rest MARKED_PAID, and lists each as a payment event with its type and description', async () => {
    const id = await invoiceIn('SENT');
    const part = await markPaid(id, { amount: 25.5, description: 'Card [PAY:ch_1]' });
    expect(part.status).toBe(200);
    expect(part.body).toEqual(expect.objectContaining({ invoiceId: id, paidAmount: 25.5, type: 'CASH', description: 'Card [PAY:ch_1]' }));
    expect(await statusOf(id)).toBe('PARTLY_PAID');
    expect((await markPaid(id, { amount: 100, paymentMethodType: 'CHARGECARD' })).status).toBe(200);
    expect(await statusOf(id)).toBe('MARKED_PAID');
    const events = (await call('GET', `/invoices/${id}/paymentevents`)).body.results;
    expect(events.map((e: any) => [e.paidAmount, e.type, e.description])).toEqual([
      [25.5, 'CASH', 'Card [PAY:ch_1]'],
      [100, 'CHARGECARD', null],
    ]);
  });

  it('refuses an Unfinished or invalidated invoice with 403, whatever the payment', async () => {
    const unfinished = await invoiceIn('UNFINISHED');
    expect((await markPaid(unfinished)).status).toBe(403);
    expect(await statusOf(unfinished)).toBe('UNFINISHED');
    const approved = await invoiceIn('NOT_SENT');
    await call('PUT', `/invoices/${approved}/invalidate`);
    expect((await markPaid(approved)).status).toBe(403);
  });

  it("refuses a payment in another currency than the invoice's, without a date or amount, or of an unknown method", async () => {
    const id = await invoiceIn('SENT');
    const fields = async (over: Record<string, unknown>) => {
      const answer = await markPaid(id, over);
      expect(answer.status).toBe(400);
      return answer.body.errors.map((e: any) => e.field);
    };
    expect(await fields({ currency: 'SEK' })).toEqual(['currency']);
    expect(await fields({ paymentDate: '1.12.2026' })).toEqual(['paymentDate']);
    expect(await fields({ amount: '25.50' })).toEqual(['amount']);
    expect(await fields({ paymentMethodType: 'STRIPE' })).toEqual(['paymentMethodType']);
    expect(await statusOf(id)).toBe('SENT');
    expect((await call('PUT', '/invoices/424242/paymentevents/markpaid', {})).status).toBe(404);
  });
});

describe('POST /attachments', () => {
  const upload = async (meta: unknown, file?: Buffer, name = 'file') => {
    const form = new FormData();
    if (meta !== undefined) form.append('meta', new Blob([JSON.stringify(meta)], { type: 'application/json' }));
    if (file) form.append(name, new Blob([new Uint8Array(file)], { type: 'application/pdf' }), 'upload.pdf');
    const response = await fetch(`${api.sandbox.api}/attachments`, { method: 'POST', headers: { Authorization: `Bearer ${api.token}` }, body: form });
    return { status: response.status, body: (await response.json()) as any };
  };
  const meta = (id: number, over: Record<string, unknown> = {}) => ({
    name: 'Contract.pdf',
    referenceType: 'INVOICE',
    referenceId: id,
    sendWithInvoice: true,
    ...over,
  });

  it("adds a file to an invoice, which lists it among its attachments, with the file's bytes kept as sent", async () => {
    const id = await invoiceIn('SENT');
    const bytes = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x0d, 0x0a]);
    const added = await upload(meta(id), bytes);
    expect(added.status).toBe(200);
    expect(added.body).toEqual(expect.objectContaining({ id: expect.any(Number), name: 'Contract.pdf', referenceId: id, sendWithInvoice: true }));
    const invoice = (await call('GET', `/invoices/${id}`)).body;
    expect(invoice.attachments.map((a: any) => [a.id, a.name])).toEqual([[added.body.id, 'Contract.pdf']]);
    expect(api.sandbox.sandbox.state.attachmentBytes.get(added.body.id)).toEqual(bytes);
  });

  it('refuses a file over 10,000,000 bytes ("File size too big.")', async () => {
    const id = await invoiceIn('SENT');
    const refused = await upload(meta(id), Buffer.alloc(10_000_001));
    expect(refused).toEqual({ status: 400, body: { errors: [expect.objectContaining({ field: 'file', message: 'File size too big.' })] } });
    expect((await upload(meta(id), Buffer.alloc(10_000_000))).status).toBe(200);
  });

  it('refuses a name without its file extension, a missing required field or part, and a JSON body', async () => {
    const id = await invoiceIn('SENT');
    const fieldsOf = async (answer: Promise<{ status: number; body: any }>) => {
      const { status, body } = await answer;
      expect(status).toBe(400);
      return body.errors.map((e: any) => e.field);
    };
    expect(await fieldsOf(upload(meta(id, { name: 'Contract' }), Buffer.from('x')))).toEqual(['name']);
    expect(await fieldsOf(upload(meta(id, { sendWithInvoice: undefined }), Buffer.from('x')))).toEqual(['sendWithInvoice']);
    expect(await fieldsOf(upload(meta(id, { referenceType: 'CONTRACT' }), Buffer.from('x')))).toEqual(['referenceType']);
    expect(await fieldsOf(upload(meta(id), Buffer.from('x'), 'document'))).toEqual(['file']);
    expect(await fieldsOf(upload(undefined, Buffer.from('x')))).toEqual(['meta']);
    expect(await fieldsOf(call('POST', '/attachments', meta(id)))).toEqual(['body']);
    expect((await upload(meta(424242), Buffer.from('x'))).status).toBe(404);
    expect((await call('GET', `/invoices/${id}`)).body.attachments ?? []).toEqual([]);
  });

  it('refuses sendWithInvoice on an invoice type that cannot send attachments', async () => {
    const { invoices } = await api.sandbox.control('seed', {
      invoices: [{ type: 'PURCHASE_INVOICE', status: 'RECEIVED', paymentInfo: { dueDate: '2026-12-08' }, invoiceRows: [] }],
    });
    const purchase = invoices[0].id;
    expect((await upload(meta(purchase), Buffer.from('x'))).body.errors[0].field).toBe('sendWithInvoice');
    expect((await upload(meta(purchase, { sendWithInvoice: false }), Buffer.from('x'))).status).toBe(200);
  });
});
