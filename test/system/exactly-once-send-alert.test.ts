// One send and one alert per invoice (issue 24): overlapping runs of Approve and Send Invoice and of Post to Slack, a
// send whose answer never came, a 403 that is a race rather than missing rights. Run through the Lambda-handler
// runtime against the Procountor and Slack sandboxes.
import { SLACK_SECOND_WORKSPACE } from '../../sandboxes/slack/server';
import { worldForEachTest } from '../support/world';

const w = worldForEachTest();

const SEND = 'creates.send_invoice.operation.perform';
const POST = 'creates.post_to_slack.operation.perform';

const newInvoice = async (over: Record<string, unknown> = {}) => {
  const contract = await w.acceptedContract();
  const run = await w.runInvoice({ contract_id: contract.id, ...over });
  expect(run.error).toBeUndefined();
  return run.result! as { invoice_id: number; invoice_number: number; customer_name: string; slack_ts?: string };
};
const send = (invoiceId: number) => w.run(SEND, { invoice_id: String(invoiceId) });
const api = (method: string, path: string) =>
  fetch(`${w.procountor.api}${path}`, { method, headers: { Authorization: `Bearer ${w.authData.access_token}` } }).then((r) => r.status);
const statusOf = async (id: number) => (await w.state()).invoices.find((inv: any) => inv.id === id)?.status;
const waitFor = async (done: () => Promise<boolean>) => {
  for (let tries = 0; tries < 200 && !(await done()); tries++) await new Promise((resolve) => setTimeout(resolve, 25));
};

describe('Approve and Send Invoice, once per invoice', () => {
  it('approves and sends an Unfinished invoice once when two runs for it start together; the later reports it sent', async () => {
    const { invoice_id: id } = await newInvoice();
    await w.procountor.control('faults', { latencyMs: 20 });
    let runs: Awaited<ReturnType<typeof send>>[] = [];
    const requests = await w.requestsDuring(async () => {
      runs = await Promise.all([send(id), send(id)]);
    });
    await w.procountor.control('faults', { latencyMs: 0 });
    expect(runs.map((r) => r.error)).toEqual([undefined, undefined]);
    expect(requests.byRoute['PUT /invoices/{id}/approve']).toBe(1);
    expect(requests.byRoute['PUT /invoices/{id}/send']).toBe(1);
    const outputs = runs.map((r) => r.result!).sort((a, b) => Number(a.already_sent) - Number(b.already_sent));
    expect(outputs).toEqual([
      expect.objectContaining({ id, status: 'SENT', approved_now: true, already_sent: false }),
      expect.objectContaining({ id, status: 'SENT', approved_now: false, already_sent: true }),
    ]);
  });

  it('sends an invoice approved earlier once when two runs for it start together', async () => {
    const { invoice_id: id } = await newInvoice();
    expect(await api('PUT', `/invoices/${id}/approve`)).toBe(200);
    await w.procountor.control('faults', { latencyMs: 20 });
    let runs: Awaited<ReturnType<typeof send>>[] = [];
    const requests = await w.requestsDuring(async () => {
      runs = await Promise.all([send(id), send(id)]);
    });
    await w.procountor.control('faults', { latencyMs: 0 });
    expect(runs.map((r) => r.result?.status)).toEqual(['SENT', 'SENT']);
    expect(requests.byRoute['PUT /invoices/{id}/send']).toBe(1);
    expect(runs.map((r) => r.result!.already_sent).sort()).toEqual([false, true]);
  });

  it("reads the status again after a 403, and reports an invoice sent meanwhile as sent instead of blaming the user's rights", async () => {
    const { invoice_id: id } = await newInvoice();
    // Someone else (a person in Procountor, or a Zap on another connection) approves and sends the invoice while this
    // run's approval is on its way: Procountor then refuses that approval with a 403.
    await w.procountor.control('faults', { latencyMs: 400, count: 1, method: 'PUT', path: `/api/invoices/${id}/approve` });
    await w.procountor.control('stats/reset', {});
    const running = send(id);
    await waitFor(async () => Boolean((await w.procountor.control('stats')).byRoute['PUT /invoices/{id}/approve']));
    expect(await api('PUT', `/invoices/${id}/approve`)).toBe(200);
    expect(await api('PUT', `/invoices/${id}/send`)).toBe(200);
    const run = await running;
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual(expect.objectContaining({ status: 'SENT', approved_now: false, already_sent: true }));
  });

  it('does not send again while a send that got no answer may still land, and a retry after that reports it sent', async () => {
    const { invoice_id: id } = await newInvoice();
    process.env.HTTP_TIMEOUT_MS = '1000';
    let runs: Awaited<ReturnType<typeof send>>[] = [];
    try {
      // Procountor takes longer than the client waits, and sends the invoice after the client gave up.
      await w.procountor.control('faults', { latencyMs: 2000, count: 1, method: 'PUT', path: `/api/invoices/${id}/send` });
      const requests = await w.requestsDuring(async () => {
        runs.push(await send(id));
        // A retry, a replay or a second Zap at once: Procountor still has the first send in hand.
        runs.push(await send(id));
      });
      expect(runs.map((r) => r.error?.name)).toEqual(['ThrottledError', 'ThrottledError']);
      expect(runs[0]!.error!.message).toMatch(/did not answer whether it sent/);
      // Zapier's retry comes once the kept claim has lapsed, not into it.
      expect(runs[0]!.error!.delay).toBeGreaterThanOrEqual(90);
      expect(requests.byRoute['PUT /invoices/{id}/send']).toBe(1);
      await waitFor(async () => (await statusOf(id)) === 'SENT');
      // The claim lapses (90 s on Zapier); the retry after it reads the status first.
      w.runtime.clearCache('procountor:send:');
      runs = [await send(id)];
    } finally {
      delete process.env.HTTP_TIMEOUT_MS;
    }
    expect(runs[0]!.result).toEqual(expect.objectContaining({ status: 'SENT', already_sent: true }));
  });
});

