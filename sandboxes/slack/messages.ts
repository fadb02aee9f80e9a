// The Slack sandbox's messages: what chat.postMessage stores, chat.update changes, and conversations.history and
// conversations.replies read back, with threads and metadata as Slack's pages describe them (./reference.ts names the
// sources: [pm], [up], [ch], [cr], [md]). Pure: the server checks tokens, scopes and channels and answers with these.
export interface Metadata {
  event_type: string;
  event_payload: Record<string, unknown>;
}

export interface StoredMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: unknown[] | null;
  /** The parent's ts for a thread reply; null for a message in the channel (the parent gets its own ts once replied to). */
  thread_ts: string | null;
  reply_broadcast: boolean;
  metadata: Metadata | null;
  /** The bot's messages carry bot_id; a person's message (a test control) carries only `user`. */
  bot_id: string | null;
  user: string;
  username: string | null;
  icon_emoji: string | null;
  icon_url: string | null;
  unfurl_links: boolean | null;
  edited: { user: string; ts: string } | null;
  /** Milliseconds since the epoch when it was posted, for the workspace's edit window. */
  postedAt: number;
}

/** A Slack timestamp, "seconds.micro", compared as two numbers: a double cannot hold both parts exactly. */
const tsParts = (ts: string) => {
  const [seconds = '0', fraction = ''] = ts.split('.');
  return [Number(seconds), Number(fraction.padEnd(6, '0').slice(0, 6))] as const;
};
const compareTs = (a: string, b: string) => {
  const [sa, fa] = tsParts(a);
  const [sb, fb] = tsParts(b);
  return sa - sb || fa - fb;
};
/** [ch] `oldest` and `latest` are Unix timestamps; anything else answers invalid_ts_oldest / invalid_ts_latest. */
export const isTimestamp = (value: string) => /^\d+(\.\d{1,6})?$/.test(value);

/**
 * [md], [up] `metadata` is a JSON object with `event_type` and `event_payload` (a form body sends it as a JSON string).
 * `{}` is how chat.update removes it. Slack does not publish its exact checks; an object without a string event_type
 * or an object payload is taken as `invalid_metadata_format`, the code both methods list. Its size limit
 * (metadata_too_large) is not published and not modelled.
 */
export const readMetadata = (raw: unknown): { ok: true; metadata: Metadata | null; empty: boolean } | { ok: false } => {
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      return { ok: false };
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false };
  const object = value as Record<string, unknown>;
  if (!Object.keys(object).length) return { ok: true, metadata: null, empty: true };
  const payload = object.event_payload;
  if (typeof object.event_type !== 'string' || !object.event_type || typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    return { ok: false };
  }
  return { ok: true, metadata: { event_type: object.event_type, event_payload: payload as Record<string, unknown> }, empty: false };
};

const isReply = (m: StoredMessage) => m.thread_ts !== null && m.thread_ts !== m.ts;

/** A page of `list` from the offset a cursor names; Slack's cursors are opaque, these are base64 offsets. */
const page = <T>(list: T[], cursor: unknown, limit: number) => {
  const start = cursor ? Number(/^next:(\d+)$/.exec(Buffer.from(String(cursor), 'base64').toString('utf8'))?.[1] ?? NaN) : 0;
  if (!Number.isInteger(start) || start < 0 || start > list.length) return undefined;
  const next = start + limit < list.length ? Buffer.from(`next:${start + limit}`).toString('base64') : '';
  return { items: list.slice(start, start + limit), hasMore: Boolean(next), next };
};

/** [ch] Between `oldest` and `latest`, each left out unless `inclusive`. */
const inRange = (ts: string, a: { oldest?: string; latest?: string; inclusive: boolean }) =>
  (a.oldest === undefined || compareTs(ts, a.oldest) > 0 || (a.inclusive && compareTs(ts, a.oldest) === 0)) &&
  (a.latest === undefined || compareTs(ts, a.latest) < 0 || (a.inclusive && compareTs(ts, a.latest) === 0));

