// The Slack sandbox's living-message methods against Slack's method pages (sandboxes/slack/reference.ts: [up]
// chat.update, [pm] threads, [md] metadata, [ch] conversations.history, [cr] conversations.replies): one test per rule,
// each with the counter-example that shows the rule can fail. Spoken to the way @slack/web-api speaks, without the app.
import { startSlack, type SlackHandle } from '../support/slackSandbox';

let slack: SlackHandle;
beforeAll(async () => {
  slack = await startSlack();
});
afterAll(() => slack.stop());
beforeEach(() => slack.control('reset', {}));

const section = (text: string) => ({ type: 'section', text: { type: 'plain_text', text } });
const metadata = (status: string) => ({ event_type: 'invoice_tracked', event_payload: { invoice_id: 9001, status } });
const post = async (args: Record<string, unknown> = {}) => {
  const answer = await slack.call('chat.postMessage', { channel: 'C0INVOICES', text: 'posted', ...args });
  expect(answer.body.ok).toBe(true);
  return answer.body.ts as string;
};
const update = (ts: string, args: Record<string, unknown> = {}) =>
  slack.call('chat.update', { channel: 'C0INVOICES', ts, text: 'updated', blocks: [section('updated')], ...args });
const stored = async (ts: string) => ((await slack.control('messages')).messages as any[]).find((m) => m.ts === ts);
const history = (args: Record<string, unknown> = {}) => slack.call('conversations.history', { channel: 'C0INVOICES', ...args });
const errorOf = async (answer: Promise<{ body: any }>) => (await answer).body.error as string | undefined;

describe('chat.update', () => {
  it('updates a message the bot posted, found by channel ID; a channel name answers channel_not_found', async () => {
    const ts = await post();
    expect(await errorOf(update(ts, { channel: '#invoices' }))).toBe('channel_not_found');
    expect(await errorOf(update(ts, { channel: 'invoices' }))).toBe('channel_not_found');
    const answer = (await update(ts)).body;
    expect(answer).toEqual(expect.objectContaining({ ok: true, channel: 'C0INVOICES', ts, text: 'updated' }));
    expect(await stored(ts)).toEqual(expect.objectContaining({ text: 'updated', blocks: [section('updated')], edited: expect.any(Object) }));
  });

  it('answers message_not_found for a ts no message has, or a message deleted in Slack', async () => {
    const ts = await post();
    expect(await errorOf(update('1700000000.000001'))).toBe('message_not_found');
    expect((await update(ts)).body.ok).toBe(true);
    await slack.control('messages/delete', { channel: 'C0INVOICES', ts });
    expect(await errorOf(update(ts))).toBe('message_not_found');
  });

  it('answers cant_update_message for a message a person posted', async () => {
    const person = await slack.control('messages', { channel: '#invoices', text: 'from a person' });
    expect(await errorOf(update(person.ts))).toBe('cant_update_message');
    expect((await update(await post())).body.ok).toBe(true);
  });

  it('answers edit_window_closed once the workspace edit window has passed', async () => {
    const ts = await post();
    await slack.control('workspace', { messageEditWindowMinutes: 60 });
    expect((await update(ts)).body.ok).toBe(true);
    await slack.control('workspace', { messageEditWindowMinutes: 0 });
    expect(await errorOf(update(ts))).toBe('edit_window_closed');
  });

  it('answers is_inactive in an archived channel', async () => {
    const ts = await post();
    expect((await update(ts)).body.ok).toBe(true);
    await slack.control('channels/C0INVOICES', { is_archived: true });
    expect(await errorOf(update(ts))).toBe('is_inactive');
  });

  it('takes the text and blocks given; text alone removes the blocks, an empty list of blocks too', async () => {
    const ts = await post({ blocks: [section('first')] });
    await slack.call('chat.update', { channel: 'C0INVOICES', ts, blocks: [section('second')] });
    expect(await stored(ts)).toEqual(expect.objectContaining({ text: 'posted', blocks: [section('second')] }));
    await slack.call('chat.update', { channel: 'C0INVOICES', ts, text: 'text only' });
    expect(await stored(ts)).toEqual(expect.objectContaining({ text: 'text only', blocks: null }));
    await update(ts);
    await slack.call('chat.update', { channel: 'C0INVOICES', ts, text: 'no blocks', blocks: [] });
    expect((await stored(ts)).blocks).toEqual([]);
    expect(await errorOf(slack.call('chat.update', { channel: 'C0INVOICES', ts }))).toBe('no_text');
  });

  it('keeps metadata left out, takes metadata given, and removes it for {}', async () => {
    const ts = await post({ metadata: metadata('UNFINISHED') });
    await update(ts);
    expect((await stored(ts)).metadata).toEqual(metadata('UNFINISHED'));
    await update(ts, { metadata: metadata('SENT') });
    expect((await stored(ts)).metadata).toEqual(metadata('SENT'));
    await update(ts, { metadata: {} });
    expect((await stored(ts)).metadata).toBeNull();
  });

  it('holds the new content to the rules chat.postMessage holds, and needs chat:write', async () => {
    const ts = await post();
    const long = Array.from({ length: 5 }, () => section('x'.repeat(3000)));
    expect(await errorOf(update(ts, { blocks: long }))).toBe('msg_blocks_too_long');
    expect(await errorOf(update(ts, { metadata: { event_payload: {} } }))).toBe('invalid_metadata_format');
    await slack.control('scopes', { scopes: ['channels:read'] });
    expect(await errorOf(update(ts))).toBe('missing_scope');
  });
});

