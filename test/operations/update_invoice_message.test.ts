// "Update Invoice Message in Slack" and the built-in "Notify Slack Channel" of "Approve and Send Invoice": one message
// per invoice, updated in place, its history in the thread; run through the Lambda-handler runtime (and once through
// the app tester) against the Procountor and Slack sandboxes.
import { App, appTester } from '../support/app';
import { worldForEachTest } from '../support/world';

const w = worldForEachTest();

const UPDATE = 'creates.update_invoice_message.operation.perform';
const SEND = 'creates.send_invoice.operation.perform';
const POST = 'creates.post_to_slack.operation.perform';

/** An accepted contract made into an invoice, with its new-invoice alert in #invoices. */
const invoiceWithAlert = async () => {
  const contract = await w.acceptedContract();
  const run = await w.runInvoice({ contract_id: contract.id, slack_channel: '#invoices' });
  expect(run.result).toEqual(expect.objectContaining({ slack_alert: 'posted' }));
  return { id: run.result!.invoice_id as number, number: run.result!.invoice_number as number, total: run.result!.total as number, contract };
};
const update = (invoiceId: number, over: Record<string, unknown> = {}) => w.run(UPDATE, { invoice_id: String(invoiceId), channel: '#invoices', ...over });
/** An amount as Finns read it, the way Intl writes it for fi-FI (no-break spaces as plain ones). */
const euros = (amount: number) => new Intl.NumberFormat('fi-FI', { style: 'currency', currency: 'EUR' }).format(amount).replace(/[\u00a0\u202f]/g, ' ');
const pay = (invoiceId: number, amount?: number) => w.procountor.control(`invoices/${invoiceId}/paid`, amount === undefined ? {} : { amount });

/** The channel as a person sees it: each message in it, with its replies. */
const channelView = async () => {
  const messages = await w.slackMessages();
  return messages.filter((m) => !m.thread_ts).map((m) => ({ message: m, replies: messages.filter((r) => r.thread_ts === m.ts).map((r) => r.text as string) }));
};
const texts = (blocks: any[]) =>
  blocks.flatMap((b) => [b.text?.text, ...(b.fields ?? []).map((f: any) => f.text), ...(b.elements ?? []).map((e: any) => e.text)]).filter(Boolean);

