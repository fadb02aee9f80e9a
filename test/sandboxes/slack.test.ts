// The Slack sandbox against Slack's published behaviour (sandboxes/slack/reference.ts names each source): one test per
// rule, each with the counter-example that shows the rule can fail. Spoken to over HTTP the way @slack/web-api does
// (form-encoded, blocks as a JSON string), without the app.
import fs from 'node:fs';
import path from 'node:path';
import { CHAT_POST_MESSAGE_ERRORS, CONVERSATIONS_LIST_ERRORS, DOCUMENTED_ERRORS } from '../../sandboxes/slack/reference';
import { SLACK_SANDBOX, SLACK_SECOND_WORKSPACE } from '../../sandboxes/slack/server';
import { startSlack, type SlackHandle } from '../support/slackSandbox';

let slack: SlackHandle;
beforeAll(async () => {
  slack = await startSlack();
});
afterAll(() => slack.stop());
beforeEach(() => slack.control('reset', {}));

const call = (method: string, args: Record<string, unknown>, token?: string | null) => slack.call(method, args, token);
const post = (args: Record<string, unknown>) => call('chat.postMessage', { channel: 'C0INVOICES', ...args });
const plain = (text: string) => ({ type: 'plain_text', text });
const section = (text: string) => ({ type: 'section', text: plain(text) });
const stored = async () => (await slack.control('messages')).messages as any[];

describe('authentication and scopes', () => {
  it('answers not_authed without a token and invalid_auth for a wrong one', async () => {
    expect((await call('auth.test', {}, null)).body).toEqual({ ok: false, error: 'not_authed' });
    expect((await call('auth.test', {}, 'xoxb-wrong')).body).toEqual({ ok: false, error: 'invalid_auth' });
    expect((await call('auth.test', {})).body.ok).toBe(true);
  });

  it('gives its bot token every scope the README lists for the Slack app, the optional ones included', async () => {
    const readme = fs.readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
    const listed = [...readme.matchAll(/^\| `([a-z]+:[a-z.]+)` \|/gm)].map((m) => m[1]);
    expect(listed).toEqual(expect.arrayContaining(['chat:write', 'channels:history', 'groups:history']));
    expect((await call('auth.test', {})).headers.get('x-oauth-scopes')!.split(',').sort()).toEqual([...new Set(listed)].sort());
  });

  it("sends the token's scopes in x-oauth-scopes on every answer, errors included", async () => {
    await slack.control('scopes', { scopes: ['chat:write'] });
    const refused = await call('conversations.list', { types: 'public_channel' });
    expect(refused.body).toEqual({ ok: false, error: 'missing_scope', needed: 'channels:read', provided: 'chat:write' });
    expect(refused.headers.get('x-oauth-scopes')).toBe('chat:write');
    expect(refused.headers.get('x-accepted-oauth-scopes')).toContain('channels:read');
    // Slack cannot name the scopes of a token it did not accept.
    expect((await call('auth.test', {}, 'xoxb-wrong')).headers.get('x-oauth-scopes')).toBeNull();
  });

  it('lists private channels only with groups:read', async () => {
    await slack.control('scopes', { scopes: ['chat:write', 'channels:read'] });
    expect((await call('conversations.list', { types: 'public_channel,private_channel' })).body).toEqual(
      expect.objectContaining({ error: 'missing_scope', needed: 'groups:read' }),
    );
    expect((await call('conversations.list', { types: 'public_channel' })).body.ok).toBe(true);
  });

  it('posts a custom name and icon only with chat:write.customize, and under the app name without it', async () => {
    await slack.control('scopes', { scopes: ['chat:write'] });
    expect((await post({ text: 'a', username: 'Invoices', icon_emoji: ':receipt:' })).body.ok).toBe(true);
    await slack.control('scopes', { scopes: ['chat:write', 'chat:write.customize'] });
    expect((await post({ text: 'b', username: 'Invoices', icon_emoji: ':receipt:' })).body.message.username).toBe('Invoices');
    const [plainPost, customized] = await stored();
    expect(plainPost).toEqual(expect.objectContaining({ username: null, icon_emoji: null }));
    expect(customized).toEqual(expect.objectContaining({ username: 'Invoices', icon_emoji: ':receipt:' }));
  });
});

