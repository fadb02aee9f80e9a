// The Slack sandbox's test controls under /_sandbox/, which faults never touch: reset, the messages as they are now,
// a person's message, a deleted message, scopes, channels, the workspace's edit window, the posting pace and faults.
// Channels and people are the first workspace's (SLACK_SANDBOX's); the second workspace keeps its seed channels.
import { json, type Fault } from '../http';
import { findChannel } from './access';
import { DOCUMENTED_ERRORS } from './reference';
import type { Channel, SlackRoutes } from './state';

export const controlRoutes = ({ router, state, store, pace, faults, reset }: SlackRoutes) => {
  router.on('POST', '/_sandbox/reset', () => {
    reset();
    return json(200, { ok: true });
  });
  /** Every message as it is now, in posting order: a reply's thread_ts is its parent's ts, a parent counts its replies. */
  router.on('GET', '/_sandbox/messages', () => json(200, { messages: store.snapshot() }));
  /** A person's message: `{"channel", "text", "thread_ts"}` (the bot may not update it, and history holds it). */
  router.on('POST', '/_sandbox/messages', (req) => {
    const body = (req.body ?? {}) as { channel?: string; text?: string; thread_ts?: string; user?: string };
    const channel = findChannel(state, body.channel);
    if (!channel) return json(400, { ok: false, error: 'channel_not_found' });
    const message = store.add({
      channel: channel.id,
      text: String(body.text ?? ''),
      blocks: null,
      thread_ts: body.thread_ts ?? null,
      reply_broadcast: false,
      metadata: null,
      bot_id: null,
      user: body.user ?? 'U0PERSON',
      username: null,
      icon_emoji: null,
      icon_url: null,
      unfurl_links: null,
    });
    return json(200, store.held(message));
  });
  /** Someone deleted a message in Slack: `{"channel", "ts"}`. */
  router.on('POST', '/_sandbox/messages/delete', (req) => {
    const body = (req.body ?? {}) as { channel?: string; ts?: string };
    const channel = findChannel(state, body.channel);
    return json(200, { deleted: Boolean(channel && store.remove(channel.id, String(body.ts ?? ''))) });
  });
  router.on('POST', '/_sandbox/scopes', (req) => {
    const scopes = (req.body as { scopes?: unknown } | undefined)?.scopes;
    if (Array.isArray(scopes)) state.scopes = scopes.map(String);
    return json(200, { scopes: state.scopes });
  });
  /** Adds channels: `{"channels": [{id, name, is_private, is_archived, is_member}], "first": true}` puts them in front. */
  router.on('POST', '/_sandbox/channels', (req) => {
    const body = (req.body ?? {}) as { channels?: Channel[]; first?: boolean };
    const added = Array.isArray(body.channels) ? body.channels : [];
    state.channels = body.first ? [...added, ...state.channels] : [...state.channels, ...added];
    return json(200, { channels: state.channels.length });
  });
  /** Changes a channel as a person would in Slack, e.g. `{"is_archived": true}` or `{"is_member": false}`. */
  router.on('POST', '/_sandbox/channels/:id', (req) => {
    const channel = findChannel(state, req.params.id);
    if (!channel) return json(404, { ok: false, error: 'channel_not_found' });
    const body = (req.body ?? {}) as Partial<Channel>;
    for (const key of ['is_archived', 'is_member', 'is_private'] as const) if (typeof body[key] === 'boolean') channel[key] = body[key];
    return json(200, channel);
  });
  /** The workspace's message settings: `{"messageEditWindowMinutes": 0}` (null: editing is never closed). */
  router.on('POST', '/_sandbox/workspace', (req) => {
    const body = (req.body ?? {}) as { messageEditWindowMinutes?: number | null };
    if (body.messageEditWindowMinutes !== undefined) state.workspace.messageEditWindowMinutes = body.messageEditWindowMinutes;
    return json(200, state.workspace);
  });
  /** The posting pace, e.g. `{"burst": 2}` to reach `rate_limited` in a test without 21 posts. */
  router.on('POST', '/_sandbox/pace', (req) => {
    const body = (req.body ?? {}) as { burst?: number; perSecond?: number };
    if (body.burst !== undefined) pace.settings.burst = body.burst;
    if (body.perSecond !== undefined) pace.settings.perSecond = body.perSecond;
    pace.reset();
    return json(200, pace.settings);
  });
  router.on('POST', '/_sandbox/faults', (req) => {
    const body = (req.body ?? {}) as Fault & { error?: string; needed?: string; clear?: boolean; method?: string };
    if (body.clear) {
      faults.clear();
      state.errorFaults = [];
    }
    if (body.error) {
      // A fault answers with a code Slack documents, or the control says no: a typo must not pass for Slack.
      if (!DOCUMENTED_ERRORS.has(body.error)) return json(400, { ok: false, error: `${body.error} is not an error code Slack documents for these methods` });
      state.errorFaults.push({ error: body.error, count: body.count ?? 1, needed: body.needed, retryAfter: body.retryAfter, method: body.method });
    } else if (body.status !== undefined || body.drop || body.dropAfter || body.latencyMs !== undefined) {
      faults.arm(body.status === 429 && body.body === undefined ? { ...body, body: { ok: false, error: 'ratelimited' } } : body);
    }
    return json(200, { ok: true });
  });
};