describe('one living message per invoice', () => {
  it('made, approved and sent, paid: one message that shows it paid, and two replies in its thread', async () => {
    const invoice = await invoiceWithAlert();
    const sent = await w.run(SEND, { invoice_id: String(invoice.id), slack_channel: '#invoices' });
    expect(sent.result).toEqual(expect.objectContaining({ status: 'SENT', slack_alert: 'updated', slack_error: '', slack_warning: '' }));
    await pay(invoice.id);
    const paid = await update(invoice.id);
    expect(paid.result).toEqual(
      expect.objectContaining({
        message_action: 'updated',
        channel: 'C0INVOICES',
        ts: sent.result!.slack_ts,
        permalink: expect.stringContaining('/archives/C0INVOICES/p'),
        replies_posted: 1,
        warning: '',
        invoice_status: 'PAID',
        status_text: `Paid ${euros(invoice.total)}`,
      }),
    );
    const [only, ...others] = await channelView();
    expect(others).toEqual([]);
    expect(only!.message.blocks[0].text.text).toBe(`Invoice ${invoice.number} for Asiakas Oy: paid`);
    expect(only!.message.metadata).toEqual({
      event_type: 'procountor_invoice_tracked',
      event_payload: expect.objectContaining({ invoice_id: invoice.id, invoice_number: invoice.number, status: 'PAID', payments: 1 }),
    });
    expect(only!.message.reply_count).toBe(2);
    expect(only!.replies).toEqual([
      expect.stringMatching(/^Approved and sent \d+\.\d+\.\d{4}/),
      expect.stringMatching(/^Paid in full: a payment of .* arrived/),
    ]);
  });

  it('adds nothing when the same state comes again, from either step', async () => {
    const invoice = await invoiceWithAlert();
    expect((await update(invoice.id)).result).toEqual(expect.objectContaining({ message_action: 'unchanged', replies_posted: 0 }));
    await w.run(SEND, { invoice_id: String(invoice.id), slack_channel: '#invoices' });
    const replay = await w.run(SEND, { invoice_id: String(invoice.id), slack_channel: '#invoices' });
    expect(replay.result).toEqual(expect.objectContaining({ already_sent: true, slack_alert: 'unchanged' }));
    expect((await update(invoice.id)).result).toEqual(expect.objectContaining({ message_action: 'unchanged', replies_posted: 0 }));
    const [only] = await channelView();
    expect(only!.replies).toHaveLength(1);
  });

  it('adds one reply when two runs for the invoice overlap', async () => {
    const invoice = await invoiceWithAlert();
    await w.run(SEND, { invoice_id: String(invoice.id) });
    const runs = await Promise.all([update(invoice.id), update(invoice.id), update(invoice.id)]);
    expect(runs.map((r) => r.ok)).toEqual([true, true, true]);
    expect(runs.map((r) => r.result!.replies_posted).sort()).toEqual([0, 0, 1]);
    const view = await channelView();
    expect(view).toHaveLength(1);
    expect(view[0]!.replies).toHaveLength(1);
  });

  it("finds the message by its metadata in the channel's history when z.cache has forgotten it", async () => {
    const invoice = await invoiceWithAlert();
    await w.slack.control('messages', { channel: '#invoices', text: 'Someone talking in the channel' });
    await w.run(SEND, { invoice_id: String(invoice.id) });
    w.runtime.clearCache();
    const run = await update(invoice.id);
    expect(run.result).toEqual(expect.objectContaining({ message_action: 'updated', replies_posted: 1, warning: '' }));
    const view = await channelView();
    expect(view.filter((m) => m.message.bot_id)).toHaveLength(1);
    expect(view[0]!.replies).toEqual([expect.stringMatching(/^Approved and sent/)]);
    // Found again, it is remembered: the next run needs no search and finds nothing new.
    expect((await update(invoice.id)).result!.message_action).toBe('unchanged');
  });

  it('shows a partly paid invoice with the amounts, and each payment in the thread', async () => {
    const invoice = await invoiceWithAlert();
    await w.run(SEND, { invoice_id: String(invoice.id), slack_channel: '#invoices' });
    await pay(invoice.id, 500);
    const run = await update(invoice.id);
    const shown = `Partly paid 500,00 € of ${euros(invoice.total)}`;
    expect(run.result!.status_text).toBe(shown);
    const [only] = await channelView();
    expect(texts(only!.message.blocks)).toEqual(expect.arrayContaining([`Status: ${shown}`]));
    expect(only!.message.text).toContain(shown);
    expect(only!.replies[1]).toMatch(/^A payment of 500,00 € arrived \d+\.\d+\.\d{4}; .* still open\.$/);
  });

  it("posts the invoice's message when it has none, says so, and keeps it from then on", async () => {
    const contract = await w.acceptedContract();
    const invoiceId = (await w.runInvoice({ contract_id: contract.id })).result!.invoice_id;
    const first = await update(invoiceId, { channel: 'C0INVOICES' });
    expect(first.result).toEqual(expect.objectContaining({ message_action: 'posted', replies_posted: 0 }));
    expect(first.result!.warning).toMatch(/^Posted a new Slack message for invoice \d+, which is updated from now on: C0INVOICES has no messages since /);
    expect((await update(invoiceId)).result!.message_action).toBe('unchanged');
    expect(await w.slackMessages()).toHaveLength(1);
  });

  it('knows the channel by its name or its ID, and posts anew in another channel, which it follows from then on', async () => {
    const invoice = await invoiceWithAlert();
    await w.run(SEND, { invoice_id: String(invoice.id) });
    expect((await update(invoice.id, { channel: 'C0INVOICES' })).result).toEqual(expect.objectContaining({ message_action: 'updated', replies_posted: 1 }));
    const elsewhere = await update(invoice.id, { channel: '#general' });
    expect(elsewhere.result).toEqual(expect.objectContaining({ message_action: 'posted', channel: 'C0GENERAL' }));
    expect(elsewhere.result!.warning).toContain('#general has no messages since');
    expect((await update(invoice.id, { channel: 'C0GENERAL' })).result!.message_action).toBe('unchanged');
  });

  it('makes the Post to Slack alert about an invoice its living message', async () => {
    const contract = await w.acceptedContract();
    const made = (await w.runInvoice({ contract_id: contract.id })).result!;
    const alert = await w.run(POST, {
      channel: 'C0INVOICES',
      invoice_id: made.invoice_id,
      invoice_number: made.invoice_number,
      customer_name: made.customer_name,
    });
    await w.run(SEND, { invoice_id: String(made.invoice_id) });
    const run = await update(made.invoice_id, { reply_broadcast: true, note: 'Sent by the Zap' });
    expect(run.result).toEqual(expect.objectContaining({ message_action: 'updated', ts: alert.result!.ts, replies_posted: 1 }));
    const [only] = await channelView();
    expect(only!.replies).toEqual([expect.stringMatching(/^Approved and sent .*\nNote: Sent by the Zap$/)]);
    expect((await w.slackMessages())[1]).toEqual(expect.objectContaining({ reply_broadcast: true }));
    expect(texts(only!.message.blocks)).toContain('Note: Sent by the Zap');
  });

  it('runs through the app tester too, where z.cache is not there: the history finds the message', async () => {
    const invoice = await invoiceWithAlert();
    await w.run(SEND, { invoice_id: String(invoice.id) });
    const perform = App.creates.update_invoice_message.operation.perform;
    const result = (await appTester(perform, { authData: w.authData, inputData: { invoice_id: invoice.id, channel: '#invoices' } } as any)) as any;
    expect(result).toEqual(expect.objectContaining({ message_action: 'updated', replies_posted: 1, invoice_status: 'SENT' }));
    expect(await channelView()).toHaveLength(1);
  });
});

