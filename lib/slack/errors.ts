// Slack's error codes -> what the Zap builder should do, in Zapier's error classes.
import type { ZObject } from 'zapier-platform-core';
import { retryLater } from '../retryable';

const RECONNECT = new Set(['invalid_auth', 'not_authed', 'token_revoked', 'token_expired', 'account_inactive']);

export const slackSentence = (code: string, channel?: string, needed?: string): string => {
  const where = channel ? ` ${channel}` : '';
  switch (code) {
    case 'invalid_auth':
    case 'not_authed':
    case 'token_revoked':
    case 'token_expired':
    case 'account_inactive':
      return `Slack did not accept the bot token (${code}). Update the Slack Bot Token in this connection with your app's current Bot User OAuth Token (xoxb-…).`;
    case 'channel_not_found':
      return `Slack has no channel${where} that the bot can see. Pick the channel from the dropdown; for a private channel, invite the bot to it first.`;
    case 'not_in_channel':
      return `The bot is not a member of the channel${where}. Invite it there (type /invite @your-bot in the channel), or give the Slack app the chat:write.public scope.`;
    case 'is_archived':
      return `The channel${where} is archived. Unarchive it in Slack or pick another channel.`;
    case 'msg_too_long':
      return 'The Slack message is too long. Shorten the text you map into the message.';
    case 'no_text':
      return 'The Slack message is empty. Map some text into the message, or leave it empty to send the new-invoice alert.';
    case 'invalid_blocks':
      return 'Slack refused the message layout (invalid_blocks). Shorten the mapped texts; a message holds at most 50 blocks of 3,000 characters.';
    case 'missing_scope':
      return `The Slack app lacks the scope ${needed ?? 'it needs'}. Add it under OAuth & Permissions in your Slack app, reinstall the app, and update the bot token here.`;
    default:
      return `Slack refused the message (${code}).`;
  }
};

interface SlackFailure {
  code?: string;
  data?: { error?: string; needed?: string };
  retryAfter?: number;
  statusCode?: number;
  original?: Error;
}

/** Turns what @slack/web-api threw into the Zapier error for it. */
export const slackError = (z: ZObject, error: unknown, channel?: string): Error => {
  const e = error as SlackFailure & Error;
  if (e?.name === 'ThrottledError' || e?.name === 'ExpiredAuthError' || e?.name === 'HaltedError') return e;
  switch (e?.code) {
    case 'slack_webapi_rate_limited_error':
      return new z.errors.ThrottledError(`Slack's rate limit was reached. Zapier will retry in ${e.retryAfter ?? 1} s.`, e.retryAfter ?? 1);
    case 'slack_webapi_platform_error': {
      const code = e.data?.error ?? 'unknown_error';
      if (code === 'ratelimited') return new z.errors.ThrottledError("Slack's rate limit was reached. Zapier will retry.", 30);
      const sentence = slackSentence(code, channel, e.data?.needed);
      return RECONNECT.has(code) ? new z.errors.ExpiredAuthError(sentence) : new z.errors.Error(sentence, `slack_${code}`, 400);
    }
    case 'slack_webapi_http_error':
      return (e.statusCode ?? 500) >= 500
        ? retryLater(z, `Slack is not answering properly (HTTP ${e.statusCode}). Zapier will retry.`)
        : new z.errors.Error(`Slack answered HTTP ${e.statusCode}.`, 'slack_http', e.statusCode ?? 400);
    case 'slack_webapi_request_error':
      return retryLater(z, `Could not reach Slack (${e.original?.message ?? 'connection failed'}). Zapier will retry.`);
    default:
      return e instanceof Error ? e : new Error(String(error));
  }
};
