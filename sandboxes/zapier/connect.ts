// Connecting the app the way Zapier does: the authorize URL, the signed-in user's redirect, the code exchange.
import { CLICK2CONTRACT_SANDBOX } from '../click2contract/server';
import { SLACK_SANDBOX } from '../slack/server';
import type { ZapierRuntime } from './runtime';

const REDIRECT_URI = 'https://zapier.com/dashboard/auth/oauth/return/App0CLIAPI/';

/** authData for a connection to the sandboxes, through the real OAuth2 code exchange. */
export const connectToSandboxes = async (runtime: ZapierRuntime) => {
  const authorize = await runtime.invoke<string>('authentication.oauth2Config.authorizeUrl', {
    inputData: { redirect_uri: REDIRECT_URI, state: 'local' },
    authData: {},
  });
  if (!authorize.ok) throw new Error(`Building the authorize URL failed: ${authorize.error?.message}`);
  const redirect = await fetch(authorize.result!, { redirect: 'manual' });
  const location = redirect.headers.get('location');
  if (!location) throw new Error(`Procountor's sign-in page did not redirect (HTTP ${redirect.status})`);
  const code = new URL(location).searchParams.get('code') ?? '';
  const tokens = await runtime.invoke<Record<string, string>>('authentication.oauth2Config.getAccessToken', {
    inputData: { code, redirect_uri: REDIRECT_URI },
    authData: {},
  });
  if (!tokens.ok) throw new Error(`Connecting Procountor failed: ${tokens.error?.message}`);
  return { ...tokens.result!, click2contract_api_key: CLICK2CONTRACT_SANDBOX.apiKey, slack_bot_token: SLACK_SANDBOX.botToken };
};