describe('when the message cannot be found or updated', () => {
  it.each(['message_not_found', 'cant_update_message', 'edit_window_closed', 'is_inactive'])(
    'posts a new message for the invoice when Slack answers %s, and says why',
    async (code) => {
      const invoice = await invoiceWithAlert();
      await w.run(SEND, { invoice_id: String(invoice.id) });
      await w.slack.control('faults', { error: code, method: 'chat.update' });
      const run = await update(invoice.id);
      expect(run.ok).toBe(true);
      expect(run.result).toEqual(expect.objectContaining({ message_action: 'posted', replies_posted: 0 }));
      expect(run.result!.warning).toContain(code);
      const view = await channelView();
      expect(view).toHaveLength(2);
      expect(view[1]!.message.metadata.event_payload).toEqual(expect.objectContaining({ invoice_id: invoice.id, status: 'SENT' }));
      // The new message is the invoice's from now on.
      await pay(invoice.id);
      expect((await update(invoice.id)).result).toEqual(expect.objectContaining({ message_action: 'updated', ts: run.result!.ts, replies_posted: 1 }));
    },
  );

  it('posts a new message when someone deleted it, or the workspace no longer allows editing it', async () => {
    const invoice = await invoiceWithAlert();
    const [alert] = await w.slackMessages();
    await w.slack.control('messages/delete', { channel: 'C0INVOICES', ts: alert.ts });
    await w.run(SEND, { invoice_id: String(invoice.id) });
    const afterDelete = await update(invoice.id);
    expect(afterDelete.result!.warning).toContain('message_not_found');
    await w.slack.control('workspace', { messageEditWindowMinutes: 0 });
    await pay(invoice.id);
    const afterWindow = await update(invoice.id);
    expect(afterWindow.result!.warning).toContain('edit_window_closed');
    expect((await channelView()).map((m) => m.message.metadata.event_payload.status)).toEqual(['SENT', 'PAID']);
  });

  it('says the channel is archived when it is, rather than posting where no one can', async () => {
    const invoice = await invoiceWithAlert();
    await w.run(SEND, { invoice_id: String(invoice.id) });
    await w.slack.control('channels/C0INVOICES', { is_archived: true });
    const run = await update(invoice.id);
    expect(run.ok).toBe(false);
    expect(run.error?.message).toContain('is archived');
    await w.run(SEND, { invoice_id: String(invoice.id), slack_channel: '#invoices' }).then((sent) => {
      expect(sent.result).toEqual(expect.objectContaining({ status: 'SENT', slack_alert: 'failed' }));
      expect(sent.result!.slack_error).toContain('is archived');
    });
  });

  it('posts a new message, naming the scope to add, when z.cache has forgotten it and the app cannot read the channel', async () => {
    const invoice = await invoiceWithAlert();
    w.runtime.clearCache();
    await w.slack.control('scopes', { scopes: ['chat:write', 'channels:read', 'groups:read'] });
    const run = await update(invoice.id);
    expect(run.result).toEqual(expect.objectContaining({ message_action: 'posted' }));
    expect(run.result!.warning).toContain('lacks the channels:history scope');
    expect(run.result!.warning).toContain('groups:history for private channels');
  });
});

describe('limits and mistakes', () => {
  it("throttles with Slack's delay, and a retry posts the reply once", async () => {
    const invoice = await invoiceWithAlert();
    await w.run(SEND, { invoice_id: String(invoice.id) });
    await w.slack.control('faults', { error: 'ratelimited', retryAfter: 7, method: 'chat.update' });
    const limited = await update(invoice.id);
    expect(limited.error).toEqual(expect.objectContaining({ name: 'ThrottledError', delay: 7 }));
    await w.slack.control('pace', { burst: 0 });
    const paced = await update(invoice.id);
    expect(paced.error).toEqual(expect.objectContaining({ name: 'ThrottledError' }));
    await w.slack.control('pace', { burst: 20 });
    expect((await update(invoice.id)).result).toEqual(expect.objectContaining({ message_action: 'updated', replies_posted: 1 }));
    expect((await channelView())[0]!.replies).toHaveLength(1);
    expect((await update(invoice.id)).result).toEqual(expect.objectContaining({ message_action: 'unchanged', replies_posted: 0 }));
  });

  it("keeps the message and its replies within Slack's limits whatever the note", async () => {
    const invoice = await invoiceWithAlert();
    await w.run(SEND, { invoice_id: String(invoice.id) });
    const note = Array.from({ length: 5000 }, (_, i) => ['Maksettu 👨‍👩‍👧 ', '<!channel> ', '&amp; ', '\u200fשלום '][i % 4]).join('');
    const run = await update(invoice.id, { note });
    expect(run.ok).toBe(true);
    const [only] = await channelView();
    expect(texts(only!.message.blocks).join('').length).toBeLessThanOrEqual(12_000);
    expect(only!.replies[0]!.length).toBeLessThanOrEqual(3000);
    expect(only!.replies[0]).not.toContain('<!channel>');
  });

  it('names the field to fix for a missing channel or an invoice Procountor does not have', async () => {
    const noChannel = await w.run(UPDATE, { invoice_id: '9001' });
    expect(noChannel.error?.message).toContain('Pick the Slack channel');
    const unknown = await update(424242);
    expect(unknown.error?.message).toContain('Procountor has no sales invoice with the ID 424242');
  });
});
