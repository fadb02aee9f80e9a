// conversations.list, conversations.history and conversations.replies, as their method pages describe them
// (./reference.ts names the source of every rule): short pages, opaque cursors, the *:read and *:history scopes.
import { json } from '../http';
import { isChannel, needScope, readableChannel } from './access';
import { isTimestamp } from './messages';
import { LIMITS } from './reference';
import type { Args, SlackRoutes, Workspace } from './state';
import { fail } from './webApi';

const listChannels = (ws: Workspace, a: Args) => {
  const types = String(a.types ?? 'public_channel').split(',');
  const needed = [...(types.includes('public_channel') ? ['channels:read'] : []), ...(types.includes('private_channel') ? ['groups:read'] : [])];
  const refused = needScope(ws, needed);
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
};

/** [ch], [cr] `limit`: a whole number up to its maximum; past it (not published what Slack answers) invalid_arguments. */
const limitOf = (a: Args, max: number) => {
  const limit = a.limit === undefined || a.limit === '' ? LIMITS.historyPageDefault : Number(a.limit);
  return Number.isInteger(limit) && limit >= 1 && limit <= max ? limit : undefined;
};
/** [ch] oldest and latest are timestamps: anything else answers invalid_ts_oldest / invalid_ts_latest. */
const timeRange = (a: Args) => {
  const oldest = a.oldest === undefined || a.oldest === '' ? undefined : String(a.oldest);
  const latest = a.latest === undefined || a.latest === '' ? undefined : String(a.latest);
  if (oldest !== undefined && !isTimestamp(oldest)) return { error: 'invalid_ts_oldest' };
  if (latest !== undefined && !isTimestamp(latest)) return { error: 'invalid_ts_latest' };
  return { oldest, latest, inclusive: String(a.inclusive) === 'true' || String(a.inclusive) === '1' };
};
const withMetadata = (a: Args) => String(a.include_all_metadata) === 'true' || String(a.include_all_metadata) === '1';
const pageAnswer = (page: { error: string } | { items: object[]; hasMore: boolean; next: string }) =>
  'error' in page
    ? fail(page.error)
    : json(200, { ok: true, messages: page.items, has_more: page.hasMore, pin_count: 0, response_metadata: { next_cursor: page.next } });

const history = ({ store }: SlackRoutes, a: Args, ws: Workspace) => {
  const channel = readableChannel(ws, a.channel);
  if (!isChannel(channel)) return channel;
  const limit = limitOf(a, LIMITS.historyPageMax);
  if (limit === undefined) return fail('invalid_arguments');
  const range = timeRange(a);
  if ('error' in range) return fail(range.error!);
  return pageAnswer(store.history(channel.id, { ...range, limit, cursor: a.cursor, withMetadata: withMetadata(a) }));
};

const replies = ({ store }: SlackRoutes, a: Args, ws: Workspace) => {
  const channel = readableChannel(ws, a.channel);
  if (!isChannel(channel)) return channel;
  const limit = limitOf(a, LIMITS.repliesPageMax);
  if (limit === undefined) return fail('invalid_arguments');
  return pageAnswer(store.replies(channel.id, String(a.ts ?? ''), { limit, cursor: a.cursor, withMetadata: withMetadata(a) }));
};

export const conversationRoutes = (routes: SlackRoutes) => {
  routes.method('conversations.list', (a, ws) => listChannels(ws, a));
  routes.method('conversations.history', (a, ws) => history(routes, a, ws));
  routes.method('conversations.replies', (a, ws) => replies(routes, a, ws));
};