describe('threads', () => {
  it('makes a reply of a message with thread_ts; the parent counts its replies and names the latest', async () => {
    const parent = await post();
    const first = await post({ thread_ts: parent, text: 'first reply' });
    const second = await post({ thread_ts: parent, text: 'second reply' });
    expect(await stored(first)).toEqual(expect.objectContaining({ thread_ts: parent }));
    expect(await stored(parent)).toEqual(expect.objectContaining({ thread_ts: null, reply_count: 2, latest_reply: second }));
    const [listed] = (await history()).body.messages;
    expect(listed).toEqual(expect.objectContaining({ ts: parent, thread_ts: parent, reply_count: 2, latest_reply: second, reply_users_count: 1 }));
  });

  it("puts a reply to a reply into the parent's thread", async () => {
    const parent = await post();
    const reply = await post({ thread_ts: parent });
    const nested = await post({ thread_ts: reply, text: 'to the reply' });
    expect((await stored(nested)).thread_ts).toBe(parent);
    expect((await stored(parent)).reply_count).toBe(2);
  });

  it('leaves replies out of the channel history unless they were also sent to the channel', async () => {
    const parent = await post();
    await post({ thread_ts: parent, text: 'in the thread' });
    const broadcast = await post({ thread_ts: parent, text: 'also in the channel', reply_broadcast: true });
    const listed = (await history()).body.messages;
    expect(listed.map((m: any) => m.ts)).toEqual([broadcast, parent]);
    expect(listed[0]).toEqual(expect.objectContaining({ subtype: 'thread_broadcast', thread_ts: parent }));
  });
});

describe('message metadata', () => {
  it('shows metadata in the history only with include_all_metadata', async () => {
    await post({ metadata: metadata('UNFINISHED') });
    expect((await history()).body.messages[0].metadata).toBeUndefined();
    expect((await history({ include_all_metadata: true })).body.messages[0].metadata).toEqual(metadata('UNFINISHED'));
  });

  it('refuses metadata without an event_type or with a payload that is not an object', async () => {
    for (const bad of [{ event_payload: { a: 1 } }, { event_type: 'x', event_payload: 'a' }, '{not json', [metadata('SENT')]]) {
      expect(await errorOf(slack.call('chat.postMessage', { channel: 'C0INVOICES', text: 'm', metadata: bad }))).toBe('invalid_metadata_format');
    }
    expect((await slack.control('messages')).messages).toEqual([]);
    await post({ metadata: metadata('SENT') });
  });
});

