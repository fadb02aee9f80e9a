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
