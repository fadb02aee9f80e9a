import type { Bundle, ZObject } from 'zapier-platform-core';
import { procountorClientId, procountorLoginUrl } from './lib/zapier/config';
import { procountorFor } from './lib/procountor/client';
import { requestToken } from './lib/procountor/oauth';
import { click2contractFor } from './lib/click2contract/client';
import { slackFor } from './lib/slack/client';

const authorizeUrl = async (_z: ZObject, bundle: Bundle) => {
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: procountorClientId(),
    redirect_uri: String(bundle.inputData.redirect_uri ?? ''),
    state: String(bundle.inputData.state ?? ''),
  });
  return `${procountorLoginUrl()}?${params.toString()}`;
};

/**
 * The Procountor company a new token belongs to, recorded in the connection with the token (at connect and at every
 * refresh): what the app keeps about a company is keyed by it, so reconnecting to another company finds none of it.
 */
const companyIdOf = async (z: ZObject, accessToken: string) => String((await procountorFor(z, { authData: { access_token: accessToken } }).getCompany()).id);

const getAccessToken = async (z: ZObject, bundle: Bundle) => {
  const token = await requestToken(z, {
    grant_type: 'authorization_code',
    code: String(bundle.inputData.code ?? ''),
    redirect_uri: String(bundle.inputData.redirect_uri ?? ''),
  });
  return { access_token: token.access_token, refresh_token: token.refresh_token ?? '', company_id: await companyIdOf(z, token.access_token) };
};

const refreshAccessToken = async (z: ZObject, bundle: Bundle) => {
  const refresh = bundle.authData.refresh_token;
  if (!refresh) throw new z.errors.ExpiredAuthError('The Procountor connection cannot be renewed. Reconnect your Procountor account.');
  const token = await requestToken(z, { grant_type: 'refresh_token', refresh_token: refresh });
  // Procountor may keep the old refresh token; never store an empty one over it.
  return { access_token: token.access_token, refresh_token: token.refresh_token || refresh, company_id: await companyIdOf(z, token.access_token) };
};

/**
 * The connection test: who the connection acts as. Zapier labels the connection with `label`: the Procountor company
 * and user, which is what tells one connection from another.
 */
const test = async (z: ZObject, bundle: Bundle) => {
  const procountor = procountorFor(z, bundle);
  const [user, company, click2contract, slack] = await Promise.all([
    procountor.getUser(),
    procountor.getCompany(),
    click2contractFor(z, bundle).me(),
    // The Slack token is optional; when given, a wrong one should fail here rather than at the first alert.
    bundle.authData.slack_bot_token ? slackFor(z, bundle).authTest() : Promise.resolve(undefined),
  ]);
  const username = user.username ?? [user.firstName, user.lastName].filter(Boolean).join(' ');
  return {
    id: String(user.id ?? company.id),
    username,
    company_id: company.id,
    company_name: company.name,
    click2contract_account: click2contract.account.name,
    slack_team: slack?.team ?? '',
    label: `${company.name} (${username})`,
  };
};

export default {
  type: 'oauth2' as const,
  oauth2Config: {
    authorizeUrl,
    getAccessToken,
    refreshAccessToken,
    autoRefresh: true,
  },
  fields: [
    {
      key: 'click2contract_api_key',
      label: 'Click2Contract API Key',
      type: 'password' as const,
      required: true,
      helpText:
        'In [Click2Contract](https://www.click2contract.com/), open **Integrations** (top right corner), create an API key and paste it here. ' +
        'It lets Zapier read your accepted contracts and subscribe to new ones.',
    },
    {
      key: 'slack_bot_token',
      label: 'Slack Bot Token (optional)',
      type: 'password' as const,
      required: false,
      helpText:
        'Only needed for the Slack steps (new-invoice alerts, and the invoice message kept up to date). In your Slack app at ' +
        '[api.slack.com/apps](https://api.slack.com/apps), add these **Bot Token Scopes** under **OAuth & Permissions**: `chat:write` (post ' +
        'and update messages), `channels:read` and `groups:read` (list public and private channels in the channel dropdown); optionally ' +
        '`chat:write.public` (post in public channels the bot has not been invited to), `chat:write.customize` (post with your own Bot Name ' +
        "and Bot Icon), and `channels:history` and `groups:history` (let the app find an invoice's message after Zapier's cache has " +
        'forgotten it). Install the app to your workspace and paste its **Bot User OAuth Token** (it starts with `xoxb-`) here. ' +
        '[About bot tokens](https://docs.slack.dev/authentication/tokens).',
    },
  ],
  test,
  connectionLabel: async (_z: ZObject, bundle: Bundle) => String(bundle.inputData.label ?? ''),
};