describe('conversations.history', () => {
  it('needs channels:history in a public channel and groups:history in a private one', async () => {
    await slack.control('scopes', { scopes: ['chat:write', 'groups:history'] });
    expect((await history()).body).toEqual(expect.objectContaining({ error: 'missing_scope', needed: 'channels:history' }));
    expect((await history({ channel: 'G0FINANCE' })).body.ok).toBe(true);
    await slack.control('scopes', { scopes: ['chat:write', 'channels:history'] });
    expect((await history({ channel: 'G0FINANCE' })).body).toEqual(expect.objectContaining({ error: 'missing_scope', needed: 'groups:history' }));
    expect((await history()).body.ok).toBe(true);
  });

  it('reads only channels the bot is in, by ID', async () => {
    expect((await slack.call('chat.postMessage', { channel: 'C0RANDOM', text: 'with chat:write.public' })).body.ok).toBe(true);
    expect(await errorOf(history({ channel: 'C0RANDOM' }))).toBe('not_in_channel');
    expect(await errorOf(history({ channel: 'G0BOARD' }))).toBe('channel_not_found');
    expect(await errorOf(history({ channel: '#invoices' }))).toBe('channel_not_found');
    expect((await history()).body.ok).toBe(true);
  });

  it('lists the newest first, after oldest and before latest, each of them included only when inclusive', async () => {
    const [a, b, c] = [await post({ text: 'a' }), await post({ text: 'b' }), await post({ text: 'c' })];
    expect((await history()).body.messages.map((m: any) => m.text)).toEqual(['c', 'b', 'a']);
    expect((await history({ oldest: a, latest: c })).body.messages.map((m: any) => m.ts)).toEqual([b]);
    expect((await history({ oldest: a, latest: c, inclusive: true })).body.messages.map((m: any) => m.ts)).toEqual([c, b, a]);
    expect(await errorOf(history({ oldest: 'yesterday' }))).toBe('invalid_ts_oldest');
    expect(await errorOf(history({ latest: '1.2.3' }))).toBe('invalid_ts_latest');
  });

  it('pages by limit and cursor, says has_more, and takes a limit of at most 999', async () => {
    for (const text of ['1', '2', '3', '4', '5']) await post({ text });
    const first = (await history({ limit: 2 })).body;
    expect([first.messages.map((m: any) => m.text), first.has_more]).toEqual([['5', '4'], true]);
    const last = (await history({ limit: 2, cursor: (await history({ limit: 4 })).body.response_metadata.next_cursor })).body;
    expect([last.messages.map((m: any) => m.text), last.has_more, last.response_metadata.next_cursor]).toEqual([['1'], false, '']);
    expect((await history({ limit: 2, cursor: first.response_metadata.next_cursor })).body.messages.map((m: any) => m.text)).toEqual(['3', '2']);
    expect(await errorOf(history({ cursor: 'bm9wZQ==' }))).toBe('invalid_cursor');
    expect(await errorOf(history({ limit: 1000 }))).toBe('invalid_arguments');
    expect((await history({ limit: 999 })).body.messages).toHaveLength(5);
  });
});

describe('conversations.replies', () => {
  it("answers the parent and then its replies, oldest first, from the parent's ts or a reply's", async () => {
    const parent = await post({ text: 'parent', metadata: metadata('SENT') });
    const first = await post({ thread_ts: parent, text: 'one' });
    await post({ thread_ts: parent, text: 'two' });
    const fromParent = (await slack.call('conversations.replies', { channel: 'C0INVOICES', ts: parent, include_all_metadata: true })).body;
    expect(fromParent.messages.map((m: any) => m.text)).toEqual(['parent', 'one', 'two']);
    expect(fromParent.messages[0].metadata).toEqual(metadata('SENT'));
    const fromReply = (await slack.call('conversations.replies', { channel: 'C0INVOICES', ts: first })).body;
    expect(fromReply.messages.map((m: any) => m.text)).toEqual(['parent', 'one', 'two']);
    expect(fromReply.messages[0].metadata).toBeUndefined();
  });

  it('answers a message without replies alone, and thread_not_found for a ts no message has', async () => {
    const lone = await post({ text: 'lone' });
    expect((await slack.call('conversations.replies', { channel: 'C0INVOICES', ts: lone })).body.messages.map((m: any) => m.text)).toEqual(['lone']);
    expect(await errorOf(slack.call('conversations.replies', { channel: 'C0INVOICES', ts: '1700000000.000009' }))).toBe('thread_not_found');
  });

  it('needs the history scope of the channel, as conversations.history does', async () => {
    const parent = await post();
    await slack.control('scopes', { scopes: ['chat:write'] });
    expect((await slack.call('conversations.replies', { channel: 'C0INVOICES', ts: parent })).body).toEqual(
      expect.objectContaining({ error: 'missing_scope', needed: 'channels:history' }),
    );
  });
});
