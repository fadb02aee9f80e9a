import { recentInvoiceInputField } from '../lib/fields/invoice';
import { defineCreate, type Bundle, type ZObject } from 'zapier-platform-core';
import { InputError, withZapierErrors } from '../lib/zapier/errors';
import { flag, text, wholeNumber } from '../lib/zapier/inputs';
import { procountorFor } from '../lib/procountor/client';
import { statusLine } from '../lib/invoiceMessage/standing';
import { invoiceMessageOutputFields } from '../lib/fields/invoiceMessage';
import { updateInvoiceMessage } from '../lib/invoiceMessage/update';

const perform = (z: ZObject, bundle: Bundle) =>
  withZapierErrors(z, async () => {
    const input = bundle.inputData;
    const invoiceId = wholeNumber(input.invoice_id, 'Invoice', 1, 2_147_483_647);
    if (invoiceId === undefined)
      throw new InputError('Pick the invoice from the "Invoice" dropdown, or map Invoice ID (Procountor) from "Invoice Paid" or another invoice step.');
    const channel = text(input.channel);
    if (!channel) throw new InputError("Pick the Slack channel of the invoice's message from the dropdown, or type its name (#invoices) or ID.");
    const { standing, ...outcome } = await updateInvoiceMessage(z, bundle, procountorFor(z, bundle), {
      invoiceId,
      channel,
      note: text(input.note),
      replyBroadcast: flag(input.reply_broadcast, false),
    });
    return {
      id: `${outcome.channel}:${outcome.ts}`,
      invoice_id: standing.invoiceId,
      invoice_number: standing.invoiceNumber,
      invoice_status: standing.status,
      status_text: statusLine(standing),
      ...outcome,
    };
  });

export default defineCreate({
  key: 'update_invoice_message',
  noun: 'Invoice Message',
  display: {
    label: 'Update Invoice Message in Slack',
    description:
      "Updates an invoice's one message in a Slack channel to show where the invoice stands in Procountor (sent, partly paid, paid), and tells each change in the message's thread. Posts the message when there is none. Safe to run twice: the same state adds no reply.",
  },
  operation: {
    inputFields: [
      recentInvoiceInputField(
        'Map **Invoice ID (Procountor)** from "Invoice Paid", "Approve and Send Invoice", "Find Invoice" or "Create Unfinished Invoice", or pick one of your recent invoices. Its status, sums and payments are read from Procountor.',
      ),
      {
        key: 'channel',
        label: 'Channel',
        required: true,
        dynamic: 'slack_channel_list.id.name',
        helpText:
          "The channel of the invoice's message: the one its new-invoice alert went to. The step finds the message there (Zapier remembers it; after a month it is looked up in the channel's history, which needs the `channels:history` or `groups:history` scope) and posts a new one when it cannot, saying why under Warning. [About scopes](https://docs.slack.dev/reference/scopes/channels.history)",
      },
      {
        key: 'note',
        label: 'Note',
        type: 'text',
        helpText:
          "Optional. Shown in the message and added to this run's thread reply, e.g. who confirmed the payment. A run that finds nothing new posts no reply.",
      },
      {
        key: 'reply_broadcast',
        label: 'Also Send Replies to the Channel',
        type: 'boolean',
        default: 'false',
        helpText: 'Shows each thread reply in the channel too, as Slack\'s "Also send to channel" does. Off, the channel keeps one message per invoice.',
      },
    ],
    perform,
    sample: {
      id: 'C0INVOICES:1764000000.000100',
      invoice_id: 9001,
      invoice_number: 1042,
      invoice_status: 'PARTLY_PAID',
      status_text: 'Partly paid 5 000,00 € of 11 444,09 €',
      message_action: 'updated',
      channel: 'C0INVOICES',
      ts: '1764000000.000100',
      permalink: 'https://example.slack.com/archives/C0INVOICES/p1764000000000100',
      replies_posted: 1,
      warning: '',
    },
    outputFields: invoiceMessageOutputFields,
  },
});
