import { defineCreate, type Bundle, type ZObject } from 'zapier-platform-core';
import { InputError, withZapierErrors } from '../lib/zapier/errors';
import { wholeNumber } from '../lib/zapier/inputs';
import { procountorFor } from '../lib/procountor/client';
import { approveAndSendInvoice } from '../lib/procountor/sending';
import { outputFields, SHARED_ROWS } from '../lib/fields/outputFields';
import { sentMessageOutputFields, sentMessageSample } from '../lib/fields/invoiceMessage';
import { notifyIfAsked } from '../lib/invoiceMessage/update';

const perform = (z: ZObject, bundle: Bundle) =>
  withZapierErrors(z, async () => {
    const invoiceId = wholeNumber(bundle.inputData.invoice_id, 'Invoice', 1, 2_147_483_647);
    if (invoiceId === undefined) throw new InputError('Pick the invoice from the "Invoice" dropdown, or map the Invoice ID from the step that created it.');
    const client = procountorFor(z, bundle);
    const sent = await approveAndSendInvoice(z, client, invoiceId);
    return {
      id: sent.id,
      invoice_id: sent.id,
      invoice_number: sent.invoiceNumber,
      status: sent.status,
      invoice_channel: sent.channel,
      approved_now: sent.approvedNow,
      already_sent: sent.alreadySent,
      status_note: sent.statusNote,
      procountor_requests: sent.procountorRequests,
      ...(await notifyIfAsked(z, bundle, client, sent.id)),
    };
  });

export default defineCreate({
  key: 'send_invoice',
  noun: 'Invoice',
  display: {
    label: 'Approve and Send Invoice',
    description:
      'Approves an Unfinished sales invoice in Procountor and sends it to the customer through its invoice channel (e-invoice, e-mail or paper); an invoice whose channel is No sending is approved only, as Procountor sends nothing for it. Safe to run twice, even at the same time: an approved invoice is not approved again, and a sent one is not sent again.',
  },
  operation: {
    inputFields: [
      {
        key: 'invoice_id',
        label: 'Invoice',
        required: true,
        dynamic: 'invoice_list.id.label',
        helpText:
          'Pick an Unfinished invoice, or map **Invoice ID (Procountor)** from "Create Unfinished Invoice". Most teams let their accountant check and send invoices in Procountor by hand; use this step only when invoices may go out unchecked, for example to customers with an e-invoice address. An approved invoice can no longer be changed.',
      },
      {
        key: 'slack_channel',
        label: 'Notify Slack Channel',
        dynamic: 'slack_channel_list.id.name',
        helpText:
          "Optional. After sending, updates the invoice's message in this Slack channel (its new-invoice alert) to show it sent, with a reply in the message's thread; posts one when there is none. If Slack fails, the invoice is still sent and the output says why; replaying the step updates the message once.",
      },
    ],
    perform,
    sample: {
      id: 9001,
      invoice_id: 9001,
      invoice_number: 1042,
      status: 'SENT',
      invoice_channel: 'ELECTRONIC_INVOICE',
      approved_now: true,
      already_sent: false,
      status_note: 'Sent.',
      procountor_requests: 3,
      ...sentMessageSample,
    },
    outputFields: outputFields(
      SHARED_ROWS.invoiceId,
      SHARED_ROWS.invoiceNumber,
      ['status', 'Status (SENT, or APPROVED for a No-sending invoice)'],
      ['invoice_channel', 'Invoice Channel'],
      ['approved_now', 'Approved by This Step', 'boolean'],
      ['already_sent', 'Was Already Sent', 'boolean'],
      ['status_note', 'What Happened'],
      ['procountor_requests', 'Procountor Requests Made', 'integer'],
      ...sentMessageOutputFields,
    ),
  },
});
