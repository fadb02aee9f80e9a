// One living Slack message per invoice: found, updated in place to show where the invoice stands, with one thread
// reply per change; posted anew when it cannot be found or updated.
//
// Where the message is: z.cache remembers it per invoice, connection and Slack workspace (its channel, ts, what it
// shows, replies still to post). When z.cache has lost it, the channel's history is read with its metadata, from the invoice's date on, at
// most HISTORY_PAGES pages. Runs for one invoice take turns through a claim in z.cache, so two at once add one reply.
import crypto from 'node:crypto';
import type { ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';
import { addDays, finnishDate, helsinkiDayStartSeconds, todayInHelsinki } from '../rules/dates';
import { connectionCache } from '../zapier/cache';
import { withClaim } from '../zapier/claim';
import { channelInput, slackFor, type SlackClient, type SlackPost } from '../slack/client';
import { customMessage } from '../slack/message';
import { channelIdOf, isChannelId, rememberChannel } from './channels';
import { changesSince, invoiceMetadata, shownIn, shownOf, standingMessage, type InvoiceStanding, type Shown } from './standing';

/** As long as the new-invoice alert's mark: an invoice is usually paid within weeks; past this the history is read. */
const ENTRY_TTL_SECONDS = 30 * 24 * 3600;
/** The history is read 200 messages a page (Slack's advice), at most this many pages: 1,000 messages since the invoice date. */
const HISTORY_PAGE_SIZE = 200;
const HISTORY_PAGES = 5;
/** A run waiting for another run of the same invoice gives up after this and lets Zapier retry. */
const CLAIM_WAIT_MS = 20_000;

/** chat.update's answers that mean this message can no longer be updated: a new one takes its place. */
const CANNOT_UPDATE = new Set(['message_not_found', 'cant_update_message', 'edit_window_closed', 'is_inactive']);
/** conversations.history's answers that mean the app cannot look: no history scope, or not a member (chat:write.public). */
const CANNOT_SEARCH = new Set(['missing_scope', 'not_in_channel']);

const UPDATE_REASONS: Record<string, string> = {
  message_not_found: 'it is no longer in the channel; someone may have deleted it',
  cant_update_message: 'it was not posted by this Slack app',
  edit_window_closed: 'your Slack workspace no longer allows editing it',
  is_inactive: 'its channel is archived or frozen',
};

const Entry = zod.object({
  channel: zod.string(),
  names: zod.array(zod.string()).catch([]),
  ts: zod.string(),
  permalink: zod.string().catch(''),
  shown: zod.object({
    status: zod.string(),
    paid: zod.number(),
    payments: zod.number(),
    sentOn: zod.string(),
    overdue: zod.boolean().catch(false),
    credited: zod.string().catch(''),
  }),
  pending: zod.array(zod.string()).catch([]),
  fingerprint: zod.string().catch(''),
});
type Entry = zod.infer<typeof Entry>;

/** A message belongs to the Slack workspace it is in: a token of another workspace can neither see nor update it. */
const entryKey = (workspace: string, invoiceId: number) => `slack:invoice-message:v2:${workspace}:${invoiceId}`;

/** Where a run keeps the invoice's message: the Slack client, the token's workspace, and the entry's key in it. */
interface Place {
  slack: SlackClient;
  workspace: string;
  key: string;
}

/** What tells two renderings of a message apart, kept so that an unchanged invoice costs no chat.update. */
const fingerprintOf = (message: { text: string; blocks: object[] }) =>
  crypto.createHash('sha256').update(JSON.stringify(message)).digest('base64url').slice(0, 22);

const recall = async (z: ZObject, at: Place): Promise<Entry | undefined> => {
  try {
    const parsed = Entry.safeParse(await connectionCache(z).get(at.key));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
};

const remember = async (z: ZObject, key: string, entry: Entry) => {
  try {
    await connectionCache(z).set(key, entry, ENTRY_TTL_SECONDS);
  } catch (error) {
    // Without z.cache the history finds the message next time (with a history scope), else a new one is posted.
    z.console.log(`Could not remember the Slack message ${key}: ${(error as Error).message}`);
  }
};

/** Whether the channel the Zap names is the one the remembered message is in. */
const sameChannel = async (entry: Entry, wanted: string, channelId: () => Promise<string | undefined>) => {
  if (wanted === entry.channel || entry.names.includes(wanted)) return true;
  return !isChannelId(wanted) && (await channelId()) === entry.channel;
};

export interface LivingMessageRequest {
  /** As the Zap gives it: "#invoices", "invoices" or "C0INVOICES". */
  channel: string;
  standing: InvoiceStanding;
  /** The invoice's date (YYYY-MM-DD): the history is searched from that Helsinki day on (a day earlier, for zones). */
  searchFrom: string;
  note?: string;
  replyBroadcast?: boolean;
}

export interface LivingMessageOutcome {
  message_action: 'updated' | 'unchanged' | 'posted';
  channel: string;
  ts: string;
  permalink: string;
  replies_posted: number;
  warning: string;
}

type Search = { found: Entry } | { why: string };

/** The invoice's message in the channel's history, by its metadata; or why it was not found. */
const searchHistory = async (
  slack: SlackClient,
  wanted: string,
  channelId: () => Promise<string | undefined>,
  request: LivingMessageRequest,
): Promise<Search> => {
  const label = isChannelId(wanted) ? wanted : `#${wanted}`;
  const channel = await channelId();
  if (!channel) return { why: `the bot sees no channel ${label} to look for its message in` };
  // An invoice dated ahead cannot have had its message before today; any other from its date on.
  const today = todayInHelsinki();
  const from = addDays(/^\d{4}-\d{2}-\d{2}$/.test(request.searchFrom) && request.searchFrom < today ? request.searchFrom : today, -1);
  let cursor: string | undefined;
  let read = 0;
  for (let page = 0; page < HISTORY_PAGES; page++) {
    const answer = await slack.historyPage(channel, { oldest: helsinkiDayStartSeconds(from), limit: HISTORY_PAGE_SIZE, cursor }, CANNOT_SEARCH);
    if (!answer.ok) {
      return answer.code === 'missing_scope'
        ? {
            why:
              `Zapier no longer remembered its message, and the Slack app lacks the ${answer.needed ?? 'channels:history'} scope to look for it in ${label}. ` +
              'Add channels:history (and groups:history for private channels) under OAuth & Permissions in your Slack app, reinstall the app, and paste the new Bot User OAuth Token into this connection',
          }
        : {
            why: `Zapier no longer remembered its message, and the bot is not a member of ${label}, so it cannot read the channel (invite it with /invite @your-bot)`,
          };
    }
    read += answer.messages.length;
    for (const message of answer.messages) {
      // A reply also sent to the channel is not the message; only a message in the channel is.
      if (message.thread_ts && message.thread_ts !== message.ts) continue;
      const shown = shownIn(message.metadata, request.standing.invoiceId);
      if (shown) return { found: { channel, names: isChannelId(wanted) ? [] : [wanted], ts: message.ts, permalink: '', shown, pending: [], fingerprint: '' } };
    }
    cursor = answer.nextCursor || undefined;
    if (!cursor) {
      return {
        why: read
          ? `none of the ${read} messages in ${label} since ${finnishDate(from)} is its message`
          : `${label} has no messages since ${finnishDate(from)}`,
      };
    }
  }
  return { why: `none of the latest ${read} messages in ${label} since ${finnishDate(from)} is its message` };
};

const invoiceName = (standing: InvoiceStanding) => `invoice ${standing.invoiceNumber ?? `(ID ${standing.invoiceId})`}`;

/** Posts the invoice's message anew; it becomes the invoice's living message, and `why` goes into the warning. */
const postLiving = async (z: ZObject, at: Place, wanted: string, request: LivingMessageRequest, why: string): Promise<LivingMessageOutcome> => {
  const { standing } = request;
  const { slack } = at;
  const warning = `Posted a new Slack message for ${invoiceName(standing)}, which is updated from now on: ${why}.`;
  const message = standingMessage(standing, request.note);
  const shown = shownOf(standing);
  const posted = await slack.post({ channel: wanted, ...message, metadata: invoiceMetadata(standing.invoiceId, standing.invoiceNumber, shown) });
  const permalink = await slack.permalink(posted.channel, posted.ts).catch(() => '');
  const names = isChannelId(wanted) ? [] : [wanted];
  await rememberChannel(z, slack, at.workspace, wanted, posted.channel);
  await remember(z, at.key, { channel: posted.channel, names, ts: posted.ts, permalink, shown, pending: [], fingerprint: fingerprintOf(message) });
  return { message_action: 'posted', channel: posted.channel, ts: posted.ts, permalink, replies_posted: 0, warning };
};

/** Posts the replies one by one, remembering after each what is left, so a retry posts only the rest. */
const postReplies = async (z: ZObject, { slack, key }: Place, entry: Entry, replyBroadcast: boolean) => {
  let posted = 0;
  while (entry.pending.length) {
    const reply: SlackPost = { channel: entry.channel, ...customMessage(entry.pending[0]!), threadTs: entry.ts, replyBroadcast };
    await slack.post(reply);
    posted += 1;
    entry = { ...entry, pending: entry.pending.slice(1) };
    await remember(z, key, entry);
  }
  return posted;
};

/** Finds the invoice's message, updates it to show where the invoice stands, and tells each change in its thread. */
export const updateLivingMessage = (
  z: ZObject,
  bundle: { authData: Record<string, string | undefined> },
  request: LivingMessageRequest,
): Promise<LivingMessageOutcome> => {
  const { standing } = request;
  return withClaim(
    z,
    {
      key: `slack:invoice-message-claim:${standing.invoiceId}`,
      of: 'connection',
      waitMs: CLAIM_WAIT_MS,
      busyMessage: `Another run is updating the Slack message of ${invoiceName(standing)}. Zapier will retry this one shortly.`,
    },
    async () => {
      const slack = slackFor(z, bundle);
      const workspace = await slack.workspace();
      const at: Place = { slack, workspace, key: entryKey(workspace, standing.invoiceId) };
      const wanted = channelInput(request.channel);
      const remembered = await recall(z, at);
      // The channel's ID, looked up by its name at most once a run, and only when needed.
      let lookup: Promise<string | undefined> | undefined;
      const channelId = () => (lookup ??= channelIdOf(z, slack, workspace, wanted));
      const search: Search =
        remembered && (await sameChannel(remembered, wanted, channelId)) ? { found: remembered } : await searchHistory(slack, wanted, channelId, request);
      if (!('found' in search)) {
        return postLiving(z, at, wanted, request, search.why);
      }
      const found = search.found;
      // A credit note is known only to the step that made it: the message keeps showing it once shown.
      const current: InvoiceStanding = { ...standing, creditedBy: standing.creditedBy ?? (found.shown.credited || undefined) };
      const message = standingMessage(current, request.note);
      const fingerprint = fingerprintOf(message);
      const shown: Shown = shownOf(current, found.shown);
      // Replies a cut-short run left to post come first; the message itself is updated only when what it shows changed.
      const replies = [...found.pending, ...changesSince(found.shown, current, request.note)];
      const changed = found.fingerprint !== fingerprint || JSON.stringify(shown) !== JSON.stringify(found.shown);
      const outcome = { channel: found.channel, ts: found.ts, warning: '' };
      if (!changed && !replies.length) {
        const permalink = found.permalink || (await slack.permalink(found.channel, found.ts).catch(() => ''));
        return { ...outcome, message_action: 'unchanged', permalink, replies_posted: 0 };
      }
      if (changed) {
        const metadata = invoiceMetadata(current.invoiceId, current.invoiceNumber, shown);
        const updated = await slack.update({ channel: found.channel, ts: found.ts, ...message, metadata }, CANNOT_UPDATE);
        if (!updated.ok) {
          const reason = UPDATE_REASONS[updated.code] ?? 'Slack refused the update';
          return postLiving(z, at, wanted, request, `Slack would not update its message (${updated.code}: ${reason})`);
        }
      }
      const permalink = found.permalink || (await slack.permalink(found.channel, found.ts).catch(() => ''));
      const entry: Entry = {
        ...found,
        names: [...new Set([...found.names, ...(isChannelId(wanted) ? [] : [wanted])])],
        permalink,
        shown,
        pending: replies,
        fingerprint,
      };
      await remember(z, at.key, entry);
      const posted = await postReplies(z, at, entry, request.replyBroadcast ?? false);
      return { ...outcome, message_action: 'updated', permalink, replies_posted: posted };
    },
  );
};

/** After the new-invoice alert is posted: it is the invoice's living message from now on. */
export const rememberAlert = async (
  z: ZObject,
  workspace: string,
  invoiceId: number,
  posted: { channel: string; ts: string; permalink: string; asked: string },
  message: { text: string; blocks: object[] },
  shown: Shown,
) => {
  await remember(z, entryKey(workspace, invoiceId), {
    channel: posted.channel,
    names: isChannelId(posted.asked) ? [] : [posted.asked],
    ts: posted.ts,
    permalink: posted.permalink,
    shown,
    pending: [],
    fingerprint: fingerprintOf(message),
  });
};
