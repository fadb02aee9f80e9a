// The invoice's living Slack message follows the rest of its life: Invoice Overdue, Credit Invoice and Mark Invoice
// Paid each offer "Notify Slack Channel", against the Procountor and Slack sandboxes through the Lambda-handler runtime.
import { addDays, todayInHelsinki } from '../../lib/rules/dates';
import { worldForEachTest } from '../support/world';

const w = worldForEachTest();
const SEND = 'creates.send_invoice.operation.perform';

/** A contract's invoice dated `daysAgo` days ago (due 14 days after), its alert in #invoices, sent (and the message updated, when `notify`). */
const sentWithMessage = async (daysAgo: number, notify = true) => {
  const contract = await w.acceptedContract();
  const made = await w.runInvoice({ contract_id: contract.id, invoice_date: addDays(todayInHelsinki(), -daysAgo), slack_channel: '#invoices' });
  expect(made.result).toEqual(expect.objectContaining({ slack_alert: 'posted' }));
  const id = made.result!.invoice_id as number;
  const sent = await w.run(SEND, { invoice_id: id, ...(notify ? { slack_channel: '#invoices' } : {}) });
  expect(sent.result).toEqual(expect.objectContaining({ slack_alert: notify ? 'updated' : 'not_requested' }));
  return { id, number: made.result!.invoice_number as number };
};

/** The channel's one message: its header, its status line and its thread replies. */
const theMessage = async () => {
  const messages = await w.slackMessages();
  const parents = messages.filter((m) => !m.thread_ts);
  expect(parents).toHaveLength(1);
  const [message] = parents;
  return {
    header: message.blocks[0].text.text as string,
    text: JSON.stringify(message.blocks),
    replies: messages.filter((r) => r.thread_ts === message.ts).map((r) => r.text as string),
  };
};

describe('the living message through the rest of the invoice', () => {
  it('shows the invoice overdue with what is open, with one reply when it became overdue, however often the trigger polls', async () => {
    const invoice = await sentWithMessage(20, false);
    const poll = () => w.run<any[]>('triggers.invoice_overdue.operation.perform', { slack_channel: '#invoices' });
    const first = await poll();
    expect(first.result).toEqual([expect.objectContaining({ invoice_id: invoice.id, days_overdue: 6, slack_alert: 'updated' })]);
    expect((await poll()).result![0].slack_alert).toBe('unchanged');
    const message = await theMessage();
    expect(message.header).toBe(`Invoice ${invoice.number} for Asiakas Oy: overdue`);
    expect(message.text).toMatch(/Overdue 6 days: [\d ,]+ € open/);
    expect(message.replies.filter((r) => r.startsWith('Overdue'))).toEqual([expect.stringMatching(/^Overdue 6 days: .* open; it was due /)]);
  });

  it('shows the invoice credited by its credit note, with the reason, once', async () => {
    const invoice = await sentWithMessage(0);
    const credit = () => w.run('creates.credit_invoice.operation.perform', { invoice_id: invoice.id, reason: 'Sopimus peruttu', slack_channel: '#invoices' });
    const first = await credit();
    expect(first.result).toEqual(expect.objectContaining({ action: 'credited', slack_alert: 'updated', slack_error: '' }));
    expect((await credit()).result).toEqual(expect.objectContaining({ already_existed: true, slack_alert: 'unchanged' }));
    const note = `invoice ${first.result!.credit_invoice_number} (Sopimus peruttu)`;
    const message = await theMessage();
    expect(message.header).toBe(`Invoice ${invoice.number} for Asiakas Oy: credited`);
    expect(message.text).toContain(`Credited by ${note}`);
    expect(message.replies.filter((r) => r.startsWith('Credited'))).toEqual([`Credited by ${note}.`]);
    // Update Invoice Message in Slack, which knows nothing of the credit note, keeps showing it.
    expect((await w.run('creates.update_invoice_message.operation.perform', { invoice_id: invoice.id, channel: '#invoices' })).result!.message_action).toBe(
      'unchanged',
    );
  });

  it('shows an invoice invalidated instead of credited', async () => {
    const contract = await w.acceptedContract();
    const unsent = (await w.runInvoice({ contract_id: contract.id, slack_channel: '#invoices' })).result!.invoice_id;
    const invalidated = await w.run('creates.credit_invoice.operation.perform', { invoice_id: unsent, slack_channel: '#invoices' });
    expect(invalidated.result).toEqual(expect.objectContaining({ action: 'invalidated', slack_alert: 'updated' }));
    expect((await theMessage()).replies).toEqual(['Invalidated in Procountor.']);
  });

  it('shows a payment marked paid, once', async () => {
    const invoice = await sentWithMessage(0);
    const mark = () =>
      w.run('creates.mark_invoice_paid.operation.perform', { invoice_id: invoice.id, payment_method: 'CHARGECARD', slack_channel: '#invoices' });
    expect((await mark()).result).toEqual(expect.objectContaining({ status: 'MARKED_PAID', slack_alert: 'updated' }));
    expect((await mark()).result).toEqual(expect.objectContaining({ already_existed: true, slack_alert: 'unchanged' }));
    const message = await theMessage();
    expect(message.header).toBe(`Invoice ${invoice.number} for Asiakas Oy: marked paid`);
    expect(message.replies.filter((r) => r.startsWith('Marked'))).toEqual(['Marked paid in Procountor.']);
  });
});
