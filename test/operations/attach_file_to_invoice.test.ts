// Attach File to Invoice: a file from a URL (as Zapier hands a file field over) attached to a sales invoice once per
// name, against the Procountor sandbox through the Lambda-handler runtime. A local server stands for the file's host.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { worldForEachTest } from '../support/world';
import { lineItem, lineItemsOrder } from '../support/lineItems';

const w = worldForEachTest();
const ATTACH = 'creates.attach_file_to_invoice.operation.perform';
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from([0x00, 0xe2, 0x82, 0xac, 0xff]), Buffer.from('\n%%EOF\n')]);

let files: http.Server;
let fileBase: string;
beforeAll(async () => {
  files = http.createServer((req, res) => {
    if (req.url === '/signed/contract.pdf') return res.writeHead(200, { 'Content-Type': 'application/pdf' }).end(PDF);
    if (req.url === '/download?id=7') return res.writeHead(200, { 'Content-Disposition': 'attachment; filename="Sopimus C-1042.pdf"' }).end(PDF);
    if (req.url === '/noname') return res.writeHead(200).end(PDF);
    if (req.url === '/big.pdf') return res.writeHead(200, { 'Content-Length': '10000001' }).end(Buffer.alloc(10_000_001));
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
  fileBase = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => files.close(() => resolve())));

const invoice = async () => {
  const made = await w.run(
    'creates.create_invoice.operation.perform',
    lineItemsOrder({ unique_key: 'shop-1', line_items: [lineItem(1, { name: 'Coffee beans 1 kg', code: undefined, quantity: '4', unit_price: '25' })] }),
  );
  expect(made.error).toBeUndefined();
  return made.result!.invoice_id as number;
};

describe('Attach File to Invoice', () => {
  it("attaches the file's bytes under its own name, sent with the invoice, and a replay attaches nothing again", async () => {
    const id = await invoice();
    const input = { invoice_id: String(id), file: `${fileBase}/signed/contract.pdf` };
    const first = await w.run(ATTACH, input);
    expect(first.result).toEqual(
      expect.objectContaining({ invoice_id: id, name: 'contract.pdf', size_bytes: PDF.length, send_with_invoice: true, already_existed: false }),
    );
    expect(w.procountor.sandbox.state.attachmentBytes.get(first.result!.attachment_id)).toEqual(PDF);
    const replay = await w.run(ATTACH, input);
    expect(replay.result).toEqual(expect.objectContaining({ attachment_id: first.result!.attachment_id, already_existed: true }));
    const attachments = (await w.state()).invoices[0].attachments;
    expect(attachments.map((a: any) => [a.name, a.sendWithInvoice, a.mimeType])).toEqual([['contract.pdf', true, 'application/pdf']]);
  });

  it('names the file as its server does, or as File Name says, and keeps it out of the sending when asked', async () => {
    const id = await invoice();
    expect((await w.run(ATTACH, { invoice_id: id, file: `${fileBase}/download?id=7` })).result!.name).toBe('Sopimus C-1042.pdf');
    const renamed = await w.run(ATTACH, { invoice_id: id, file: `${fileBase}/noname`, file_name: 'Toimitus.pdf', send_with_invoice: 'false' });
    expect(renamed.result).toEqual(expect.objectContaining({ name: 'Toimitus.pdf', send_with_invoice: false, already_existed: false }));
    expect((await w.state()).invoices[0].attachments.map((a: any) => [a.name, a.sendWithInvoice])).toEqual([
      ['Sopimus C-1042.pdf', true],
      ['Toimitus.pdf', false],
    ]);
  });

  it('attaches once when two runs start at once, and after an upload whose answer was lost', async () => {
    const id = await invoice();
    const input = { invoice_id: id, file: `${fileBase}/signed/contract.pdf` };
    const runs = await Promise.all([w.run(ATTACH, input), w.run(ATTACH, input)]);
    expect(runs.map((r) => r.result?.already_existed).sort()).toEqual([false, true]);
    await w.procountor.control('faults', { dropAfter: true, count: 1, method: 'POST', path: '/api/attachments' });
    const other = { invoice_id: id, file: `${fileBase}/signed/contract.pdf`, file_name: 'Copy.pdf' };
    expect((await w.run(ATTACH, other)).error?.message).toMatch(/did not answer whether it attached Copy.pdf/);
    // The claim lapses (90 s on Zapier); the retry after it reads the invoice's attachments first.
    w.runtime.clearCache('procountor:attach:');
    expect((await w.run(ATTACH, other)).result).toEqual(expect.objectContaining({ name: 'Copy.pdf', already_existed: true }));
    expect((await w.state()).invoices[0].attachments).toHaveLength(2);
  });

  it('refuses before uploading a file over 10,000,000 bytes, a name without its extension, and a file that is not there', async () => {
    const id = await invoice();
    const requests = await w.requestsDuring(async () => {
      expect((await w.run(ATTACH, { invoice_id: id, file: `${fileBase}/big.pdf` })).error?.message).toMatch(/larger than 10,000,000 bytes/);
      expect((await w.run(ATTACH, { invoice_id: id, file: `${fileBase}/noname`, file_name: 'Contract' })).error?.message).toMatch(
        /File Name "Contract" has no file extension/,
      );
      expect((await w.run(ATTACH, { invoice_id: id, file: `${fileBase}/gone.pdf` })).error?.message).toMatch(/could not be downloaded \(HTTP 404\)/);
      expect((await w.run(ATTACH, { invoice_id: id, file: 'contract.pdf' })).error?.message).toMatch(/a file from an earlier step or a URL/);
    });
    expect(requests.requests).toBe(0);
  });
});
