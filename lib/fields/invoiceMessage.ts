// What Update Invoice Message in Slack and Approve and Send Invoice's Slack notification return, as Zap builders see it.
import { slackMessageOutputFields } from './invoice';
import { outputFields, SHARED_ROWS } from './outputFields';

/** Update Invoice Message in Slack's outputs: the invoice as it stands now, then its message. */
export const invoiceMessageOutputFields = outputFields(
  SHARED_ROWS.invoiceId,
  ['invoice_status', 'Invoice Status (Procountor)'],
  SHARED_ROWS.invoiceNumber,
  ['status_text', 'Status as Shown'],
  ['message_action', 'Message Action (updated, unchanged, posted)'],
  ['replies_posted', 'Thread Replies Posted', 'integer'],
  ['channel', 'Channel ID'],
  ['ts', 'Message Timestamp'],
  ['permalink', 'Message Link'],
  ['warning', 'Warning (empty when the message was found and updated)'],
);

/** Approve and Send Invoice's outputs of its Slack message. */
export const sentMessageOutputFields = outputFields(...slackMessageOutputFields('Slack Message (updated, unchanged, posted, failed, not_requested)'), [
  'slack_warning',
  'Slack Warning (why a new message was posted)',
]);

/** The "Notify Slack Channel" input of the steps that move an invoice on: its living message follows. */
export const notifySlackChannelField = (afterWhat: string) => ({
  key: 'slack_channel',
  label: 'Notify Slack Channel',
  dynamic: 'slack_channel_list.id.name',
  helpText: `Optional. ${afterWhat}, updates the invoice's message in this Slack channel (its new-invoice alert) to show where it stands, with a reply in the message's thread; posts one when there is none. If Slack fails, the step's work stands and the output says why; replaying the step adds no reply.`,
});

/** What the Slack outputs read in a sample, when a step updated the invoice's message. */
export const sentMessageSample = {
  slack_alert: 'updated',
  slack_channel: 'C0INVOICES',
  slack_ts: '1764000000.000100',
  slack_permalink: 'https://example.slack.com/archives/C0INVOICES/p1764000000000100',
  slack_error: '',
  slack_warning: '',
};
