// Every error code Slack documents for the Slack methods the app calls, sent by the sandbox and read through
// the app as Zapier runs it: rate limits throttle with Slack's delay, Slack's own failures retry, a bad token asks
// for the connection to be fixed, and everything else fails with a sentence that says what to do.
import { OUTAGE_RETRY_SECONDS } from '../../lib/zapier/errors';
import { SLACK_ERRORS } from '../../lib/slack/errors';
import { CHAT_POST_MESSAGE_ERRORS, DOCUMENTED_ERRORS, REFERENCE_ONLY_ERRORS } from '../../sandboxes/slack/reference';
import { worldForEachTest } from '../support/world';

const w = worldForEachTest();

type Expected = ['throttle', number] | ['retry'] | ['reconnect', string] | ['fix', string];

const UPDATE_TOKEN = 'Update the Slack Bot Token';
const REPORT = "please report it to the integration's support";
const ADMIN = 'Ask a Slack admin';

/** The table: what the Zap builder gets for each code. Written from the codes' meaning, not from lib/slack/errors.ts. */
const TABLE: Record<string, Expected> = {
  invalid_auth: ['reconnect', UPDATE_TOKEN],
  not_authed: ['reconnect', UPDATE_TOKEN],
  token_revoked: ['reconnect', UPDATE_TOKEN],
  token_expired: ['reconnect', UPDATE_TOKEN],
  account_inactive: ['reconnect', UPDATE_TOKEN],
  not_allowed_token_type: ['reconnect', 'User (xoxp-) and app-level (xapp-) tokens do not work'],
  is_bot: ['reconnect', 'Create a Slack app at api.slack.com/apps'],

  ratelimited: ['throttle', 30],
  rate_limited: ['throttle', 5],
  message_limit_exceeded: ['throttle', 60],

  service_unavailable: ['retry'],
  fatal_error: ['retry'],
  internal_error: ['retry'],
  request_timeout: ['retry'],
  team_added_to_org: ['retry'],
  org_login_required: ['retry'],

  missing_scope: ['fix', 'The Slack app lacks the scope chat:write.public'],
  invalid_types: ['fix', 'channels:read and groups:read'],
  channel_not_found: ['fix', 'Pick the channel from the dropdown'],
  not_in_channel: ['fix', '/invite @your-bot'],
  no_permission: ['fix', '/invite @your-bot'],
  is_archived: ['fix', 'Unarchive it'],
  team_not_found: ['fix', 'Pick the channel from the dropdown instead of typing its name'],
  messages_tab_disabled: ['fix', 'Turn on the Messages Tab'],
  restricted_action: ['fix', ADMIN],
  restricted_action_read_only_channel: ['fix', ADMIN],
  restricted_action_thread_only_channel: ['fix', 'Pick another channel'],
  restricted_action_non_threadable_channel: ['fix', 'or pick another channel'],
  restricted_action_thread_locked: ['fix', 'or pick another channel'],
  ekm_access_denied: ['fix', 'Ask them to allow it'],
  access_denied: ['fix', ADMIN],
  app_access_restricted: ['fix', 'approve the app'],
  accesslimited: ['fix', 'allow Zapier'],
  enterprise_is_restricted: ['fix', 'Install the Slack app into the workspace'],
  two_factor_setup_required: ['fix', 'two-factor authentication'],
  slack_connect_canvas_sharing_blocked: ['fix', 'Remove the link'],
  slack_connect_file_link_sharing_blocked: ['fix', 'Remove the link'],
  slack_connect_lists_sharing_blocked: ['fix', 'Remove the link'],
  msg_blocks_too_long: ['fix', 'Shorten the Message or Notes'],
  msg_too_long: ['fix', 'Shorten the text'],
  no_text: ['fix', 'Map some text into the message'],
  invalid_blocks: ['fix', REPORT],
  invalid_cursor: ['fix', 'Reload the channel dropdown'],
  message_not_found: ['fix', 'Replay the step to post a new one'],
  cant_update_message: ['fix', 'only messages its own Slack app posted'],
  edit_window_closed: ['fix', 'limits how long messages may be edited'],
  is_inactive: ['fix', 'Unarchive it'],
  channel_is_limited_access: ['fix', 'Pick another channel'],
  team_access_not_granted: ['fix', 'Ask a Slack admin to install the Slack app'],
  cant_broadcast_message: ['fix', 'Also Send Replies to the Channel'],
  update_failed: ['retry'],
  external_channel_migrating: ['retry'],
  streaming_state_conflict: ['retry'],

  invalid_blocks_format: ['fix', REPORT],
  invalid_limit: ['fix', REPORT],
  invalid_arg_name: ['fix', REPORT],
  invalid_array_arg: ['fix', REPORT],
  invalid_charset: ['fix', REPORT],
  invalid_form_data: ['fix', REPORT],
  invalid_post_type: ['fix', REPORT],
  missing_post_type: ['fix', REPORT],
  missing_argument: ['fix', REPORT],
  markdown_text_conflict: ['fix', REPORT],
  invalid_metadata_format: ['fix', REPORT],
  invalid_metadata_schema: ['fix', REPORT],
  metadata_must_be_sent_from_app: ['fix', REPORT],
  metadata_too_large: ['fix', REPORT],
  too_many_attachments: ['fix', REPORT],
  attachment_payload_limit_exceeded: ['fix', REPORT],
  too_many_contact_cards: ['fix', REPORT],
  missing_file_data: ['fix', REPORT],
  draft_already_deleted: ['fix', REPORT],
  draft_already_sent: ['fix', REPORT],
  draft_has_conflict: ['fix', REPORT],
  draft_not_found: ['fix', REPORT],
  duplicate_channel_not_found: ['fix', REPORT],
  duplicate_message_not_found: ['fix', REPORT],
  cannot_reply_to_message: ['fix', REPORT],
  as_user_not_supported: ['fix', REPORT],
  send_on_behalf_not_allowed: ['fix', REPORT],
  method_not_supported_for_channel_type: ['fix', REPORT],
  unknown_method: ['fix', REPORT],
  deprecated_endpoint: ['fix', REPORT],
  method_deprecated: ['fix', REPORT],
  invalid_arguments: ['fix', REPORT],
  invalid_attachments: ['fix', REPORT],
  block_mismatch: ['fix', REPORT],
  no_dual_broadcast_content_update: ['fix', REPORT],
  invalid_metadata_filter_keys: ['fix', REPORT],
  invalid_ts_latest: ['fix', REPORT],
  invalid_ts_oldest: ['fix', REPORT],
  thread_not_found: ['fix', REPORT],
  list_record_comment_fetch_failed: ['fix', REPORT],
};

