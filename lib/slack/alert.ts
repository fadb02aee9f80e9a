// The new-invoice alert, posted at most once per invoice and channel: a replay of the invoice step posts it
// only if the first run did not.
import type { ZObject } from 'zapier-platform-core';
import { channelInput, slackFor } from './client';
import { invoiceAlertMessage, type InvoiceAlert } from './message';

/** z.cache keeps the "already posted" mark this long; Zapier replays happen within days, not months. */
const ALERT_MARK_TTL_SECONDS = 30 * 24 * 3600;

export interface AlertOutcome {
  slack_alert: 'posted' | 'already_posted' | 'failed';
  slack_channel: string;
  slack_ts: string;
  slack_permalink: string;
  slack_error: string;
}

const messageOf = (error: unknown) => {
  const raw = (error as Error)?.message ?? String(error);
  try {
    const parsed = JSON.parse(raw);
    return typeof parsed?.message === 'string' ? parsed.message : raw;
  } catch {
    return raw;
  }
};

export const postInvoiceAlertOnce = async (
  z: ZObject,
  bundle: { authData: Record<string, string | undefined> },
  channelText: string,
  invoiceId: number,
  alert: InvoiceAlert,
): Promise<AlertOutcome> => {
  const channel = channelInput(channelText);
  const mark = `slack:invoice-alert:${invoiceId}:${channel}`;
  const none = { slack_channel: channel, slack_ts: '', slack_permalink: '', slack_error: '' };
  try {
    const previous = (await z.cache.get(mark)) as { ts?: string; permalink?: string; channel?: string } | null;
    if (previous?.ts) {
      return { ...none, slack_alert: 'already_posted', slack_channel: previous.channel ?? channel, slack_ts: previous.ts, slack_permalink: previous.permalink ?? '' };
    }
  } catch {
    // Without z.cache we cannot know; posting again beats never telling anyone.
  }
  try {
    const slack = slackFor(z, bundle);
    const posted = await slack.post({ channel, ...invoiceAlertMessage(alert) });
    const permalink = await slack.permalink(posted.channel, posted.ts).catch(() => '');
    try {
      await z.cache.set(mark, { ts: posted.ts, permalink, channel: posted.channel }, ALERT_MARK_TTL_SECONDS, ['auth']);
    } catch {
      // as above
    }
    return { ...none, slack_alert: 'posted', slack_channel: posted.channel, slack_ts: posted.ts, slack_permalink: permalink };
  } catch (error) {
    return { ...none, slack_alert: 'failed', slack_error: messageOf(error) };
  }
};
