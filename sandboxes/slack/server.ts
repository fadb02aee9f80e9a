// A local stand-in for Slack's Web API: auth.test, conversations.list, chat.postMessage (threads and metadata
// included), chat.update, chat.getPermalink, conversations.history and conversations.replies, speaking as Slack
// documents it (./reference.ts names the source of every rule): HTTP 200 with ok/error, 429 with Retry-After, the
// token's scopes in `x-oauth-scopes` on every answer, Block Kit limits, truncated long text, short pages. The app is
// installed in two workspaces, each token seeing only its own.
import { bearerToken, FaultBox, json, Router, serve, type SandboxRequest, type SandboxResponse } from '../http';
import { createMessageStore, isTimestamp, readMetadata } from './messages';
import { CUSTOMIZE_SCOPE, HISTORY_SCOPE, HTTP_429_ERRORS, LIMITS, POSTING_PACE, PUBLIC_SCOPE } from './reference';
import { checkMessage } from './rules';
import { controlRoutes } from './controls';
import {
  DEFAULT_SCOPES,
  postingPace,
  seedChannels,
  seedSecondChannels,
  SLACK_SANDBOX,
  SLACK_SECOND_WORKSPACE,
  type Channel,
  type ErrorFault,
  type Installation,
  type SlackSandboxState,
} from './state';

export { SLACK_SANDBOX, SLACK_SECOND_WORKSPACE } from './state';

/** The workspace a token belongs to, as a method sees it: who the bot is there, and that workspace's channels. */
interface Workspace {
  install: Installation;
  channels: Channel[];
}

/** [cl] What a method accepts, sent back in `x-accepted-oauth-scopes` as Slack does. */
const ACCEPTED_SCOPES: Record<string, string> = {
  'auth.test': '',
  'conversations.list': 'channels:read,groups:read,mpim:read,im:read',
  'chat.postMessage': 'chat:write',
  'chat.update': 'chat:write',
  'chat.getPermalink': '',
  'conversations.history': 'channels:history,groups:history,mpim:history,im:history',
  'conversations.replies': 'channels:history,groups:history,mpim:history,im:history',
};

