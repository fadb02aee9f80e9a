// Which channel a Zap means. Zap builders type "#invoices", "invoices" or "C0INVOICES"; what is posted once per channel,
// and where an invoice's message is, are kept by the channel's ID, so a name and the ID count as one channel.
import type { ZObject } from 'zapier-platform-core';
import { connectionCache } from '../zapier/cache';
import type { SlackClient } from '../slack/client';

/** A channel's name rarely moves to another channel: the ID found for it is kept as long as the invoice's message. */
const CHANNEL_ID_TTL_SECONDS = 30 * 24 * 3600;
/** Looking a channel up by name reads at most this many dropdown pages of the channel list. */
const NAME_LOOKUP_PAGES = 3;

const channelKey = (name: string) => `slack:channel-id:v1:${name}`;

/** Slack's channel IDs are capitals and digits; channel names are lower case. */
export const isChannelId = (channel: string) => /^[CGD][A-Z0-9]+$/.test(channel);

/** What a channel named in a Zap is called by Slack, learnt whenever Slack answers with its ID. */
export const rememberChannel = async (z: ZObject, asked: string, id: string) => {
  if (!isChannelId(asked))
    await connectionCache(z)
      .set(channelKey(asked), id, CHANNEL_ID_TTL_SECONDS)
      .catch(() => undefined);
};

/**
 * The ID of the channel the Zap names (as channelInput left it): as given, else from z.cache, else from the channel
 * list. Undefined when the bot sees no channel by that name, or may not list channels (it may still post by name).
 */
export const channelIdOf = async (z: ZObject, slack: SlackClient, channel: string): Promise<string | undefined> => {
  if (isChannelId(channel)) return channel;
  const known = await connectionCache(z)
    .get(channelKey(channel))
    .catch(() => undefined);
  if (typeof known === 'string') return known;
  const found = await slack.channelNamed(channel, NAME_LOOKUP_PAGES);
  if (!found.ok || !found.value) return undefined;
  await rememberChannel(z, channel, found.value.id);
  return found.value.id;
};
