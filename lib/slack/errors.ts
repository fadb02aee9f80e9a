// Slack's error codes -> what the Zap builder should do, in Zapier's error classes.
//
// Every code Slack documents for the methods the app calls (chat.postMessage, chat.update, conversations.list,
// conversations.history; docs.slack.dev/reference/methods/…, errors tables) has its row here: a rate limit throttles with Slack's delay, a temporary Slack failure is retried, and
// everything else fails with a sentence that says what to change. test/operations/post_to_slack.errors.test.ts holds the table against
// the sandbox's copy of Slack's lists.
import type { ZObject } from 'zapier-platform-core';
import { retryLater } from '../zapier/errors';

interface Context {
  code: string;
  channel?: string;
  needed?: string;
}
type Sentence = (c: Context) => string;

export type SlackAdvice =
  /** A rate limit: ThrottledError after Slack's Retry-After, or after `seconds` when Slack sends none. */
  | { kind: 'throttle'; seconds: number; sentence: Sentence }
  /** Slack failed on its side: Zapier retries the step shortly. */
  | { kind: 'retry'; sentence: Sentence }
  /** The bot token itself is wrong: Zapier asks for the connection to be fixed. */
  | { kind: 'reconnect'; sentence: Sentence }
  /** Something the Zap builder (or a Slack admin) has to change. */
  | { kind: 'fix'; sentence: Sentence };

/** Slack's tier limits count per minute: without Retry-After, half a minute is a fair wait. */
const DEFAULT_RATE_LIMIT_SECONDS = 30;
/** `rate_limited` is the posting pace, about one message per second per channel: a few seconds clear it. */
const POSTING_PACE_SECONDS = 5;

const where = (c: Context) => (c.channel ? ` ${c.channel}` : '');
const UPDATE_TOKEN = "Update the Slack Bot Token in this connection with your Slack app's Bot User OAuth Token (xoxb-…).";
const ADD_SCOPE =
  'Add it under OAuth & Permissions in your Slack app, reinstall the app to your workspace, and paste the new Bot User OAuth Token into this connection.';

const ADMIN_INSTALL = 'Ask a Slack admin to install the Slack app in your workspace, and paste its Bot User OAuth Token into this connection.';

const reconnect = (sentence: Sentence): SlackAdvice => ({ kind: 'reconnect', sentence });
const fix = (sentence: Sentence): SlackAdvice => ({ kind: 'fix', sentence });
const retry = (sentence: Sentence): SlackAdvice => ({ kind: 'retry', sentence });

const badToken = reconnect((c) => `Slack did not accept the bot token (${c.code}). ${UPDATE_TOKEN}`);
const slackTrouble = retry((c) => `Slack could not handle the request just now (${c.code}). Zapier will retry the step.`);
const migrating = retry(
  (c) =>
    `Slack is moving your workspace into an Enterprise organization and is unavailable until that finishes (${c.code}). Zapier will retry; if it still fails, replay the step after the move.`,
);
/** Codes about requests this integration never makes or gets right (drafts, attachments, form encoding): not the Zap's fault. */
const ourFault = fix(
  (c) =>
    `Slack refused the request this integration sent (${c.code}). Nothing in your Zap causes this: please report it to the integration's support with this message.`,
);
const channelRefused = fix(
  (c) => `Slack does not let the bot post in the channel${where(c)} (${c.code}). Ask a Slack admin to allow it there, or pick another channel.`,
);
const connectSharing = (what: string) =>
  fix(
    (c) =>
      `The message links to a Slack ${what}, and sharing those is turned off in Slack Connect channels (${c.code}). Remove the link from the message, or pick a channel not shared with another organization.`,
  );

