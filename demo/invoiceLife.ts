// One more invoice's life, to the end: a web-shop order invoiced three weeks ago with its order confirmation attached,
// sent, then late: "Invoice Overdue" finds it and its Slack message says so in its thread; the order is cancelled and
// "Credit Invoice" credits it, the message showing the credit note. A local server stands for wherever the file is
// (a file from an earlier Zap step reaches the app as a URL, too).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ZapierRuntime } from '../sandboxes/zapier/runtime';
import type { StepRecord } from '../sandboxes/zapier/zap';
import { record } from './moreZaps';

type Runtime = Pick<ZapierRuntime, 'run'>;

/** Helsinki's day `days` days before today, as the invoice date an older order had. */
const helsinkiDaysAgo = (days: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() - days * 86_400_000),
  );

const LATE_ORDER = {
  unique_key: 'webshop-order-5530',
  heading: 'Web shop order 5530',
  customer_name: 'Leipomo Lumi Oy',
  business_id: '0737546-2',
  street: 'Kauppakatu 3',
  postal_code: '40100',
  city: 'Jyväskylä',
  country: 'FI',
  email: 'ostot@lumi.example',
  invoice_date: helsinkiDaysAgo(20),
  line_items: [{ name: 'Espresso machine service', code: 'SERVICE-1', quantity: '1', unit: 'kpl', unit_price: '750', vat_percent: '25.5' }],
};

const CONFIRMATION = Buffer.from('%PDF-1.4\n% Order confirmation 5530, Leipomo Lumi Oy: espresso machine service\n%%EOF\n');

/** Serves the order confirmation until `close`. */
const startFileHost = async () => {
  const server = http.createServer((req, res) =>
    req.url === '/orders/5530/confirmation.pdf' ? res.writeHead(200, { 'Content-Type': 'application/pdf' }).end(CONFIRMATION) : res.writeHead(404).end(),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/orders/5530/confirmation.pdf`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

const slackNews = (r: any) => `; Slack message ${r.slack_alert}${r.slack_error ? `: ${r.slack_error}` : ''}`;

export const lateInvoiceLife = async (runtime: Runtime, authData: Record<string, string>, slackChannel: string): Promise<StepRecord[]> => {
  const step = (method: string, inputData: Record<string, unknown>) => runtime.run<any>(method, { authData, inputData });
  const made = await step('creates.create_invoice.operation.perform', { ...LATE_ORDER, slack_channel: slackChannel });
  const steps = [
    record('web shop 5530', 'Create Unfinished Invoice (from Line Items)', made, (r) => `invoice ${r.invoice_number} dated ${r.date}${slackNews(r)}`),
  ];
  if (!made.ok) return steps;
  const invoiceId = made.result.invoice_id as number;
  const files = await startFileHost();
  try {
    const attached = await step('creates.attach_file_to_invoice.operation.perform', {
      invoice_id: invoiceId,
      file: files.url,
      file_name: 'Order confirmation 5530.pdf',
    });
    steps.push(
      record('web shop 5530', 'Attach File to Invoice', attached, (r) => `${r.name} (${r.size_bytes} bytes), sent with the invoice: ${r.send_with_invoice}`),
    );
  } finally {
    await files.close();
  }
  const sent = await step('creates.send_invoice.operation.perform', { invoice_id: invoiceId });
  steps.push(record('web shop 5530', 'Approve and Send Invoice', sent, (r) => `invoice ${r.invoice_number} ${r.status} by ${r.invoice_channel}`));
  const overdue = await step('triggers.invoice_overdue.operation.perform', { days_overdue: 1, slack_channel: slackChannel });
  steps.push(
    record(
      '(poll)',
      'Invoice Overdue',
      overdue,
      (items: any[]) =>
        items.map((i) => `invoice ${i.invoice_number} ${i.days_overdue} days late, ${i.open_amount} ${i.currency} open${slackNews(i)}`).join(', ') || 'none',
    ),
  );
  const credited = await step('creates.credit_invoice.operation.perform', { invoice_id: invoiceId, reason: 'Tilaus peruttu', slack_channel: slackChannel });
  steps.push(record('web shop 5530', 'Credit Invoice', credited, (r) => `${r.action}: credit note ${r.credit_invoice_number} ${r.status}${slackNews(r)}`));
  return steps;
};
