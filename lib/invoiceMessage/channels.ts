// Which channel a Zap means. Zap builders type "#invoices", "invoices" or "C0INVOICES"; what is posted once per channel,
// and where an invoice's message is, are kept by the channel's ID, so a name and the ID count as one channel. Names
// are a workspace's own: the ID found for a name is kept per workspace.
import type { ZObject } from 'zapier-platform-core';
import { connectionCache } from '../zapier/cache';
import { RecentlyUsed } from '../zapier/connectionMemory';
import type { SlackClient } from '../slack/client';

/** A channel's name rarely moves to another channel: the ID found for it is kept as long as the invoice's message. */
const CHANNEL_ID_TTL_SECONDS = 30 * 24 * 3600;
/** Looking a channel up by name reads at most this many dropdown pages of the channel list. */
const NAME_LOOKUP_PAGES = 3;

const channelKey = (workspace: string, name: string) => `slack:channel-id:v2:${workspace}:${name}`;
/** IDs a warm container found, by the token that found them (its digest) and the name: a warm step asks z.cache nothing. */
const found = new RecentlyUsed<string>(500);
const memoryKey = (slack: SlackClient, name: string) => `${slack.tokenDigest}\n${name}`;

/** Slack's channel IDs are capitals and digits; channel names are lower case. */
export const isChannelId = (channel: string) => /^[CGD][A-Z0-9]+$/.test(channel);

/** What a channel named in a Zap is called by Slack, learnt whenever Slack answers with its ID. */
export const rememberChannel = async (z: ZObject, slack: SlackClient, workspace: string, asked: string, id: string) => {
  if (isChannelId(asked)) return;
  found.set(memoryKey(slack, asked), id);
  await connectionCache(z)
    .set(channelKey(workspace, asked), id, CHANNEL_ID_TTL_SECONDS)
    .catch(() => undefined);
};

/**
 * The ID of the channel the Zap names (as channelInput left it) in the token's workspace: as given, else from memory or
 * z.cache, else from the channel list. Undefined when the bot sees no channel by that name, or may not list channels
 * (it may still post by name).
 */
export const channelIdOf = async (z: ZObject, slack: SlackClient, workspace: string, channel: string): Promise<string | undefined> => {
  if (isChannelId(channel)) return channel;
  const held = found.get(memoryKey(slack, channel));
  if (held) return held;
  const known = await connectionCache(z)
    .get(channelKey(workspace, channel))
    .catch(() => undefined);
  if (typeof known === 'string') {
    found.set(memoryKey(slack, channel), known);
    return known;
  }
  const listed = await slack.channelNamed(channel, NAME_LOOKUP_PAGES);
  if (!listed.ok || !listed.value) return undefined;
  await rememberChannel(z, slack, workspace, channel, listed.value.id);
  return listed.value.id;
};