describe('the new-invoice alert, once per invoice and channel', () => {
  const alertInput = (invoice: { invoice_id: number; invoice_number: number; customer_name: string }, channel: string) => ({
    channel,
    invoice_id: invoice.invoice_id,
    invoice_number: invoice.invoice_number,
    customer_name: invoice.customer_name,
  });

  it('posts one alert when two runs for one invoice start together', async () => {
    const invoice = await newInvoice();
    await w.slack.control('faults', { latencyMs: 30 });
    const runs = await Promise.all([w.run(POST, alertInput(invoice, '#invoices')), w.run(POST, alertInput(invoice, '#invoices'))]);
    await w.slack.control('faults', { latencyMs: 0 });
    expect(runs.map((r) => r.error)).toEqual([undefined, undefined]);
    expect(await w.slackMessages()).toHaveLength(1);
    expect(runs.map((r) => r.result!.already_posted).sort()).toEqual([false, true]);
    expect(runs[0]!.result!.ts).toBe(runs[1]!.result!.ts);
  });

  it('counts a channel named and the same channel given by its ID as one, at once or one after another', async () => {
    const invoice = await newInvoice();
    await w.slack.control('faults', { latencyMs: 30 });
    const runs = await Promise.all([w.run(POST, alertInput(invoice, '#invoices')), w.run(POST, alertInput(invoice, 'C0INVOICES'))]);
    await w.slack.control('faults', { latencyMs: 0 });
    expect(runs.map((r) => r.result?.channel)).toEqual(['C0INVOICES', 'C0INVOICES']);
    expect(await w.slackMessages()).toHaveLength(1);
    // The invoice step's own alert, then a Post to Slack step naming the channel by its ID.
    const next = await newInvoice({ slack_channel: '#invoices' });
    const later = await w.run(POST, alertInput(next, 'C0INVOICES'));
    expect(later.result).toEqual(expect.objectContaining({ already_posted: true, ts: next.slack_ts }));
    expect(await w.slackMessages()).toHaveLength(2);
  });
});

describe('Slack messages belong to one Slack workspace', () => {
  const UPDATE = 'creates.update_invoice_message.operation.perform';

  it("posts afresh in the new workspace when the connection's Slack token is switched, and leaves the first one's message alone", async () => {
    const invoice = await newInvoice({ slack_channel: '#invoices' });
    const [first] = await w.slackMessages();
    expect(first).toEqual(expect.objectContaining({ channel: 'C0INVOICES', ts: invoice.slack_ts }));
    // The same connection, its Slack Bot Token now one of another workspace.
    w.authData.slack_bot_token = SLACK_SECOND_WORKSPACE.botToken;
    await w.procountor.control(`invoices/${invoice.invoice_id}/paid`, {});
    const updated = await w.run(UPDATE, { invoice_id: String(invoice.invoice_id), channel: '#invoices' });
    expect(updated.error).toBeUndefined();
    expect(updated.result).toEqual(expect.objectContaining({ message_action: 'posted', channel: 'C2INVOICES' }));
    const alert = await w.run(POST, {
      channel: '#invoices',
      invoice_id: invoice.invoice_id,
      invoice_number: invoice.invoice_number,
      customer_name: 'Asiakas Oy',
    });
    expect(alert.result).toEqual(expect.objectContaining({ already_posted: false, channel: 'C2INVOICES' }));
    const messages = await w.slackMessages();
    expect(messages.find((m) => m.ts === first.ts)).toEqual(expect.objectContaining({ edited: null, reply_count: 0 }));
    expect(messages.filter((m) => m.channel === 'C2INVOICES')).toHaveLength(2);
  });
});
