import { defineTrigger, type Bundle, type ZObject } from 'zapier-platform-core';
import { slackFor } from '../lib/slack/client';
import { outputFields } from '../lib/fields/outputFields';

/** Slack pages channels by cursor; Zapier asks for page numbers, so the cursor rides in z.cursor. */
const perform = async (z: ZObject, bundle: Bundle) => {
  const page = Number(bundle.meta?.page ?? 0);
  const cursor = page > 0 ? (await z.cursor.get()) || undefined : undefined;
  if (page > 0 && !cursor) return [];
  const { channels, nextCursor } = await slackFor(z, bundle).channelsFrom(cursor);
  await z.cursor.set(nextCursor);
  return channels.map((c) => ({
    id: c.id,
    name: `${c.is_private ? '🔒' : '#'}${c.name ?? c.id}`,
    is_private: Boolean(c.is_private),
    is_member: Boolean(c.is_member),
  }));
};

export default defineTrigger({
  key: 'slack_channel_list',
  noun: 'Slack Channel',
  display: { label: 'List Slack Channels', description: 'Triggers when a dropdown needs the Slack channels the bot can see.', hidden: true },
  operation: {
    perform,
    canPaginate: true,
    sample: { id: 'C0INVOICES', name: '#invoices', is_private: false, is_member: true },
    outputFields: outputFields(['id', 'Channel ID'], ['name', 'Channel'], ['is_private', 'Private', 'boolean'], ['is_member', 'Bot Is a Member', 'boolean']),
  },
});