export const SLACK_ERRORS: Readonly<Record<string, SlackAdvice>> = {
  // The token
  invalid_auth: badToken,
  not_authed: badToken,
  token_revoked: badToken,
  token_expired: badToken,
  account_inactive: badToken,
  not_allowed_token_type: reconnect(
    (c) =>
      `Slack does not take this kind of token here (${c.code}): it needs a bot token. ${UPDATE_TOKEN} User (xoxp-) and app-level (xapp-) tokens do not work.`,
  ),
  is_bot: reconnect(
    (c) =>
      `The token belongs to a legacy Slack bot, which cannot use Slack's current API (${c.code}). Create a Slack app at api.slack.com/apps, install it, and paste its Bot User OAuth Token (xoxb-…) into this connection.`,
  ),

  // Rate limits
  ratelimited: { kind: 'throttle', seconds: DEFAULT_RATE_LIMIT_SECONDS, sentence: () => "Slack's rate limit was reached (ratelimited)." },
  rate_limited: {
    kind: 'throttle',
    seconds: POSTING_PACE_SECONDS,
    sentence: () => 'Slack says the bot posted too many messages too fast (rate_limited): about one a second per channel.',
  },
  message_limit_exceeded: {
    kind: 'throttle',
    seconds: 60,
    sentence: () => 'Members of your Slack workspace are sending more messages than its Slack plan allows just now (message_limit_exceeded).',
  },

  // Slack's side, temporary
  service_unavailable: slackTrouble,
  fatal_error: slackTrouble,
  internal_error: slackTrouble,
  request_timeout: slackTrouble,
  team_added_to_org: migrating,
  org_login_required: migrating,

  // Scopes
  missing_scope: fix((c) => `The Slack app lacks the scope ${c.needed ?? 'this needs'} (missing_scope). ${ADD_SCOPE}`),
  invalid_types: fix(
    (c) =>
      `Slack would not list public and private channels for the bot (${c.code}). Give the Slack app the scopes channels:read and groups:read: ${ADD_SCOPE}`,
  ),

  // The channel
  channel_not_found: fix(
    (c) =>
      `Slack has no channel${where(c)} that the bot can see (${c.code}). Pick the channel from the dropdown; for a private channel, invite the bot to it first.`,
  ),
  not_in_channel: fix(
    (c) =>
      `The bot is not a member of the channel${where(c)} (${c.code}). Invite it there (type /invite @your-bot in the channel), or give the Slack app the chat:write.public scope.`,
  ),
  is_archived: fix((c) => `The channel${where(c)} is archived (${c.code}). Unarchive it in Slack or pick another channel.`),
  team_not_found: fix(
    (c) =>
      `With an organization-wide Slack app, Slack needs the channel's ID rather than its name (${c.code}). Pick the channel from the dropdown instead of typing its name.`,
  ),
  no_permission: fix(
    (c) => `The bot may not post in the channel${where(c)} (${c.code}). Invite the bot to the channel (/invite @your-bot), or pick another channel.`,
  ),
  messages_tab_disabled: fix(
    (c) =>
      `That conversation is a direct message with the app, and the app's Messages tab is turned off (${c.code}). Turn on the Messages Tab under App Home in your Slack app, or pick a channel.`,
  ),
  restricted_action: fix(
    (c) =>
      `A setting in your Slack workspace does not let the bot post in the channel${where(c)} (${c.code}). Ask a Slack admin to allow apps to post there, or pick another channel.`,
  ),
  restricted_action_read_only_channel: fix(
    (c) => `The channel${where(c)} is read-only for the bot (${c.code}). Ask a Slack admin to let the app post there, or pick another channel.`,
  ),
  restricted_action_thread_only_channel: fix(
    (c) => `The channel${where(c)} takes replies in threads only, so the bot cannot start a message there (${c.code}). Pick another channel.`,
  ),
  restricted_action_non_threadable_channel: channelRefused,
  restricted_action_thread_locked: channelRefused,
  ekm_access_denied: fix(
    (c) => `Your Slack admins have turned off posting in the channel${where(c)} (${c.code}). Ask them to allow it, or pick another channel.`,
  ),

  // The workspace and the app
  access_denied: fix((c) => `Slack denied the bot access (${c.code}). Ask a Slack admin to allow the app where it posts, or pick another channel.`),
  app_access_restricted: fix((c) => `A Slack admin restricts who may use this Slack app (${c.code}). Ask the admin to approve the app for your workspace.`),
  accesslimited: fix(
    (c) =>
      `Your Slack workspace does not accept API calls from Zapier's network (${c.code}), for example because of an IP allow-list. Ask a Slack admin to allow Zapier.`,
  ),
  enterprise_is_restricted: fix(
    (c) =>
      `The token belongs to an Enterprise organization rather than to a workspace (${c.code}). Install the Slack app into the workspace you post in and use that workspace's bot token.`,
  ),
  two_factor_setup_required: fix(
    (c) => `Your Slack workspace requires two-factor authentication (${c.code}). The Slack user who installed the app must turn it on; then replay this step.`,
  ),
  slack_connect_canvas_sharing_blocked: connectSharing('canvas'),
  slack_connect_file_link_sharing_blocked: connectSharing('file'),
  slack_connect_lists_sharing_blocked: connectSharing('list'),

  // The message
  msg_blocks_too_long: fix(
    (c) =>
      `Slack found the message too long (${c.code}): its sections hold more text than Slack takes in one message (about 12,000 characters). Shorten the Message or Notes you map in.`,
  ),
  msg_too_long: fix((c) => `The Slack message text is too long (${c.code}). Shorten the text you map into the message.`),
  no_text: fix((c) => `The Slack message is empty (${c.code}). Map some text into the message, or leave it empty to send the new-invoice alert.`),
  invalid_blocks: fix(
    (c) =>
      `Slack refused the message's layout (${c.code}). Check the Message and Notes you map in for unusual characters; if it keeps happening, please report it to the integration's support with this message.`,
  ),
  invalid_cursor: fix((c) => `Slack no longer accepts the channel list's page marker (${c.code}). Reload the channel dropdown.`),

  // An existing message (chat.update): Update Invoice Message in Slack posts a new message instead of failing on the
  // first four; these sentences are for any other step that meets them.
  message_not_found: fix(
    (c) => `Slack has no such message in the channel${where(c)} any more (${c.code}): someone may have deleted it. Replay the step to post a new one.`,
  ),
  cant_update_message: fix(
    (c) => `Slack lets the bot edit only messages its own Slack app posted (${c.code}). Replay the step to post a new message for the invoice.`,
  ),
  edit_window_closed: fix(
    (c) =>
      `Your Slack workspace no longer allows editing the message (${c.code}): a Slack admin limits how long messages may be edited. Replay the step to post a new message.`,
  ),
  is_inactive: fix(
    (c) => `The channel${where(c)} is archived or frozen, so its messages can no longer be edited (${c.code}). Unarchive it in Slack or pick another channel.`,
  ),
  channel_is_limited_access: fix((c) => `Slack gives the bot no access to the channel${where(c)} (${c.code}). Pick another channel.`),
  team_access_not_granted: fix((c) => `The Slack app has not been given access to this workspace (${c.code}). ${ADMIN_INSTALL}`),
  cant_broadcast_message: fix(
    (c) => `Slack would not also show the thread reply in the channel (${c.code}). Set "Also Send Replies to the Channel" to No and replay the step.`,
  ),
  update_failed: slackTrouble,
  external_channel_migrating: retry(
    (c) => `Slack is moving the channel${where(c)} and its messages cannot be edited until that finishes (${c.code}). Zapier will retry the step.`,
  ),
  streaming_state_conflict: slackTrouble,

  // Requests this integration never makes
  invalid_blocks_format: ourFault,
  invalid_limit: ourFault,
  invalid_arg_name: ourFault,
  invalid_array_arg: ourFault,
  invalid_charset: ourFault,
  invalid_form_data: ourFault,
  invalid_post_type: ourFault,
  missing_post_type: ourFault,
  missing_argument: ourFault,
  markdown_text_conflict: ourFault,
  invalid_metadata_format: ourFault,
  invalid_metadata_schema: ourFault,
  metadata_must_be_sent_from_app: ourFault,
  metadata_too_large: ourFault,
  too_many_attachments: ourFault,
  attachment_payload_limit_exceeded: ourFault,
  too_many_contact_cards: ourFault,
  missing_file_data: ourFault,
  draft_already_deleted: ourFault,
  draft_already_sent: ourFault,
  draft_has_conflict: ourFault,
  draft_not_found: ourFault,
  duplicate_channel_not_found: ourFault,
  duplicate_message_not_found: ourFault,
  cannot_reply_to_message: ourFault,
  as_user_not_supported: ourFault,
  send_on_behalf_not_allowed: ourFault,
  method_not_supported_for_channel_type: ourFault,
  unknown_method: ourFault,
  deprecated_endpoint: ourFault,
  method_deprecated: ourFault,
  invalid_arguments: ourFault,
  invalid_attachments: ourFault,
  block_mismatch: ourFault,
  no_dual_broadcast_content_update: ourFault,
  invalid_metadata_filter_keys: ourFault,
  invalid_ts_latest: ourFault,
  invalid_ts_oldest: ourFault,
  thread_not_found: ourFault,
  list_record_comment_fetch_failed: ourFault,
};

