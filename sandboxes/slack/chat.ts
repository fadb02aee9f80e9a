// chat.postMessage (threads and metadata included), chat.update and chat.getPermalink, as their method pages describe
// them (./reference.ts names the source of every rule): Block Kit limits, truncated long text, the posting pace.
import { json } from '../http';
import { findChannel, channelById, isChannel, writableChannel } from './access';
import { readMetadata } from './messages';
import { CUSTOMIZE_SCOPE, PUBLIC_SCOPE } from './reference';
import { checkMessage } from './rules';
import type { Args, SlackRoutes, Workspace } from './state';
import { fail } from './webApi';

const postMessage = ({ state, store, pace }: SlackRoutes, a: Args, ws: Workspace) => {
  const channel = writableChannel(ws, findChannel(ws, a.channel), 'is_archived');
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
    bot_id: ws.install.botId,
    user: ws.install.botUserId,
    username: customized ? (a.username ?? null) : null,
    icon_emoji: customized ? (a.icon_emoji ?? null) : null,
    icon_url: customized ? (a.icon_url ?? null) : null,
    unfurl_links: a.unfurl_links === undefined ? null : String(a.unfurl_links) === 'true',
  });
  const warning = verdict.warning ? { warning: verdict.warning, response_metadata: { warnings: [verdict.warning] } } : {};
  return json(200, { ok: true, channel: channel.id, ts: message.ts, message: store.view(message, true), ...warning });
};

// [up] Only the app's own messages, in an active channel, within the workspace's edit window; the message takes the
// text and blocks given: "If the text argument is provided and blocks are not provided, the blocks will be removed",
// an empty array removes them, and metadata left out is kept ("To remove previous metadata, include an empty
// object"). The owner's digest warns that a text-only update "can answer ok and change nothing"; the method page says
// the blocks go, and that is what the sandbox does (the app sends both every time either way).
const update = ({ state, store }: SlackRoutes, a: Args, ws: Workspace) => {
  // [up] "is_inactive: The message cannot be edited within a frozen, archived or deleted channel."
  const channel = writableChannel(ws, channelById(ws, a.channel), 'is_inactive');
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
};

const permalink = ({ store }: SlackRoutes, a: Args, ws: Workspace) => {
  const channel = findChannel(ws, a.channel);
  if (!channel) return fail('channel_not_found');
  if (!store.find(channel.id, a.message_ts)) return fail('message_not_found');
  return json(200, {
    ok: true,
    channel: channel.id,
    permalink: `${ws.install.url}archives/${channel.id}/p${String(a.message_ts).replace('.', '')}`,
  });
};

export const chatRoutes = (routes: SlackRoutes) => {
  routes.method('chat.postMessage', (a, ws) => postMessage(routes, a, ws));
  routes.method('chat.update', (a, ws) => update(routes, a, ws));
  routes.method('chat.getPermalink', (a, ws) => permalink(routes, a, ws));
};
