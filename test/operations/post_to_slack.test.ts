import { worldForEachTest } from '../support/world';

const w = worldForEachTest();

const POST = 'creates.post_to_slack.operation.perform';
const CHANNELS = 'triggers.slack_channel_list.operation.perform';

describe('Post to Slack', () => {
  it('posts the default new-invoice alert and answers channel, ts and permalink', async () => {
    const run = await w.run(POST, {
      channel: '#invoices',
      invoice_number: '1001',
      customer_name: 'Asiakas Oy',
      contract_number: 'C-1042',
      total: '11444.09',
      due_date: '2026-12-08',
      bot_name: 'Invoices',
      bot_icon: ':receipt:',
    });
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual(
      expect.objectContaining({
        channel: 'C0INVOICES',
        ts: expect.stringMatching(/^\d+\.\d{6}$/),
        permalink: expect.stringContaining('/archives/C0INVOICES/p'),
        warning: '',
      }),
    );
    const [message] = await w.slackMessages();
    expect(message).toEqual(expect.objectContaining({ channel: 'C0INVOICES', username: 'Invoices', icon_emoji: ':receipt:', unfurl_links: false }));
    expect(message.text).toContain('11 444,09 €');
    expect(message.blocks[0].type).toBe('header');
  });

  it('says which scope is missing when Slack posted under the app name instead of the chosen bot name', async () => {
    await w.slack.control('scopes', { scopes: ['chat:write', 'channels:read', 'groups:read'] });
    const run = await w.run(POST, { channel: '#invoices', text: 'hi', bot_name: 'Invoices', bot_icon: ':receipt:' });
    expect(run.ok).toBe(true);
    expect(run.result!.warning).toContain('needs the chat:write.customize scope');
    expect((await w.slackMessages())[0]).toEqual(expect.objectContaining({ username: null, icon_emoji: null }));
    // Without a custom name or icon there is nothing to warn about.
    expect((await w.run(POST, { channel: '#invoices', text: 'plain' })).result!.warning).toBe('');
  });

  it('reads well before Procountor has numbered the invoice', async () => {
    const run = await w.run(POST, { channel: '#invoices', customer_name: 'Asiakas Oy', contract_number: 'C-1042', total: '100' });
    expect(run.ok).toBe(true);
    const [message] = await w.slackMessages();
    expect(message.blocks[0].text.text).toBe('New unfinished invoice for Asiakas Oy');
    expect(message.text).not.toMatch(/null|undefined|#/);
  });

  it('posts hostile text exactly as written, without pinging anyone', async () => {
    const hostile = '<!channel> *bold* ' + 'x'.repeat(10_000);
    const run = await w.run(POST, { channel: 'C0GENERAL', text: hostile });
    expect(run.error).toBeUndefined();
    const [message] = await w.slackMessages();
    expect(message.text.startsWith('&lt;!channel&gt; *bold* ')).toBe(true);
    expect(message.blocks.map((b: any) => b.text.type)).toEqual(['plain_text', 'plain_text', 'plain_text', 'plain_text']);
    expect(message.blocks.map((b: any) => b.text.text).join('')).toBe(hostile);
  });

  it('posts a 100,000-character alert as one message Slack accepts, cut and marked', async () => {
    const notes = Array.from({ length: 100_000 / 20 }, (_, i) => ['Rivi ', '🇫🇮 ', '<!here> ', '&amp; ', '\u200fשלום ', '👨‍👩‍👧 '][i % 6]!.padEnd(20, '.')).join('');
    expect(notes).toHaveLength(100_000);
    const run = await w.run(POST, { channel: '#invoices', customer_name: 'Asiakas Oy', contract_number: 'C-1042', total: '100', notes });
    expect(run.error).toBeUndefined();
    const messages = await w.slackMessages();
    expect(messages).toHaveLength(1);
    const texts = messages[0].blocks
      .flatMap((b: any) => [b.text?.text, ...(b.fields ?? []).map((f: any) => f.text), ...(b.elements ?? []).map((e: any) => e.text)])
      .filter(Boolean);
    expect(texts.join('').length).toBeLessThanOrEqual(12_000);
    expect(texts.some((t: string) => t.endsWith('… (cut)'))).toBe(true);
  });

  it.each([
    ['channel_not_found', { channel: '#nope' }, 'Slack has no channel nope that the bot can see'],
    ['not_in_channel', { channel: '#random' }, '/invite @your-bot'],
    ['is_archived', { channel: '#old-projects' }, 'is archived'],
    ['channel_not_found', { channel: '#board' }, 'for a private channel, invite the bot to it first'],
  ])('explains %s in words the Zap builder can act on', async (_code, input, sentence) => {
    // Without chat:write.public, as the README's required scopes alone give.
    await w.slack.control('scopes', { scopes: ['chat:write', 'channels:read', 'groups:read'] });
    const run = await w.run(POST, { text: 'hello', ...input });
    expect(run.ok).toBe(false);
    expect(run.error?.message).toContain(sentence);
    expect(run.error?.name).toBe('AppError');
  });

  it('names the scope the Slack app lacks', async () => {
    await w.slack.control('scopes', { scopes: ['channels:read'] });
    const run = await w.run(POST, { channel: '#invoices', text: 'hi' });
    expect(run.error?.message).toContain('The Slack app lacks the scope chat:write');
  });

  it('posts into a channel it has not joined once it has chat:write.public', async () => {
    await w.slack.control('scopes', { scopes: ['chat:write', 'chat:write.public', 'channels:read', 'groups:read'] });
    expect((await w.run(POST, { channel: '#random', text: 'hi' })).ok).toBe(true);
  });

  it("turns Slack's 429 into ThrottledError with Slack's delay", async () => {
    await w.slack.control('faults', { status: 429, count: 1, retryAfter: 12 });
    const run = await w.run(POST, { channel: '#invoices', text: 'hi' });
    expect(run.error).toEqual(expect.objectContaining({ name: 'ThrottledError', delay: 12 }));
  });

  it('throttles when it posts faster than Slack allows in one channel', async () => {
    await w.slack.control('pace', { burst: 1 });
    expect((await w.run(POST, { channel: '#invoices', text: 'first' })).ok).toBe(true);
    const second = await w.run(POST, { channel: '#invoices', text: 'second' });
    expect(second.error).toEqual(expect.objectContaining({ name: 'ThrottledError', delay: 5 }));
    expect(second.error?.message).toContain('too many messages too fast');
  });

  it('says how to connect Slack when the connection has no bot token', async () => {
    const run = await w.runtime.run(POST, { authData: { ...w.authData, slack_bot_token: '' }, inputData: { channel: '#invoices', text: 'hi' } });
    expect(run.error?.message).toContain('Slack is not connected');
    expect(run.error?.message).toContain('Bot User OAuth Token');
  });
});

describe('the channel dropdown', () => {
  it('pages through more channels than fit in one page', async () => {
    const first = await w.run<any[]>(CHANNELS, {}, { meta: { page: 0 } });
    const second = await w.run<any[]>(CHANNELS, {}, { meta: { page: 1 } });
    const third = await w.run<any[]>(CHANNELS, {}, { meta: { page: 2 } });
    expect(first.result!.length).toBeGreaterThanOrEqual(100);
    expect(first.result![0]).toEqual({ id: 'C0GENERAL', name: '#general', is_private: false, is_member: true });
    expect(first.result!.map((c) => c.name)).toContain('🔒finance');
    expect(first.result!.map((c) => c.name)).not.toContain('#old-projects');
    expect(first.result!.map((c) => c.name)).not.toContain('🔒board');
    expect(second.result!.length).toBeGreaterThan(0);
    const all = [...first.result!, ...second.result!];
    expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
    expect(all).toHaveLength(254);
    expect(third.result).toEqual([]);
  });

  it('keeps following the cursor past empty pages instead of ending the list', async () => {
    const archived = Array.from({ length: 500 }, (_, i) => ({ id: `C9OLD${i}`, name: `old-${i}`, is_private: false, is_archived: true, is_member: true }));
    await w.slack.control('channels', { channels: archived, first: true });
    const first = await w.run<any[]>(CHANNELS, {}, { meta: { page: 0 } });
    expect(first.error).toBeUndefined();
    expect(first.result!.map((c) => c.name)).toContain('#general');
    expect(first.result!.map((c) => c.name)).not.toContain('#old-0');
  });
});

describe('the alert built into Create Unfinished Invoice', () => {
  it('creates the invoice and posts the alert in one step', async () => {
    const contract = await w.acceptedContract();
    const run = await w.runInvoice({ contract_id: contract.id, slack_channel: '#invoices' });
    expect(run.result).toEqual(expect.objectContaining({ status: 'UNFINISHED', slack_alert: 'posted', slack_channel: 'C0INVOICES', slack_error: '' }));
    const [message] = await w.slackMessages();
    expect(message.text).toContain('Asiakas Oy');
    expect(message.text).toContain(contract.number);
  });

  it("marks the alert with the invoice's metadata, so it can be found and updated later", async () => {
    const contract = await w.acceptedContract();
    const run = await w.runInvoice({ contract_id: contract.id, slack_channel: '#invoices' });
    const [message] = await w.slackMessages();
    expect(message.metadata).toEqual({
      event_type: 'procountor_invoice_tracked',
      event_payload: {
        invoice_id: run.result!.invoice_id,
        invoice_number: run.result!.invoice_number,
        status: 'UNFINISHED',
        paid: 0,
        payments: 0,
        sent_on: '',
        overdue: false,
        credited: '',
      },
    });
    // Post to Slack's alert does the same when the Invoice is mapped in, and posts it once per invoice.
    const post = { channel: '#invoices', invoice_id: run.result!.invoice_id, invoice_number: run.result!.invoice_number, customer_name: 'Asiakas Oy' };
    expect((await w.run(POST, post)).result!.already_posted).toBe(true);
    expect((await w.run(POST, { ...post, channel: '#general' })).result!.already_posted).toBe(false);
    expect((await w.slackMessages())[1].metadata.event_payload.invoice_id).toBe(run.result!.invoice_id);
  });

  it('keeps the invoice when Slack fails, says why, and posts once on replay without a second invoice', async () => {
    const contract = await w.acceptedContract();
    await w.slack.control('faults', { error: 'not_in_channel' });
    const first = await w.runInvoice({ contract_id: contract.id, slack_channel: '#invoices' });
    expect(first.result).toEqual(expect.objectContaining({ status: 'UNFINISHED', already_existed: false, slack_alert: 'failed' }));
    expect(first.result!.slack_error).toContain('/invite @your-bot');
    const replay = await w.runInvoice({ contract_id: contract.id, slack_channel: '#invoices' });
    expect(replay.result).toEqual(expect.objectContaining({ already_existed: true, slack_alert: 'posted', invoice_id: first.result!.invoice_id }));
    const again = await w.runInvoice({ contract_id: contract.id, slack_channel: '#invoices' });
    expect(again.result!.slack_alert).toBe('already_posted');
    expect((await w.state()).invoices).toHaveLength(1);
    expect(await w.slackMessages()).toHaveLength(1);
  });
});