/** A code Slack adds after this table was written: said as it is, with Slack's own code to search for. */
const UNKNOWN: SlackAdvice = fix((c) => `Slack refused the request (${c.code}). Search Slack's API documentation for "${c.code}" to see what it needs.`);

const slackAdvice = (code: string): SlackAdvice => SLACK_ERRORS[code] ?? UNKNOWN;

interface SlackFailure {
  code?: string;
  data?: { error?: string; needed?: string; response_metadata?: { retryAfter?: number } };
  retryAfter?: number;
  statusCode?: number;
  original?: Error;
}

/** The code (and a missing scope's name) of an `ok: false` answer, before it becomes a Zapier error; undefined for anything else. */
export const refusalOf = (error: unknown): { code: string; needed?: string } | undefined => {
  const e = error as SlackFailure | undefined;
  return e?.code === 'slack_webapi_platform_error' && e.data?.error ? { code: e.data.error, needed: e.data.needed } : undefined;
};

const throttled = (z: ZObject, sentence: string, seconds: number) => new z.errors.ThrottledError(`${sentence} Zapier will retry in ${seconds} s.`, seconds);

/** An `ok: false` answer, by the table. */
const platformError = (z: ZObject, e: SlackFailure, channel?: string): Error => {
  const code = e.data?.error ?? 'unknown_error';
  const advice = slackAdvice(code);
  const sentence = advice.sentence({ code, channel, needed: e.data?.needed });
  switch (advice.kind) {
    case 'throttle':
      return throttled(z, sentence, e.data?.response_metadata?.retryAfter ?? advice.seconds);
    case 'retry':
      return retryLater(z, sentence);
    case 'reconnect':
      return new z.errors.ExpiredAuthError(sentence);
    case 'fix':
      return new z.errors.Error(sentence, `slack_${code}`, 400);
  }
};

