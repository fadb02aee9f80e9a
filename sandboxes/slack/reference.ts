// What Slack publishes about the methods the Slack sandbox serves, and nothing the app decided.
//
// Sources, cited per item below:
// - [ref] reference/slack-web-api.md, the owner's digest of Slack's Web API facts.
// - [pm]  https://docs.slack.dev/reference/methods/chat.postMessage ("Errors" table, common errors included).
// - [cl]  https://docs.slack.dev/reference/methods/conversations.list ("Arguments" and "Errors").
// - [bk]  https://docs.slack.dev/reference/block-kit/blocks (header, section, context) and
//         https://docs.slack.dev/reference/block-kit/composition-objects/text-object.
// - [rl]  https://docs.slack.dev/apis/web-api/rate-limits ("Posting messages: 1 per second, short bursts >1 allowed").
// - [sc]  https://docs.slack.dev/reference/scopes/chat.write.customize and .../chat.write.public.
// - [up]  https://docs.slack.dev/reference/methods/chat.update ("Usage info", "Arguments", "Errors").
// - [ch]  https://docs.slack.dev/reference/methods/conversations.history ("Arguments", "Usage info", "Errors").
// - [cr]  https://docs.slack.dev/reference/methods/conversations.replies ("Arguments", "Errors").
// - [md]  https://docs.slack.dev/messaging/message-metadata (metadata: event_type and event_payload, not shown to people).
// - [at]  https://docs.slack.dev/reference/methods/auth.test ("checks authentication and tells you who you are":
//         team and team_id of the token's workspace; the fields as [ref] lists them).
// - [tt]  https://docs.slack.dev/authentication/tokens ("Bot tokens represent a bot associated with an app installed
//         in a workspace": one token, one workspace; an app installed in two workspaces has two tokens).
// The two error tables were read from the method pages as of August 2026 (a machine-readable copy of them is kept
// in github.com/slack-ruby/slack-api-ref, methods/chat/chat.postMessage.json and conversations.list.json); the
// tables of chat.update, conversations.history and conversations.replies from the same copy (methods/chat/
// chat.update.json, methods/conversations/conversations.history.json and conversations.replies.json) in November 2026.

/** [pm] Every code the chat.postMessage page lists, method-specific and common. */
export const CHAT_POST_MESSAGE_ERRORS = [
  'access_denied',
  'accesslimited',
  'account_inactive',
  'app_access_restricted',
  'as_user_not_supported',
  'attachment_payload_limit_exceeded',
  'cannot_reply_to_message',
  'channel_not_found',
  'deprecated_endpoint',
  'draft_already_deleted',
  'draft_already_sent',
  'draft_has_conflict',
  'draft_not_found',
  'duplicate_channel_not_found',
  'duplicate_message_not_found',
  'ekm_access_denied',
  'enterprise_is_restricted',
  'fatal_error',
  'invalid_arg_name',
  'invalid_array_arg',
  'invalid_blocks',
  'invalid_blocks_format',
  'invalid_charset',
  'invalid_form_data',
  'invalid_metadata_format',
  'invalid_metadata_schema',
  'invalid_post_type',
  'is_archived',
  'is_bot',
  'markdown_text_conflict',
  'message_limit_exceeded',
  'messages_tab_disabled',
  'metadata_must_be_sent_from_app',
  'metadata_too_large',
  'method_deprecated',
  'missing_file_data',
  'missing_post_type',
  'missing_scope',
  'msg_blocks_too_long',
  'no_permission',
  'no_text',
  'not_allowed_token_type',
  'not_authed',
  'not_in_channel',
  'org_login_required',
  'rate_limited',
  'ratelimited',
  'request_timeout',
  'restricted_action',
  'restricted_action_non_threadable_channel',
  'restricted_action_read_only_channel',
  'restricted_action_thread_locked',
  'restricted_action_thread_only_channel',
  'send_on_behalf_not_allowed',
  'service_unavailable',
  'slack_connect_canvas_sharing_blocked',
  'slack_connect_file_link_sharing_blocked',
  'slack_connect_lists_sharing_blocked',
  'team_added_to_org',
  'team_not_found',
  'token_expired',
  'token_revoked',
  'too_many_attachments',
  'too_many_contact_cards',
  'two_factor_setup_required',
  'unknown_method',
] as const;

/** [cl] Every code the conversations.list page lists, method-specific and common. */
export const CONVERSATIONS_LIST_ERRORS = [
  'access_denied',
  'accesslimited',
  'account_inactive',
  'deprecated_endpoint',
  'ekm_access_denied',
  'enterprise_is_restricted',
  'fatal_error',
  'invalid_arg_name',
  'invalid_array_arg',
  'invalid_charset',
  'invalid_cursor',
  'invalid_form_data',
  'invalid_limit',
  'invalid_post_type',
  'invalid_types',
  'is_bot',
  'method_deprecated',
  'method_not_supported_for_channel_type',
  'missing_argument',
  'missing_post_type',
  'missing_scope',
  'no_permission',
  'not_allowed_token_type',
  'not_authed',
  'org_login_required',
  'ratelimited',
  'request_timeout',
  'service_unavailable',
  'team_added_to_org',
  'token_expired',
  'token_revoked',
  'two_factor_setup_required',
  'unknown_method',
] as const;

/**
 * [up] The codes the chat.update page lists that chat.postMessage's page does not. The rest of its 55 codes (the token,
 * rate limits, Slack's side, blocks, metadata) are chat.postMessage's, or in REFERENCE_ONLY_ERRORS below.
 */
