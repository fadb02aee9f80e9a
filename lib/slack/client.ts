// The one Slack client: @slack/web-api's WebClient, with its HTTP going through z.request so every Slack call is
// in Zapier's HTTP log with the token scrubbed.
import crypto from 'node:crypto';
import { type ChatPostMessageArguments, type FetchFunction, type KnownBlock, LogLevel, WebClient } from '@slack/web-api';
import type { ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';
import { requestTimeoutMs, slackApiUrl } from '../zapier/config';
import { RecentlyUsed } from '../zapier/connectionMemory';
import { wireRequest } from '../zapier/request';
import { refusalOf, slackError } from './errors';

/** One attempt, at most 10 s: Zapier's step has 30 s, and Zapier itself retries what we mark as retryable. */
const slackTimeoutMs = () => Math.min(requestTimeoutMs(), 10_000);

/** @slack/web-api's fetch, over z.request; `onAnswer` hears each answer's status (see slackError on a bare 429). */
const zapierFetch =
  (z: ZObject, onAnswer: (status: number) => void): FetchFunction =>
  async (url, init) => {
    const response = await z.request(
      wireRequest(
        z,
        {
          url: String(url),
          method: init?.method ?? 'POST',
          headers: init?.headers,
          body: typeof init?.body === 'string' ? init.body : undefined,
        },
        slackTimeoutMs(),
      ),
    );
    onAnswer(response.status);
    const headers = response.headers as unknown as { get(name: string): string | null; entries?: () => Iterable<[string, string]> };
    return {
      ok: response.status >= 200 && response.status < 300,
      status: response.status,
      statusText: '',
      url: String(url),
      headers: { get: (name: string) => headers.get(name) ?? null, entries: () => headers.entries?.() ?? [] },
      text: async () => response.content,
      json: async () => JSON.parse(response.content),
      arrayBuffer: async () => new TextEncoder().encode(response.content).buffer as ArrayBuffer,
    };
  };

const Channel = zod.looseObject({
  id: zod.string(),
  name: zod.string().optional(),
  is_private: zod.boolean().optional(),
  is_archived: zod.boolean().optional(),
  is_member: zod.boolean().optional(),
});
const ChannelPage = zod.looseObject({
  channels: zod.array(Channel).default([]),
  response_metadata: zod.looseObject({ next_cursor: zod.string().optional() }).optional(),
});
// The library copies Slack's `x-oauth-scopes` header into response_metadata.scopes.
const Posted = zod.looseObject({
  channel: zod.string(),
  ts: zod.string(),
  response_metadata: zod.looseObject({ scopes: zod.array(zod.string()).optional() }).optional(),
});
const Permalink = zod.looseObject({ permalink: zod.string() });
/** A message of conversations.history, read for finding the app's own: what thread it is in, and its metadata. */
const HistoryMessage = zod.looseObject({ ts: zod.string(), thread_ts: zod.string().nullish(), metadata: zod.unknown().optional() });
const HistoryPage = zod.looseObject({
  messages: zod.array(zod.unknown()).default([]),
  has_more: zod.boolean().nullish(),
  response_metadata: zod.looseObject({ next_cursor: zod.string().nullish() }).nullish(),
});

/** auth.test's answer, for the workspace ([ref]: team_id; an org-wide install in an Enterprise Grid names its enterprise_id). */
const Identity = zod.looseObject({ team_id: zod.string().nullish(), enterprise_id: zod.string().nullish() });

/**
 * The workspace of each bot token the container has met, by a digest of the token (never the token itself). A bot
 * token is the app's install in one workspace for as long as it lives, so auth.test is asked once per token and
 * container: a warm step costs no call for it.
 */
const workspaces = new RecentlyUsed<string>(500);

/** Slack's message metadata ([md]: an event type of the app's own and a JSON object; people never see it). */
export interface MessageMetadata {
  event_type: string;
  event_payload: Record<string, string | number | boolean>;
}

export interface SlackPost {
  channel: string;
  text: string;
  blocks?: object[];
  username?: string;
  iconEmoji?: string;
  iconUrl?: string;
  unfurlLinks?: boolean;
  metadata?: MessageMetadata;
  /** The parent's ts: the message becomes a reply in its thread. */
  threadTs?: string;
  /** A reply also shown in the channel. */
  replyBroadcast?: boolean;
}

/** What Slack refused among codes the caller handles itself (answered, not thrown): the code, and a missing scope's name. */
export type Refusal = { ok: false; code: string; needed?: string };

/** Channels asked for per call: Slack allows up to 1,000, smaller pages answer faster. */
const CHANNEL_PAGE_SIZE = 200;
/**
 * Slack may answer a short or even empty page while the cursor goes on. One dropdown page follows the cursor until
 * it has half a page of channels, at most this many calls (conversations.list allows 20+ a minute).
 */
const MAX_CALLS_PER_DROPDOWN_PAGE = 5;
/** conversations.list's answer when the token lacks channels:read or groups:read. */
const LISTING_REFUSALS: ReadonlySet<string> = new Set(['missing_scope']);

export class SlackClient {
  private readonly web: WebClient;
  private lastStatus: number | undefined;
  /** Names this client's token in the container's memory: a digest, never the token. */
  readonly tokenDigest: string;

  constructor(
    private readonly z: ZObject,
    token: string,
  ) {
    this.tokenDigest = crypto.createHash('sha256').update(token).digest('base64url');
    this.web = new WebClient(token, {
      slackApiUrl: slackApiUrl(),
      fetch: zapierFetch(z, (status) => {
        this.lastStatus = status;
      }),
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      timeout: slackTimeoutMs(),
      logLevel: LogLevel.ERROR,
      allowAbsoluteUrls: false,
    });
  }

  private async guard<T>(work: () => Promise<T>, channel?: string): Promise<T> {
    this.lastStatus = undefined;
    try {
      return await work();
    } catch (error) {
      throw slackError(this.z, error, channel, this.lastStatus);
    }
  }

  /** As `guard`, but the codes in `refusals` come back as a Refusal for the caller to handle. */
  private async refusable<T>(work: () => Promise<T>, channel: string, refusals: ReadonlySet<string>): Promise<{ ok: true; value: T } | Refusal> {
    this.lastStatus = undefined;
    try {
      return { ok: true, value: await work() };
    } catch (error) {
      const refusal = refusalOf(error);
      if (refusal && refusals.has(refusal.code)) return { ok: false, ...refusal };
      throw slackError(this.z, error, channel, this.lastStatus);
    }
  }

  authTest() {
    return this.guard(() => this.web.auth.test());
  }

  /** The Slack workspace (team_id) the token belongs to: what the app keeps about messages is kept per workspace. */
  async workspace(): Promise<string> {
    const known = workspaces.get(this.tokenDigest);
    if (known) return known;
    const identity = Identity.parse(await this.authTest());
    const team = identity.team_id || identity.enterprise_id;
    if (!team) {
      throw new this.z.errors.Error(
        "Slack's answer to auth.test names no workspace (team_id), so the app cannot tell which workspace its messages are in. Please report this to the integration's support.",
        'SlackUnexpectedAnswer',
        502,
      );
    }
    workspaces.set(this.tokenDigest, team);
    return team;
  }

  /** One dropdown page straight from the library, following the cursor past short pages; its errors are still Slack's. */
  private async dropdownPage(cursor?: string) {
    const channels: zod.infer<typeof Channel>[] = [];
    let next = cursor;
    for (let calls = 0; calls < MAX_CALLS_PER_DROPDOWN_PAGE; calls++) {
      const page = ChannelPage.parse(
        await this.web.conversations.list({ types: 'public_channel,private_channel', exclude_archived: true, limit: CHANNEL_PAGE_SIZE, cursor: next }),
      );
      channels.push(...page.channels);
      next = page.response_metadata?.next_cursor || undefined;
      if (!next || channels.length >= CHANNEL_PAGE_SIZE / 2) break;
    }
    return { channels, nextCursor: next ?? '' };
  }

  /** Channels for one dropdown page, and the cursor where the next one starts ('' at the end). */
  channelsFrom(cursor?: string) {
    return this.guard(() => this.dropdownPage(cursor));
  }

  /**
   * The channel called `name`, among the first `pages` dropdown pages of the list (undefined when it is not there); a
   * bot without the scope to list channels gets a Refusal back, since it may still post to the channel by name.
   */
  channelNamed(name: string, pages: number) {
    return this.refusable(
      async () => {
        let cursor: string | undefined;
        for (let read = 0; read < pages; read++) {
          const page = await this.dropdownPage(cursor);
          const found = page.channels.find((c) => c.name === name);
          if (found) return found;
          cursor = page.nextCursor || undefined;
          if (!cursor) break;
        }
        return undefined;
      },
      `#${name}`,
      LISTING_REFUSALS,
    );
  }

  async post(message: SlackPost) {
    const answer = await this.guard(
      () =>
        this.web.chat.postMessage(
          // The library's argument type is a union of exclusive shapes (icon_emoji xor icon_url, ...); we send one.
          Object.fromEntries(
            Object.entries({
              channel: message.channel,
              text: message.text,
              blocks: message.blocks,
              username: message.username,
              icon_emoji: message.iconEmoji,
              icon_url: message.iconEmoji ? undefined : message.iconUrl,
              unfurl_links: message.unfurlLinks ?? false,
              unfurl_media: message.unfurlLinks ?? false,
              metadata: message.metadata,
              thread_ts: message.threadTs,
              reply_broadcast: message.threadTs ? message.replyBroadcast : undefined,
            }).filter(([, v]) => v !== undefined),
          ) as unknown as ChatPostMessageArguments,
        ),
      message.channel,
    );
    const posted = Posted.parse(answer);
    return { channel: posted.channel, ts: posted.ts, warning: postWarning(message, posted.response_metadata?.scopes) };
  }

  /**
   * chat.update with text, blocks and metadata together: a text-only update of a message with blocks can answer ok and
   * change nothing (reference/slack-web-api.md), and metadata left out would stay as it was.
   */
  async update(message: { channel: string; ts: string; text: string; blocks: object[]; metadata: MessageMetadata }, refusals: ReadonlySet<string>) {
    const answer = await this.refusable(
      () =>
        this.web.chat.update({
          channel: message.channel,
          ts: message.ts,
          text: message.text,
          blocks: message.blocks as KnownBlock[],
          metadata: message.metadata,
        }),
      message.channel,
      refusals,
    );
    return answer.ok ? ({ ok: true } as const) : answer;
  }

  /** One page of a channel's messages since `oldest` (Unix seconds), newest first, with their metadata. */
  async historyPage(channel: string, page: { oldest: number; limit: number; cursor?: string }, refusals: ReadonlySet<string>) {
    const answer = await this.refusable(
      () => this.web.conversations.history({ channel, oldest: String(page.oldest), limit: page.limit, cursor: page.cursor, include_all_metadata: true }),
      channel,
      refusals,
    );
    if (!answer.ok) return answer;
    const parsed = HistoryPage.parse(answer.value);
    const messages = parsed.messages.flatMap((m) => {
      const read = HistoryMessage.safeParse(m);
      return read.success ? [read.data] : [];
    });
    return { ok: true as const, messages, nextCursor: (parsed.has_more !== false && parsed.response_metadata?.next_cursor) || '' };
  }

  async permalink(channel: string, ts: string) {
    return Permalink.parse(await this.guard(() => this.web.chat.getPermalink({ channel, message_ts: ts }), channel)).permalink;
  }
}

/**
 * What the Zap builder should know about a message Slack posted, but not as asked: a custom name or icon without the
 * chat:write.customize scope is dropped silently by Slack, which posts under the app's own name.
 */
const postWarning = (message: Pick<SlackPost, 'username' | 'iconEmoji' | 'iconUrl'>, scopes: string[] | undefined) => {
  const customized = Boolean(message.username || message.iconEmoji || message.iconUrl);
  if (customized && scopes && !scopes.includes('chat:write.customize')) {
    return (
      "Slack posted this under the Slack app's own name and icon: a custom Bot Name or Bot Icon needs the chat:write.customize scope, which this bot token lacks. " +
      'Add chat:write.customize under OAuth & Permissions in your Slack app, reinstall the app, and paste the new Bot User OAuth Token into this connection; or leave Bot Name and Bot Icon empty.'
    );
  }
  return '';
};

export const slackFor = (z: ZObject, bundle: { authData: Record<string, string | undefined> }) => {
  const token = bundle.authData.slack_bot_token?.trim();
  if (!token) {
    throw new z.errors.Error(
      'Slack is not connected: this connection has no Slack Bot Token. Edit the connection and paste your Slack app\'s Bot User OAuth Token (xoxb-…) into "Slack Bot Token".',
      'SlackNotConnected',
      400,
    );
  }
  return new SlackClient(z, token);
};

/** "#invoices", "invoices" and "C0123ABC" all name a channel Slack accepts. */
export const channelInput = (value: string) => value.trim().replace(/^#/, '');
