// Which channels a sandbox token may see (its own workspace's only: [pm] any other is channel_not_found), read and write, and the scopes each needs, as Slack's method pages say
// (./reference.ts names the sources). Each check answers the channel, or the error Slack answers instead.
import type { SandboxResponse } from '../http';
import { HISTORY_SCOPE } from './reference';
import type { Channel, SlackSandboxState } from './state';

/** What a lookup needs: a workspace's channels and the token's scopes (the state itself: the first workspace). */
type Seen = Pick<SlackSandboxState, 'channels' | 'scopes'>;
import { fail } from './webApi';

/** A channel by ID or by name, with or without its `#`. */
export const findChannel = (state: Seen, ref: unknown) => {
  const key = String(ref ?? '').replace(/^#/, '');
  return state.channels.find((c) => c.id === key || c.name === key);
};

/** [up] chat.update takes the channel's ID ("Channel containing the message"; [ref] "`channel` id, not a name"), [ch] "Conversation ID". */
export const channelById = (state: Seen, ref: unknown) => state.channels.find((c) => c.id === String(ref ?? ''));

export const isChannel = (value: Channel | SandboxResponse): value is Channel => 'id' in value;

/** missing_scope naming the first of `needed` the token lacks; undefined when it has them all. */
export const needScope = (state: Seen, needed: string[]) => {
  const missing = needed.find((s) => !state.scopes.includes(s));
  return missing ? fail('missing_scope', { needed: missing, provided: state.scopes.join(',') }) : undefined;
};

/** [pm] A private channel the bot is not in is, to the bot, no channel at all. */
const visible = (channel: Channel | undefined): Channel | SandboxResponse =>
  channel && (!channel.is_private || channel.is_member) ? channel : fail('channel_not_found');

/** A channel the bot may read: [ch] a bot token reads "any conversation the relevant bot is a member of", with its *:history scope. */
export const readableChannel = (state: Seen, ref: unknown): Channel | SandboxResponse => {
  const channel = visible(channelById(state, ref));
  if (!isChannel(channel)) return channel;
  return needScope(state, [channel.is_private ? HISTORY_SCOPE.private : HISTORY_SCOPE.public]) ?? (channel.is_member ? channel : fail('not_in_channel'));
};

/** [pm], [up] chat:write, then a channel the bot can see and that is not archived (each method names that its own way). */
export const writableChannel = (state: Seen, channel: Channel | undefined, whenArchived: string): Channel | SandboxResponse => {
  const seen = needScope(state, ['chat:write']) ?? visible(channel);
  if (!isChannel(seen)) return seen;
  return seen.is_archived ? fail(whenArchived) : seen;
};