describe('two workspaces', () => {
  const second = SLACK_SECOND_WORKSPACE.botToken;

  it("answers auth.test with each token's own workspace and bot", async () => {
    expect((await call('auth.test', {})).body).toEqual(expect.objectContaining({ team_id: SLACK_SANDBOX.teamId, bot_id: SLACK_SANDBOX.botId }));
    expect((await call('auth.test', {}, second)).body).toEqual(
      expect.objectContaining({ ok: true, team_id: SLACK_SECOND_WORKSPACE.teamId, bot_id: SLACK_SECOND_WORKSPACE.botId }),
    );
  });

  it("lists, posts to and updates only the token's own workspace's channels", async () => {
    const listed = (await call('conversations.list', { types: 'public_channel', limit: 1000 }, second)).body.channels.map((c: any) => c.id);
    expect(listed).toEqual(['C2GENERAL', 'C2INVOICES']);
    expect((await call('conversations.list', { limit: 1000 })).body.channels.map((c: any) => c.id)).not.toContain('C2INVOICES');
    // The same name is another channel in each workspace; the other workspace's ID is no channel at all.
    expect((await call('chat.postMessage', { channel: '#invoices', text: 'b' }, second)).body).toEqual(
      expect.objectContaining({ ok: true, channel: 'C2INVOICES' }),
    );
    expect((await call('chat.postMessage', { channel: 'C0INVOICES', text: 'b' }, second)).body.error).toBe('channel_not_found');
    const first = (await post({ text: 'a' })).body.ts;
    expect((await call('chat.update', { channel: 'C0INVOICES', ts: first, text: 'b' }, second)).body.error).toBe('channel_not_found');
    expect((await call('chat.update', { channel: 'C0INVOICES', ts: first, text: 'b' })).body.ok).toBe(true);
    expect((await call('conversations.history', { channel: 'C0INVOICES' }, second)).body.error).toBe('channel_not_found');
  });
});

describe('conversations.list', () => {
  it('answers invalid_limit above 1000 or for a limit that is not a whole number, instead of capping it', async () => {
    expect((await call('conversations.list', { limit: 1001 })).body).toEqual({ ok: false, error: 'invalid_limit' });
    expect((await call('conversations.list', { limit: 'ten' })).body).toEqual({ ok: false, error: 'invalid_limit' });
    expect((await call('conversations.list', { limit: 1000 })).body.ok).toBe(true);
  });

  it('answers invalid_cursor for a cursor it never gave out', async () => {
    expect((await call('conversations.list', { cursor: 'bm9wZQ==' })).body).toEqual({ ok: false, error: 'invalid_cursor' });
    const first = await call('conversations.list', { limit: 10 });
    expect((await call('conversations.list', { limit: 10, cursor: first.body.response_metadata.next_cursor })).body.ok).toBe(true);
  });

  it('returns short and even empty pages with a cursor when it leaves channels out', async () => {
    const archived = Array.from({ length: 300 }, (_, i) => ({ id: `C9OLD${i}`, name: `old-${i}`, is_private: false, is_archived: true, is_member: true }));
    await slack.control('channels', { channels: archived, first: true });
    const empty = await call('conversations.list', { limit: 200, exclude_archived: true });
    expect(empty.body.channels).toEqual([]);
    expect(empty.body.response_metadata.next_cursor).not.toBe('');
    const short = await call('conversations.list', { limit: 200, exclude_archived: true, cursor: empty.body.response_metadata.next_cursor });
    expect(short.body.channels.length).toBeGreaterThan(0);
    expect(short.body.channels.length).toBeLessThan(200);
    // The same page, archived channels included, is full.
    expect((await call('conversations.list', { limit: 200 })).body.channels).toHaveLength(200);
  });
});

describe('chat.postMessage: text', () => {
  it('answers no_text when there is neither text nor blocks', async () => {
    expect((await post({ text: '' })).body).toEqual({ ok: false, error: 'no_text' });
    expect((await post({ text: '', blocks: [section('hello')] })).body.ok).toBe(true);
  });

  it('posts text over 40,000 characters cut to 40,000, with the message_truncated warning', async () => {
    const long = await post({ text: 'y'.repeat(40_001) });
    expect(long.body).toEqual(expect.objectContaining({ ok: true, warning: 'message_truncated', response_metadata: { warnings: ['message_truncated'] } }));
    const exact = await post({ text: 'x'.repeat(40_000) });
    expect(exact.body.ok).toBe(true);
    expect(exact.body.warning).toBeUndefined();
    expect((await stored()).map((m) => m.text.length)).toEqual([40_000, 40_000]);
  });
});