export const createMessageStore = () => {
  let messages: StoredMessage[] = [];
  let counter = 0;

  const find = (channel: string, ts: unknown) => messages.find((m) => m.channel === channel && m.ts === ts);
  const repliesTo = (parent: StoredMessage) =>
    messages.filter((m) => m.channel === parent.channel && m.thread_ts === parent.ts && m.ts !== parent.ts).sort((a, b) => compareTs(a.ts, b.ts));

  /** A message as Slack's methods answer it: the thread's counts on a parent, metadata only when asked for ([ch]). */
  const view = (m: StoredMessage, withMetadata: boolean) => {
    const replies = isReply(m) ? [] : repliesTo(m);
    return {
      type: 'message',
      ...(m.bot_id ? { subtype: 'bot_message', bot_id: m.bot_id } : {}),
      // [ch] A reply also sent to the channel shows in its history as a thread_broadcast.
      ...(isReply(m) && m.reply_broadcast ? { subtype: 'thread_broadcast' } : {}),
      user: m.user,
      text: m.text,
      ts: m.ts,
      ...(m.blocks ? { blocks: m.blocks } : {}),
      ...(m.username ? { username: m.username } : {}),
      ...(m.edited ? { edited: m.edited } : {}),
      // [pm], [ref] "A reply has thread_ts = the parent's ts; the parent gets reply_count, latest_reply".
      ...(isReply(m) ? { thread_ts: m.thread_ts, parent_user_id: find(m.channel, m.thread_ts)?.user ?? null } : {}),
      ...(replies.length
        ? {
            thread_ts: m.ts,
            reply_count: replies.length,
            reply_users_count: new Set(replies.map((r) => r.user)).size,
            reply_users: [...new Set(replies.map((r) => r.user))],
            latest_reply: replies[replies.length - 1]!.ts,
          }
        : {}),
      ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}),
    };
  };

  const viewedPage = (list: StoredMessage[], a: { limit: number; cursor?: unknown; withMetadata: boolean }) => {
    const found = page(list, a.cursor, a.limit);
    return found ? { ...found, items: found.items.map((m) => view(m, a.withMetadata)) } : ({ error: 'invalid_cursor' } as const);
  };

  /** A message as the sandbox holds it, with its thread's count (for `GET /_sandbox/messages`). */
  const held = (m: StoredMessage) => {
    const { postedAt: _postedAt, ...stored } = m;
    const replies = isReply(m) ? [] : repliesTo(m);
    return { ...stored, reply_count: replies.length, latest_reply: replies.length ? replies[replies.length - 1]!.ts : null };
  };

  return {
    /** Every message as it is now, in posting order. */
    snapshot: () => messages.map(held),
    held,
    find,
    /**
     * [pm] `thread_ts` makes a reply. "Avoid using a reply's ts value; use its parent instead": Slack does not say what
     * it answers to a reply's ts; it is taken as a reply in that reply's thread, so `thread_ts` is always the parent's.
     */
    add(message: Omit<StoredMessage, 'ts' | 'postedAt' | 'edited'>) {
      const now = Date.now();
      const ts = `${Math.floor(now / 1000)}.${String(++counter).padStart(6, '0')}`;
      const parent = message.thread_ts ? find(message.channel, message.thread_ts) : undefined;
      const threadTs = parent && isReply(parent) ? parent.thread_ts : message.thread_ts;
      const stored: StoredMessage = { ...message, thread_ts: threadTs, ts, postedAt: now, edited: null };
      messages.push(stored);
      return stored;
    },
    remove: (channel: string, ts: string) => {
      const before = messages.length;
      messages = messages.filter((m) => !(m.channel === channel && m.ts === ts));
      return messages.length < before;
    },
    reset() {
      messages = [];
    },
    view,
    /**
     * [ch] The channel's messages, newest first, between `oldest` and `latest` (each left out unless `inclusive`): the
     * messages in the channel, not the replies in threads, except those also sent to the channel.
     */
    history(channel: string, a: { oldest?: string; latest?: string; inclusive: boolean; limit: number; cursor?: unknown; withMetadata: boolean }) {
      const listed = messages
        .filter((m) => m.channel === channel && (!isReply(m) || m.reply_broadcast) && inRange(m.ts, a))
        .sort((x, y) => compareTs(y.ts, x.ts));
      return viewedPage(listed, a);
    },
    /**
     * [cr] `ts` is "either a thread's parent message or a message in the thread": the parent first, then its replies
     * oldest first; a message without replies alone.
     */
    replies(channel: string, ts: string, a: { limit: number; cursor?: unknown; withMetadata: boolean }) {
      const asked = find(channel, ts);
      const parent = asked && isReply(asked) ? find(channel, asked.thread_ts) : asked;
      return parent ? viewedPage([parent, ...repliesTo(parent)], a) : ({ error: 'thread_not_found' } as const);
    },
  };
};

export type MessageStore = ReturnType<typeof createMessageStore>;