const POST = 'creates.post_to_slack.operation.perform';
const CHANNELS = 'triggers.slack_channel_list.operation.perform';
const postsMessages = new Set<string>([...CHAT_POST_MESSAGE_ERRORS, ...REFERENCE_ONLY_ERRORS]);

describe("Slack's documented error codes", () => {
  it('has a row for every code Slack documents, here and in the app', () => {
    expect(Object.keys(TABLE).sort()).toEqual([...DOCUMENTED_ERRORS].sort());
    expect(Object.keys(SLACK_ERRORS).sort()).toEqual([...DOCUMENTED_ERRORS].sort());
  });

  it.each(Object.entries(TABLE))('%s → %j', async (code, [kind, detail]) => {
    // A code chat.postMessage can answer is met by Post to Slack; the others only by the channel dropdown.
    const operation = postsMessages.has(code) ? POST : CHANNELS;
    await w.slack.control('faults', { error: code, count: 1, ...(code === 'missing_scope' ? { needed: 'chat:write.public' } : {}) });
    const run = await w.run(operation, { channel: '#invoices', text: 'hello' });
    expect(run.ok).toBe(false);
    expect(run.error?.message).toContain(code);
    switch (kind) {
      case 'throttle':
        expect(run.error).toEqual(expect.objectContaining({ name: 'ThrottledError', delay: detail }));
        break;
      case 'retry':
        expect(run.error).toEqual(expect.objectContaining({ name: 'ThrottledError', delay: OUTAGE_RETRY_SECONDS }));
        expect(run.error?.message).toContain('Zapier will retry');
        break;
      case 'reconnect':
        expect(run.error?.name).toBe('ExpiredAuthError');
        expect(run.error?.message).toContain(detail);
        break;
      case 'fix':
        expect(run.error?.name).toBe('AppError');
        expect(run.error?.message).toContain(detail);
        break;
    }
  });

  it("throttles with Slack's Retry-After when a 429 carries one", async () => {
    await w.slack.control('faults', { error: 'ratelimited', retryAfter: 2, count: 1 });
    const run = await w.run(POST, { channel: '#invoices', text: 'hello' });
    expect(run.error).toEqual(expect.objectContaining({ name: 'ThrottledError', delay: 2 }));
  });

  it('never shows the bot token in an error', async () => {
    for (const code of ['invalid_auth', 'ratelimited', 'service_unavailable', 'invalid_blocks']) {
      await w.slack.control('faults', { error: code, count: 1 });
      const run = await w.run(POST, { channel: '#invoices', text: 'hello' });
      expect(JSON.stringify(run)).not.toContain('xoxb-sandbox');
    }
    expect(w.leakedSecrets()).toEqual([]);
  });
});