export const createSlackSandbox = () => {
  const faults = new FaultBox();
  const router = new Router();
  const store = createMessageStore();
  const pace = postingPace({ ...POSTING_PACE });
  const state: SlackSandboxState = {
    channels: seedChannels(),
    secondChannels: seedSecondChannels(),
    scopes: [...DEFAULT_SCOPES],
    errorFaults: [],
    // [up] "edit_window_closed: The message cannot be edited due to the team message edit settings"; null: no limit.
    workspace: { messageEditWindowMinutes: null },
  };
  const reset = () => {
    state.channels = seedChannels();
    state.secondChannels = seedSecondChannels();
    state.scopes = [...DEFAULT_SCOPES];
    state.errorFaults = [];
    state.workspace.messageEditWindowMinutes = null;
    store.reset();
    Object.assign(pace.settings, POSTING_PACE);
    pace.reset();
    faults.clear();
  };

  const fail = (error: string, extra: object = {}) => json(200, { ok: false, error, ...extra });
  const args = (req: SandboxRequest): Record<string, any> => {
    const fromBody = req.body && typeof req.body === 'object' ? (req.body as Record<string, any>) : {};
    return { ...Object.fromEntries(req.query), ...fromBody };
  };
  const needScope = (needed: string[]) => {
    const missing = needed.find((s) => !state.scopes.includes(s));
    return missing ? fail('missing_scope', { needed: missing, provided: state.scopes.join(',') }) : undefined;
  };
  const takeFault = (methodName: string) => {
    const fault = state.errorFaults.find((f) => !f.method || f.method === methodName);
    if (!fault) return undefined;
    fault.count -= 1;
    if (fault.count <= 0) state.errorFaults = state.errorFaults.filter((f) => f !== fault);
    return fault;
  };
  const faultAnswer = (fault: ErrorFault): SandboxResponse => {
    if (HTTP_429_ERRORS.has(fault.error)) {
      // [ref] "Retry-After in seconds; the header may be missing".
      return json(429, { ok: false, error: fault.error }, fault.retryAfter === undefined ? {} : { 'Retry-After': String(fault.retryAfter) });
    }
    return fail(fault.error, fault.error === 'missing_scope' ? { needed: fault.needed ?? 'chat:write', provided: state.scopes.join(',') } : {});
  };
  /** [tt] Each token is one install of the app, in one workspace. */
  const workspaceOf = (token: string): Workspace | undefined => {
    if (token === SLACK_SANDBOX.botToken) return { install: SLACK_SANDBOX, channels: state.channels };
    if (token === SLACK_SECOND_WORKSPACE.botToken) return { install: SLACK_SECOND_WORKSPACE, channels: state.secondChannels };
    return undefined;
  };
  const method = (name: string, handler: (a: Record<string, any>, ws: Workspace) => SandboxResponse) =>
    router.on('POST', `/api/${name}`, (req) => {
      const token = bearerToken(req) ?? args(req).token;
      if (!token) return fail('not_authed');
      const ws = workspaceOf(String(token));
      if (!ws) return fail('invalid_auth');
      const fault = takeFault(name);
      const answer = fault ? faultAnswer(fault) : handler(args(req), ws);
      // [ref] "every answer carries the token's scopes in the x-oauth-scopes header".
      return { ...answer, headers: { ...answer.headers, 'x-oauth-scopes': state.scopes.join(','), 'x-accepted-oauth-scopes': ACCEPTED_SCOPES[name] ?? '' } };
    });
  /** [pm] A channel by its ID or name, in the token's own workspace only. */
  const findChannel = (ref: unknown, ws: Workspace) => {
    const key = String(ref ?? '').replace(/^#/, '');
    return ws.channels.find((c) => c.id === key || c.name === key);
  };
  const isChannel = (value: Channel | SandboxResponse): value is Channel => 'id' in value;
  /** [pm] A private channel the bot is not in is, to the bot, no channel at all. */
  const visible = (channel: Channel | undefined): Channel | SandboxResponse =>
    channel && (!channel.is_private || channel.is_member) ? channel : fail('channel_not_found');
  /** [up] chat.update takes the channel's ID ("Channel containing the message"; [ref] "`channel` id, not a name"), [ch] "Conversation ID". */
  const channelById = (ref: unknown, ws: Workspace) => ws.channels.find((c) => c.id === String(ref ?? ''));
  /** A channel the bot may read: [ch] a bot token reads "any conversation the relevant bot is a member of", with its *:history scope. */
  const readableChannel = (ref: unknown, ws: Workspace): Channel | SandboxResponse => {
    const channel = visible(channelById(ref, ws));
    if (!isChannel(channel)) return channel;
    return needScope([channel.is_private ? HISTORY_SCOPE.private : HISTORY_SCOPE.public]) ?? (channel.is_member ? channel : fail('not_in_channel'));
  };
  /** [pm], [up] chat:write, then a channel the bot can see and that is not archived (each method names that its own way). */
  const writableChannel = (channel: Channel | undefined, whenArchived: string): Channel | SandboxResponse => {
    const seen = needScope(['chat:write']) ?? visible(channel);
    if (!isChannel(seen)) return seen;
    return seen.is_archived ? fail(whenArchived) : seen;
  };
  const withMetadata = (a: Record<string, any>) => String(a.include_all_metadata) === 'true' || String(a.include_all_metadata) === '1';

  // [ref], [at] "tells you who you are": the token's own workspace and bot.
  method('auth.test', (_a, { install }) =>
    json(200, {
      ok: true,
      url: install.url,
      team: install.team,
      user: 'invoice-bot',
      team_id: install.teamId,
      user_id: install.botUserId,
      bot_id: install.botId,
    }),
  );

  method('conversations.list', (a, ws) => {
    const types = String(a.types ?? 'public_channel').split(',');
    const needed = [...(types.includes('public_channel') ? ['channels:read'] : []), ...(types.includes('private_channel') ? ['groups:read'] : [])];
    const refused = needScope(needed);
    if (refused) return refused;
    // [cl] "Must be an integer" no larger than 1000 [ref]; Slack answers invalid_limit rather than capping it.
    const limit = a.limit === undefined || a.limit === '' ? LIMITS.channelPageDefault : Number(a.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > LIMITS.channelPageMax) return fail('invalid_limit');
    const start = a.cursor ? Number(/^next:(\d+)$/.exec(Buffer.from(String(a.cursor), 'base64').toString('utf8'))?.[1] ?? NaN) : 0;
    if (!Number.isInteger(start) || start < 0) return fail('invalid_cursor');
    const excludeArchived = String(a.exclude_archived) === 'true';
    // [cl] "Fewer than the requested number of items may be returned, even if the end of the list hasn't been reached":
    // Slack pages first and leaves out what the caller may not see afterwards, so a page can be short or even empty
    // while next_cursor goes on.
    const window = ws.channels.slice(start, start + limit);
    const page = window
      .filter((c) => (c.is_private ? types.includes('private_channel') && c.is_member : types.includes('public_channel')))
      .filter((c) => !excludeArchived || !c.is_archived);
    const next = start + limit < ws.channels.length ? Buffer.from(`next:${start + limit}`).toString('base64') : '';
    return json(200, { ok: true, channels: page, response_metadata: { next_cursor: next } });
  });

  method('chat.postMessage', (a, { install, channels }) => {
    const channel = writableChannel(findChannel(a.channel, { install, channels }), 'is_archived');
    if (!isChannel(channel)) return channel;
    if (!channel.is_member && !state.scopes.includes(PUBLIC_SCOPE)) return fail('not_in_channel');
    const verdict = checkMessage({ text: typeof a.text === 'string' ? a.text : undefined, blocks: a.blocks });
    if (!verdict.ok) return fail(verdict.error, verdict.error === 'no_text' ? {} : { errors: [verdict.why] });
    const metadata = a.metadata === undefined ? { ok: true as const, metadata: null } : readMetadata(a.metadata);
    if (!metadata.ok) return fail('invalid_metadata_format');
    if (!pace.take(channel.id)) return fail('rate_limited');
    // [sc] Without chat:write.customize Slack ignores a custom name and icon and posts under the app's own.
    const customized = state.scopes.includes(CUSTOMIZE_SCOPE);
    const threadTs = a.thread_ts === undefined || a.thread_ts === '' ? null : String(a.thread_ts);
    const message = store.add({
      channel: channel.id,
      text: verdict.text,
      blocks: verdict.blocks,
      thread_ts: threadTs,
      // [pm] reply_broadcast is "used in conjunction with thread_ts".
      reply_broadcast: threadTs !== null && String(a.reply_broadcast) === 'true',
      metadata: metadata.metadata,
      bot_id: install.botId,
      user: install.botUserId,
      username: customized ? (a.username ?? null) : null,
      icon_emoji: customized ? (a.icon_emoji ?? null) : null,
      icon_url: customized ? (a.icon_url ?? null) : null,
      unfurl_links: a.unfurl_links === undefined ? null : String(a.unfurl_links) === 'true',
    });
    const warning = verdict.warning ? { warning: verdict.warning, response_metadata: { warnings: [verdict.warning] } } : {};
    return json(200, { ok: true, channel: channel.id, ts: message.ts, message: store.view(message, true), ...warning });
  });

  // [up] Only the app's own messages, in an active channel, within the workspace's edit window; the message takes the
  // text and blocks given: "If the text argument is provided and blocks are not provided, the blocks will be removed",
  // an empty array removes them, and metadata left out is kept ("To remove previous metadata, include an empty
  // object"). The owner's digest warns that a text-only update "can answer ok and change nothing"; the method page says
  // the blocks go, and that is what the sandbox does (the app sends both every time either way).
  method('chat.update', (a, ws) => {
    // [up] "is_inactive: The message cannot be edited within a frozen, archived or deleted channel."
    const channel = writableChannel(channelById(a.channel, ws), 'is_inactive');
    if (!isChannel(channel)) return channel;
    const message = store.find(channel.id, String(a.ts ?? ''));
    if (!message) return fail('message_not_found');
    // [up] "Only messages posted by the authenticated user are able to be updated ... Bot users may also update the messages they post."
    if (message.bot_id !== ws.install.botId) return fail('cant_update_message');
    const window = state.workspace.messageEditWindowMinutes;
    if (window !== null && Date.now() - message.postedAt >= window * 60_000) return fail('edit_window_closed');
    const hasText = typeof a.text === 'string' && a.text !== '';
    const blocksGiven = a.blocks !== undefined && a.blocks !== '';
    if (!hasText && !blocksGiven) return fail('no_text');
    const verdict = checkMessage({ text: hasText ? a.text : undefined, blocks: blocksGiven ? a.blocks : undefined });
    if (!verdict.ok) return fail(verdict.error, verdict.error === 'no_text' ? {} : { errors: [verdict.why] });
    const metadata = a.metadata === undefined ? undefined : readMetadata(a.metadata);
    if (metadata && !metadata.ok) return fail('invalid_metadata_format');
    if (hasText) message.text = verdict.text;
    message.blocks = blocksGiven || hasText ? verdict.blocks : message.blocks;
    if (metadata?.ok) message.metadata = metadata.metadata;
    message.edited = { user: ws.install.botUserId, ts: `${Math.floor(Date.now() / 1000)}.000000` };
    return json(200, { ok: true, channel: channel.id, ts: message.ts, text: message.text, message: store.view(message, true) });
  });

  method('chat.getPermalink', (a, ws) => {
    const channel = findChannel(a.channel, ws);
    if (!channel) return fail('channel_not_found');
    if (!store.find(channel.id, a.message_ts)) return fail('message_not_found');
    return json(200, {
      ok: true,
      channel: channel.id,
      permalink: `${ws.install.url}archives/${channel.id}/p${String(a.message_ts).replace('.', '')}`,
    });
  });

  /** [ch], [cr] `limit`: a whole number up to its maximum; past it (not published what Slack answers) invalid_arguments. */
  const limitOf = (a: Record<string, any>, max: number) => {
    const limit = a.limit === undefined || a.limit === '' ? LIMITS.historyPageDefault : Number(a.limit);
    return Number.isInteger(limit) && limit >= 1 && limit <= max ? limit : undefined;
  };
  /** [ch] oldest and latest are timestamps: anything else answers invalid_ts_oldest / invalid_ts_latest. */
  const timeRange = (a: Record<string, any>) => {
    const oldest = a.oldest === undefined || a.oldest === '' ? undefined : String(a.oldest);
    const latest = a.latest === undefined || a.latest === '' ? undefined : String(a.latest);
    if (oldest !== undefined && !isTimestamp(oldest)) return { error: 'invalid_ts_oldest' };
    if (latest !== undefined && !isTimestamp(latest)) return { error: 'invalid_ts_latest' };
    return { oldest, latest, inclusive: String(a.inclusive) === 'true' || String(a.inclusive) === '1' };
  };
  const pageAnswer = (page: { error: string } | { items: object[]; hasMore: boolean; next: string }) =>
    'error' in page
      ? fail(page.error)
      : json(200, { ok: true, messages: page.items, has_more: page.hasMore, pin_count: 0, response_metadata: { next_cursor: page.next } });

  method('conversations.history', (a, ws) => {
    const channel = readableChannel(a.channel, ws);
    if (!isChannel(channel)) return channel;
    const limit = limitOf(a, LIMITS.historyPageMax);
    if (limit === undefined) return fail('invalid_arguments');
    const range = timeRange(a);
    if ('error' in range) return fail(range.error!);
    return pageAnswer(store.history(channel.id, { ...range, limit, cursor: a.cursor, withMetadata: withMetadata(a) }));
  });

  method('conversations.replies', (a, ws) => {
    const channel = readableChannel(a.channel, ws);
    if (!isChannel(channel)) return channel;
    const limit = limitOf(a, LIMITS.repliesPageMax);
    if (limit === undefined) return fail('invalid_arguments');
    return pageAnswer(store.replies(channel.id, String(a.ts ?? ''), { limit, cursor: a.cursor, withMetadata: withMetadata(a) }));
  });

  controlRoutes({ router, state, store, pace, faults, reset });

  return {
    faults,
    messages: () => store.snapshot(),
    start: (port = SLACK_SANDBOX.defaultPort) => serve({ port, router, faults, notFound: () => json(404, { ok: false, error: 'unknown_method' }) }),
  };
};