describe('chat.postMessage: Block Kit', () => {
  const refused = async (blocks: unknown, error = 'invalid_blocks') => {
    const answer = await post({ text: 'fallback', blocks });
    expect(answer.body).toEqual(expect.objectContaining({ ok: false, error }));
    return answer.body;
  };
  const accepted = async (blocks: unknown) => expect((await post({ text: 'fallback', blocks })).body.ok).toBe(true);

  it('answers invalid_blocks_format for blocks that are not a JSON array', async () => {
    await refused('[{"type":', 'invalid_blocks_format');
    await refused({ type: 'divider' }, 'invalid_blocks_format');
    await accepted([{ type: 'divider' }]);
  });

  it('takes at most 50 blocks', async () => {
    await refused(Array.from({ length: 51 }, () => ({ type: 'divider' })));
    await accepted(Array.from({ length: 50 }, () => ({ type: 'divider' })));
  });

  it('takes a header of plain_text up to 150 characters', async () => {
    const body = await refused([{ type: 'header', text: plain('h'.repeat(151)) }]);
    expect(body.errors[0]).toContain('[json-pointer:/blocks/0/text/text]');
    await refused([{ type: 'header', text: { type: 'mrkdwn', text: 'h' } }]);
    await accepted([{ type: 'header', text: plain('h'.repeat(150)) }]);
  });

  it('takes section text of 1 to 3,000 characters', async () => {
    await refused([section('s'.repeat(3001))]);
    await refused([section('')]);
    await accepted([section('s'.repeat(3000))]);
  });

  it('takes up to 10 section fields of up to 2,000 characters', async () => {
    await refused([{ type: 'section', fields: Array.from({ length: 11 }, () => plain('f')) }]);
    await refused([{ type: 'section', fields: [plain('f'.repeat(2001))] }]);
    await accepted([{ type: 'section', fields: [...Array.from({ length: 9 }, () => plain('f')), plain('f'.repeat(2000))] }]);
  });

  it('takes only plain_text and mrkdwn text objects', async () => {
    await refused([{ type: 'section', text: { type: 'markdown', text: 'x' } }]);
    await refused([{ type: 'section', text: 'x' }]);
    await accepted([{ type: 'section', text: { type: 'mrkdwn', text: '*x*' } }]);
  });

  it('takes 1 to 10 context elements', async () => {
    await refused([{ type: 'context', elements: Array.from({ length: 11 }, () => plain('c')) }]);
    await refused([{ type: 'context', elements: [] }]);
    await accepted([
      { type: 'context', elements: [...Array.from({ length: 9 }, () => plain('c')), { type: 'image', image_url: 'https://x.test/i.png', alt_text: 'i' }] },
    ]);
  });

  it('refuses text with half an emoji (a broken surrogate pair)', async () => {
    await refused([section('invoice \ud83d')]);
    await refused([section('\ude00 invoice')]);
    await accepted([section('invoice \ud83d\ude00')]);
  });

  it('answers msg_blocks_too_long past 12,000 characters of block text in all', async () => {
    const body = await refused(
      [section('a'.repeat(3000)), section('b'.repeat(3000)), section('c'.repeat(3000)), section('d'.repeat(3000)), { type: 'header', text: plain('e') }],
      'msg_blocks_too_long',
    );
    expect(body.errors[0]).toContain('12001');
    await accepted([section('a'.repeat(3000)), section('b'.repeat(3000)), section('c'.repeat(3000)), section('d'.repeat(3000))]);
  });
});

describe('chat.postMessage: posting pace', () => {
  it('answers rate_limited past a short burst in one channel, while other channels still take messages', async () => {
    const answers = [];
    for (let i = 0; i < 21; i++) answers.push((await post({ text: `m${i}` })).body);
    expect(answers.slice(0, 20).every((a) => a.ok)).toBe(true);
    expect(answers[20]).toEqual({ ok: false, error: 'rate_limited' });
    expect((await post({ channel: 'C0GENERAL', text: 'elsewhere' })).body.ok).toBe(true);
  });

  it('takes one message a second again after the burst', async () => {
    await slack.control('pace', { burst: 1, perSecond: 10 });
    expect((await post({ text: 'first' })).body.ok).toBe(true);
    expect((await post({ text: 'too soon' })).body.error).toBe('rate_limited');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect((await post({ text: 'later' })).body.ok).toBe(true);
  });
});

describe('fault control', () => {
  it.each([...DOCUMENTED_ERRORS].filter((code) => code !== 'ratelimited'))('answers %s as HTTP 200 with ok: false', async (code) => {
    await slack.control('faults', { error: code, count: 1 });
    const answer = await call('auth.test', {});
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(expect.objectContaining({ ok: false, error: code }));
    expect((await call('auth.test', {})).body.ok).toBe(true);
  });

  it('answers ratelimited as HTTP 429 with Retry-After, or without it when none was asked for', async () => {
    await slack.control('faults', { error: 'ratelimited', retryAfter: 2, count: 1 });
    const limited = await call('auth.test', {});
    expect([limited.status, limited.headers.get('retry-after'), limited.body.error]).toEqual([429, '2', 'ratelimited']);
    await slack.control('faults', { error: 'ratelimited', count: 1 });
    const bare = await call('auth.test', {});
    expect([bare.status, bare.headers.get('retry-after')]).toEqual([429, null]);
  });

  it('limits a fault to one method when asked', async () => {
    await slack.control('faults', { error: 'invalid_limit', method: 'conversations.list' });
    expect((await call('auth.test', {})).body.ok).toBe(true);
    expect((await call('conversations.list', {})).body.error).toBe('invalid_limit');
  });

  it('refuses to send a code Slack does not document', async () => {
    const response = await fetch(`${slack.base}/_sandbox/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ error: 'rate_limitted' }),
    });
    expect(response.status).toBe(400);
    expect((await call('auth.test', {})).body.ok).toBe(true);
  });

  it("knows every code on Slack's two method pages", () => {
    expect(CHAT_POST_MESSAGE_ERRORS).toHaveLength(66);
    expect(CONVERSATIONS_LIST_ERRORS).toHaveLength(33);
    for (const code of ['rate_limited', 'msg_blocks_too_long', 'restricted_action', 'service_unavailable', 'invalid_limit'])
      expect(DOCUMENTED_ERRORS.has(code)).toBe(true);
  });
});