/**
 * Turns what @slack/web-api threw into the Zapier error for it. `lastStatus` is the HTTP status of the call's answer:
 * the library reports a 429 without Retry-After as a bare Error, which is still Slack's rate limit.
 */
export const slackError = (z: ZObject, error: unknown, channel?: string, lastStatus?: number): Error => {
  const e = error as SlackFailure & Error;
  if (e?.name === 'ThrottledError' || e?.name === 'ExpiredAuthError' || e?.name === 'HaltedError') return e;
  switch (e?.code) {
    case 'slack_webapi_rate_limited_error':
      return throttled(z, "Slack's rate limit was reached (ratelimited).", e.retryAfter ?? DEFAULT_RATE_LIMIT_SECONDS);
    case 'slack_webapi_platform_error':
      return platformError(z, e, channel);
    case 'slack_webapi_http_error':
      return (e.statusCode ?? 500) >= 500
        ? retryLater(z, `Slack is not answering properly (HTTP ${e.statusCode}). Zapier will retry the step.`)
        : new z.errors.Error(
            `Slack answered HTTP ${e.statusCode} instead of a normal answer. If it keeps happening, please report it to the integration's support with this message.`,
            'slack_http',
            e.statusCode ?? 400,
          );
    case 'slack_webapi_request_error':
      return retryLater(z, `Could not reach Slack (${e.original?.message ?? 'connection failed'}). Zapier will retry the step.`);
    default:
      if (lastStatus === 429)
        return throttled(z, "Slack's rate limit was reached (ratelimited), and Slack did not say for how long.", DEFAULT_RATE_LIMIT_SECONDS);
      return e instanceof Error ? e : new Error(String(error));
  }
};
