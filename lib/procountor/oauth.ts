// Procountor's OAuth2 token endpoint. Kept apart from the API client: it has no bearer token, answers
// OAuth2 error bodies, and a failure here means "reconnect", not "retry the step".
import type { ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';
import { procountorApiUrl, procountorClientCredentials } from '../zapier/config';
import { wireRequest } from '../zapier/request';
import { retryLater } from '../zapier/errors';
import { TokenResponse } from './schemas';

const OAuthError = zod.looseObject({ error: zod.string().optional(), error_description: zod.string().optional() });

export type TokenGrant = { grant_type: 'authorization_code'; code: string; redirect_uri: string } | { grant_type: 'refresh_token'; refresh_token: string };

const clientCredentials = (z: ZObject) => {
  const credentials = procountorClientCredentials();
  if (!credentials) {
    throw new z.errors.Error(
      'This integration has no Procountor API client configured (CLIENT_ID and CLIENT_SECRET). ' +
        "The integration's owner sets them with `zapier-platform env:set`.",
      'ProcountorClientMissing',
      500,
    );
  }
  return credentials;
};

export const requestToken = async (z: ZObject, grant: TokenGrant) => {
  let response;
  try {
    response = await z.request(
      wireRequest(z, {
        url: `${procountorApiUrl()}/oauth/token`,
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: new URLSearchParams({ ...grant, ...clientCredentials(z) }).toString(),
      }),
    );
  } catch (error) {
    if (error instanceof Error && error.name === 'RefreshAuthError') {
      throw new z.errors.ExpiredAuthError('Procountor did not accept the sign-in. Reconnect your Procountor account.');
    }
    throw retryLater(z, `Could not reach Procountor's sign-in service (${(error as Error).message}). Zapier will retry.`);
  }
  if (response.status >= 500 || response.status === 429) {
    throw retryLater(z, `Procountor's sign-in service answered HTTP ${response.status}. Zapier will retry.`);
  }
  let body: unknown;
  try {
    body = JSON.parse(response.content);
  } catch {
    body = {};
  }
  if (response.status !== 200) {
    const oauth = OAuthError.safeParse(body);
    const reason = oauth.success ? [oauth.data.error, oauth.data.error_description].filter(Boolean).join(': ') : '';
    const message =
      `Procountor did not accept the sign-in${reason ? ` (${reason})` : ''}. ` +
      'Reconnect your Procountor account with the integration user (for example "companyname.api").';
    throw grant.grant_type === 'refresh_token'
      ? new z.errors.ExpiredAuthError(message)
      : new z.errors.Error(message, 'ProcountorSignInFailed', response.status);
  }
  const token = TokenResponse.safeParse(body);
  if (!token.success) {
    throw new z.errors.Error("Procountor's sign-in answer had no access token. Try connecting again.", 'ProcountorSignInFailed', 502);
  }
  return token.data;
};
