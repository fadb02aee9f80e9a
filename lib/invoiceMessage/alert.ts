// The new-invoice alert, posted at most once per invoice and channel: a replay of the invoice step, or a run at the
// same time, posts it only if no other run did. Posted for an invoice, it carries the invoice's metadata and becomes
// the invoice's living message (./livingMessage.ts), which Update Invoice Message in Slack keeps up to date.
import type { ZObject } from 'zapier-platform-core';
import { connectionCache } from '../zapier/cache';
import { withClaim } from '../zapier/claim';
import { text } from '../zapier/inputs';
import { messageOf } from '../zapier/errors';
import { channelInput, slackFor, type SlackPost } from '../slack/client';
import { channelIdOf, rememberChannel } from './channels';
import { rememberAlert } from './livingMessage';
import { invoiceAlertMessage, type InvoiceAlert } from './alertMessage';
import { invoiceMetadata, NEW_INVOICE_SHOWN, type Shown } from './standing';

/** z.cache keeps the "already posted" mark this long; Zapier replays happen within days, not months. */
const ALERT_MARK_TTL_SECONDS = 30 * 24 * 3600;
/** A run waiting for another run posting the same message (a post and a permalink: a second or two) gives up after this. */
const POST_CLAIM_WAIT_MS = 10_000;

export interface AlertOutcome {
  slack_alert: 'posted' | 'already_posted' | 'failed';
  slack_channel: string;
  slack_ts: string;
  slack_permalink: string;
  slack_error: string;
}

/** The invoice an alert is about, when known: its message then carries its metadata and is remembered as its own. */
export interface AlertedInvoice {
  invoiceId: number;
  invoiceNumber?: number | null;
  shown: Shown;
}

type Posted = { ts?: string; permalink?: string; channel?: string };

const markOf = async (z: ZObject, mark: string): Promise<Posted | undefined> => {
  try {
    const previous = (await connectionCache(z).get(mark)) as Posted | null;
    return previous?.ts ? previous : undefined;
  } catch {
    // Without z.cache we cannot know; posting again beats never telling anyone.
    return undefined;
  }
};

/**
 * Posts a message unless one with the same key already went to that channel; answers what happened. Runs for one key
 * and channel take turns through a claim keyed by the channel's ID, and read the "posted" mark inside it, so two runs
 * at once post once, and "#invoices" and its ID count as one channel.
 */
export const postOnce = async (
  z: ZObject,
  bundle: { authData: Record<string, string | undefined> },
  key: string,
  post: SlackPost,
  invoice?: AlertedInvoice,
): Promise<AlertOutcome & { text: string; warning: string }> => {
  const slack = slackFor(z, bundle);
  const asked = channelInput(post.channel);
  // Marks belong to the token's workspace: a connection switched to another workspace posts there afresh.
  const workspace = await slack.workspace();
  const known = await channelIdOf(z, slack, workspace, asked);
  // A channel the bot cannot look up is kept by its name as typed: Slack's answer to the post tells its ID.
  const channel = known ?? asked;
  const mark = `slack:posted:${workspace}:${channel}:${key}`;
  const none = { slack_channel: channel, slack_ts: '', slack_permalink: '', slack_error: '', text: post.text, warning: '' };
  const claim = {
    key: `slack:post-claim:${workspace}:${channel}:${key}`,
    of: 'connection' as const,
    waitMs: POST_CLAIM_WAIT_MS,
    busyMessage: `Another run is posting this message to ${asked}. Zapier will retry this one shortly; it does not post it twice.`,
  };
  return withClaim(z, claim, async () => {
    const previous = await markOf(z, mark);
    if (previous) {
      return {
        ...none,
        slack_alert: 'already_posted' as const,
        slack_channel: previous.channel ?? channel,
        slack_ts: previous.ts!,
        slack_permalink: previous.permalink ?? '',
      };
    }
    const metadata = invoice && invoiceMetadata(invoice.invoiceId, invoice.invoiceNumber, invoice.shown);
    const posted = await slack.post({ ...post, channel, metadata });
    const permalink = await slack.permalink(posted.channel, posted.ts).catch(() => '');
    if (!known) await rememberChannel(z, slack, workspace, asked, posted.channel);
    if (invoice)
      await rememberAlert(z, workspace, invoice.invoiceId, { ...posted, permalink, asked }, { text: post.text, blocks: post.blocks ?? [] }, invoice.shown);
    try {
      await connectionCache(z).set(mark, { ts: posted.ts, permalink, channel: posted.channel }, ALERT_MARK_TTL_SECONDS);
    } catch {
      // as above
    }
    return {
      ...none,
      slack_alert: 'posted' as const,
      slack_channel: posted.channel,
      slack_ts: posted.ts,
      slack_permalink: permalink,
      warning: posted.warning,
    };
  });
};

/** What the alert about a new invoice shows, for its metadata. */
export const alertedInvoice = (invoiceId: number, alert: Pick<InvoiceAlert, 'invoiceNumber' | 'status'>): AlertedInvoice => ({
  invoiceId,
  invoiceNumber: typeof alert.invoiceNumber === 'number' ? alert.invoiceNumber : Number(alert.invoiceNumber) || null,
  shown: { ...NEW_INVOICE_SHOWN, status: alert.status?.trim().toUpperCase() || NEW_INVOICE_SHOWN.status },
});

/** The invoice step's built-in alert: never throws, so a Slack failure cannot cost the invoice. */
const postInvoiceAlertOnce = async (
  z: ZObject,
  bundle: { authData: Record<string, string | undefined> },
  channelText: string,
  invoiceId: number,
  alert: InvoiceAlert,
): Promise<AlertOutcome> => {
  try {
    const {
      text: _text,
      warning: _warning,
      ...outcome
    } = await postOnce(z, bundle, `invoice:${invoiceId}`, { channel: channelText, ...invoiceAlertMessage(alert) }, alertedInvoice(invoiceId, alert));
    return outcome;
  } catch (error) {
    return { slack_alert: 'failed', slack_channel: channelInput(channelText), slack_ts: '', slack_permalink: '', slack_error: messageOf(error) };
  }
};

const NO_ALERT = { slack_alert: 'not_requested', slack_channel: '', slack_ts: '', slack_permalink: '', slack_error: '' };

/** The built-in alert when the step names a Slack channel. The invoice exists whatever Slack does: a failed alert is reported in the output, and a replay posts it. */
export const alertIfAsked = async (
  z: ZObject,
  bundle: { authData: Record<string, string | undefined>; inputData: Record<string, unknown> },
  output: {
    invoice_id: number;
    invoice_number: number | null;
    customer_name: string;
    total: number | null;
    currency: string;
    due_date: string;
    status: string;
  },
  reference: string,
  /** Set for invoices that did not come from a contract: what their reference is called ("Order"). */
  referenceLabel?: string,
) => {
  const channel = text(bundle.inputData.slack_channel);
  if (!channel) return NO_ALERT;
  return postInvoiceAlertOnce(z, bundle, channel, output.invoice_id, {
    invoiceNumber: output.invoice_number,
    customerName: output.customer_name,
    contractNumber: referenceLabel ? undefined : reference,
    reference: referenceLabel ? { label: referenceLabel, value: reference } : undefined,
    total: output.total,
    currency: output.currency,
    dueDate: output.due_date,
    status: output.status,
  });
};