const CHAT_UPDATE_ERRORS = [
  'block_mismatch',
  'cant_broadcast_message',
  'cant_update_message',
  'edit_window_closed',
  'external_channel_migrating',
  'invalid_arguments',
  'invalid_attachments',
  'is_inactive',
  'message_not_found',
  'no_dual_broadcast_content_update',
  'streaming_state_conflict',
  'team_access_not_granted',
  'update_failed',
] as const;

/**
 * [ch] The codes the conversations.history page lists for the method itself; the common ones (token, rate limit,
 * Slack's side) are those of the pages above.
 */
const CONVERSATIONS_HISTORY_ERRORS = [
  'channel_is_limited_access',
  'channel_not_found',
  'invalid_cursor',
  'invalid_metadata_filter_keys',
  'invalid_ts_latest',
  'invalid_ts_oldest',
  'missing_scope',
  'not_in_channel',
] as const;

/** [cr] The codes the conversations.replies page lists for the method itself, as for conversations.history. */
const CONVERSATIONS_REPLIES_ERRORS = [
  'channel_not_found',
  'invalid_cursor',
  'invalid_metadata_filter_keys',
  'invalid_ts_latest',
  'invalid_ts_oldest',
  'list_record_comment_fetch_failed',
  'method_not_supported_for_channel_type',
  'missing_scope',
  'thread_not_found',
] as const;

/**
 * [ref] Codes the owner's digest names that the first two pages above do not (any longer) list: `invalid_auth` (a wrong
 * token, on every method; auth.test's and chat.update's pages list it), `internal_error` (temporary, per [ref]; the same
 * two pages list it), `msg_too_long` (chat.postMessage's older error table; chat.update's lists it).
 */
export const REFERENCE_ONLY_ERRORS = ['invalid_auth', 'internal_error', 'msg_too_long'] as const;

export const DOCUMENTED_ERRORS: ReadonlySet<string> = new Set([
  ...CHAT_POST_MESSAGE_ERRORS,
  ...CONVERSATIONS_LIST_ERRORS,
  ...CHAT_UPDATE_ERRORS,
  ...CONVERSATIONS_HISTORY_ERRORS,
  ...CONVERSATIONS_REPLIES_ERRORS,
  ...REFERENCE_ONLY_ERRORS,
]);

/** [ref] "Rate limiting is HTTP 429 with a Retry-After header in seconds"; every other answer is HTTP 200. */
export const HTTP_429_ERRORS: ReadonlySet<string> = new Set(['ratelimited']);

export const LIMITS = {
  /** [ref], [bk] "at most 50 blocks a message". */
  blocksPerMessage: 50,
  /** [ref], [bk] header text: plain_text, at most 150 characters. */
  headerText: 150,
  /** [bk] text object: "The minimum length is 1 and maximum length is 3000 characters" (section text included). */
  textObject: 3000,
  /** [ref], [bk] section fields: "Maximum number of items is 10. Maximum length for the text in each item is 2000". */
  sectionFields: 10,
  sectionFieldText: 2000,
  /** [ref], [bk] context elements: "Maximum number of items is 10". */
  contextElements: 10,
  /**
   * [ref] "Block text in total: Slack answers msg_blocks_too_long at roughly 11,000-13,000 characters (a Slack maintainer
   * advises staying under 12,000)" (github.com/slackapi/bolt-js/issues/2509, #2867). The sandbox refuses above the
   * advice, not at the top of the observed range: a sandbox that accepts what Slack may refuse proves nothing.
   */
  blockTextTotal: 12_000,
  /** [ref], [pm] "text over 40,000 characters is not refused: Slack truncates it ... warning: message_truncated". */
  messageText: 40_000,
  /** [ref], [cl] "limit above 1000 answers invalid_limit". */
  channelPageMax: 1000,
  /** [cl] "limit ... Default: 100". */
  channelPageDefault: 100,
  /** [ch] "limit ... Maximum of 999", "Default: 100" (the page advises no more than 200). */
  historyPageMax: 999,
  historyPageDefault: 100,
  /** [cr] the page names no default or maximum for `limit`; conversations.history's are taken. */
  repliesPageMax: 999,
} as const;

/**
 * [rl] chat.postMessage "generally allows posting one message per second per channel ... Short bursts >1 allowed"; past
 * that it answers `rate_limited` ([pm]: "Application has posted too many messages"). Slack does not publish the burst
 * size; 20 is below the ~25 users measured (github.com/RamblingCookieMonster/PSSlack/issues/52).
 */
export const POSTING_PACE = { perSecond: 1, burst: 20 } as const;

/** [ref], [sc] A custom username or icon needs chat:write.customize; without it Slack posts under the app's own name. */
export const CUSTOMIZE_SCOPE = 'chat:write.customize';
/** [ref], [sc] Posting into a public channel the bot is not a member of needs chat:write.public. */
export const PUBLIC_SCOPE = 'chat:write.public';

/**
 * Characters are counted the way JSON and JavaScript count them (UTF-16 code units). Slack does not say whether its
 * limits count code points or code units; code units are the stricter reading (an emoji counts 2), so whatever passes
 * here passes Slack under either reading.
 */
export const characters = (text: string) => text.length;

/** [ch], [cr] "Relevant *:history scope": public channels need channels:history, private ones groups:history. */
export const HISTORY_SCOPE = { public: 'channels:history', private: 'groups:history' } as const;
