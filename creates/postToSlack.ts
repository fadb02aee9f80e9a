import { defineCreate, type Bundle, type ZObject } from 'zapier-platform-core';
import { flag, decimal, text, wholeNumber } from '../lib/zapier/inputs';
import { InputError, withZapierErrors } from '../lib/zapier/errors';
import { alertedInvoice, postOnce } from '../lib/invoiceMessage/alert';
import { channelInput, slackFor } from '../lib/slack/client';
import { invoiceAlertMessage } from '../lib/invoiceMessage/alertMessage';
import { customMessage } from '../lib/slack/message';
import { outputFields } from '../lib/fields/outputFields';

const perform = (z: ZObject, bundle: Bundle) =>
  withZapierErrors(z, async () => {
    const input = bundle.inputData;
    const channelText = text(input.channel);
    if (!channelText) throw new InputError('Pick a Slack channel from the dropdown, or type its name (#invoices) or ID.');
    const channel = channelInput(channelText);
    const own = text(input.text);
    const alert = own
      ? undefined
      : {
          invoiceNumber: text(input.invoice_number),
          customerName: text(input.customer_name),
          contractNumber: text(input.contract_number),
          total: decimal(input.total, 'Total Including VAT'),
          currency: text(input.currency) ?? 'EUR',
          dueDate: text(input.due_date),
          status: text(input.status) ?? 'UNFINISHED',
          notes: text(input.notes),
        };
    const message = alert ? invoiceAlertMessage(alert) : customMessage(own!);
    // The alert about an invoice Procountor knows becomes that invoice's living message.
    const invoiceId = alert && wholeNumber(input.invoice_id, 'Invoice', 1, 2_147_483_647);
    const icon = text(input.bot_icon);
    const post = {
      channel,
      ...message,
      username: text(input.bot_name),
      iconEmoji: icon && /^:[\w+-]+:$/.test(icon) ? icon : undefined,
      iconUrl: icon && /^https?:\/\//.test(icon) ? icon : undefined,
      unfurlLinks: flag(input.unfurl_links, false),
    };
    // Zapier replays steps and hooks arrive twice: an alert about an invoice is posted once per invoice.
    const onceKey =
      text(input.once_per) ??
      (invoiceId ? `invoice:${invoiceId}` : !own && text(input.invoice_number) ? `invoice-number:${text(input.invoice_number)}` : undefined);
    if (onceKey) {
      const outcome = await postOnce(z, bundle, onceKey, post, alert && invoiceId ? alertedInvoice(invoiceId, alert) : undefined);
      return {
        id: `${outcome.slack_channel}:${outcome.slack_ts}`,
        channel: outcome.slack_channel,
        ts: outcome.slack_ts,
        permalink: outcome.slack_permalink,
        text: outcome.text,
        already_posted: outcome.slack_alert === 'already_posted',
        warning: outcome.warning,
      };
    }
    const slack = slackFor(z, bundle);
    const posted = await slack.post(post);
    const permalink = await slack.permalink(posted.channel, posted.ts);
    return {
      id: `${posted.channel}:${posted.ts}`,
      channel: posted.channel,
      ts: posted.ts,
      permalink,
      text: message.text,
      already_posted: false,
      warning: posted.warning,
    };
  });

export default defineCreate({
  key: 'post_to_slack',
  noun: 'Slack Message',
  display: {
    label: 'Post to Slack',
    description: 'Posts a message to a Slack channel: by default an alert that a new Unfinished invoice is waiting in Procountor.',
  },
  operation: {
    inputFields: [
      {
        key: 'channel',
        label: 'Channel',
        required: true,
        dynamic: 'slack_channel_list.id.name',
        helpText: 'Pick a channel, or type its name (`#invoices`) or ID. The bot must be in the channel, or have the `chat:write.public` scope.',
      },
      {
        key: 'text',
        label: 'Message',
        type: 'text',
        helpText:
          'Leave empty to send the new-invoice alert built from the invoice fields below. Your text is shown exactly as written; past about 12,000 characters (what Slack takes in one message) it is cut and ends with "(cut)".',
      },
      {
        key: 'invoice_id',
        label: 'Invoice',
        dynamic: 'recent_invoice_list.id.label',
        helpText:
          'Optional, for the default alert: map **Invoice ID (Procountor)** from "Create Unfinished Invoice". The alert then becomes the invoice\'s one message in the channel, which **Update Invoice Message in Slack** keeps up to date as the invoice is sent and paid.',
      },
      { key: 'invoice_number', label: 'Invoice Number', helpText: 'From "Create Unfinished Invoice", for the default alert.' },
      { key: 'customer_name', label: 'Customer Name' },
      { key: 'contract_number', label: 'Contract Number' },
      { key: 'total', label: 'Total Including VAT' },
      { key: 'currency', label: 'Currency', default: 'EUR' },
      { key: 'due_date', label: 'Due Date' },
      { key: 'status', label: 'Invoice Status', default: 'UNFINISHED' },
      { key: 'notes', label: 'Notes', type: 'text', helpText: 'Added under the alert. Long notes are cut to fit one Slack message and end with "(cut)".' },
      {
        key: 'bot_name',
        label: 'Bot Name',
        helpText:
          'Shown as the sender, e.g. "Invoices". Needs the `chat:write.customize` scope in your Slack app; without it Slack uses the app\'s own name and the output says so.',
      },
      {
        key: 'bot_icon',
        label: 'Bot Icon',
        helpText: 'An emoji such as `:receipt:` or an image URL. Needs the `chat:write.customize` scope, like Bot Name.',
      },
      { key: 'unfurl_links', label: 'Unfurl Links', type: 'boolean', default: 'false', helpText: 'Show previews of links in the message.' },
      {
        key: 'once_per',
        label: 'Post Only Once Per',
        helpText:
          'Optional. Map something unique, such as the Invoice ID: when Zapier replays this step or a contract arrives twice, the same message is not posted again. The new-invoice alert already posts once per invoice number.',
      },
    ],
    perform,
    sample: {
      id: 'C0INVOICES:1764000000.000100',
      channel: 'C0INVOICES',
      ts: '1764000000.000100',
      permalink: 'https://example.slack.com/archives/C0INVOICES/p1764000000000100',
      text: 'New unfinished invoice 1001 for Asiakas Oy (contract C-1042): 11 444,09 € incl. VAT, due 8.12.2026.',
      already_posted: false,
      warning: '',
    },
    outputFields: outputFields(
      ['channel', 'Channel ID'],
      ['ts', 'Message Timestamp'],
      ['permalink', 'Message Link'],
      ['text', 'Message Text'],
      ['already_posted', 'Was Already Posted', 'boolean'],
      ['warning', 'Warning (empty when Slack posted it as asked)'],
    ),
  },
});
