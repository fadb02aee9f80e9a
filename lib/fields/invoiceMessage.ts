// What Update Invoice Message in Slack and Approve and Send Invoice's Slack notification return, as Zap builders see it.
import { slackMessageOutputFields } from './invoice';
import { outputFields } from './outputFields';

/** Update Invoice Message in Slack's outputs: the invoice as it stands now, then its message. */
export const invoiceMessageOutputFields = outputFields(
  ['invoice_id', 'Invoice ID (Procountor)', 'integer'],
  ['invoice_status', 'Invoice Status (Procountor)'],
  ['invoice_number', 'Invoice Number', 'integer'],
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
