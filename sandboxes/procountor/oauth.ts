// Procountor's OAuth2 login: the sign-in page that hands out a code, and the token endpoint.
import { json } from '../http';
import { PROCOUNTOR_SANDBOX, token, type SandboxRoutes } from './state';

export const oauthRoutes = ({ router, state }: SandboxRoutes) => {
  const issueTokens = (clientId: string) => {
    const access = token('pat');
    const refresh = token('prt');
    state.accessTokens.set(access, { clientId, expiresAt: Date.now() + state.tokenLifetimeSeconds * 1000 });
    state.refreshTokens.set(refresh, clientId);
    return json(200, {
      access_token: access,
      refresh_token: refresh,
      expires_in: state.tokenLifetimeSeconds,
      token_type: 'bearer',
    });
  };

  const oauthError = (status: number, error: string, description: string) => json(status, { error, error_description: description });

  router.on('GET', '/login', (req) => {
    const clientId = req.query.get('client_id');
    const redirectUri = req.query.get('redirect_uri');
    const htmlError = (message: string) => ({
      status: 400,
      raw: `<!doctype html><title>Procountor sign-in</title><p>${message}</p>`,
      headers: { 'Content-Type': 'text/html; charset=utf-8' },
    });
    if (req.query.get('response_type') !== 'code') return htmlError('response_type must be "code".');
    if (clientId !== PROCOUNTOR_SANDBOX.clientId) return htmlError('Unknown client_id.');
    if (!redirectUri) return htmlError('redirect_uri is missing.');
    let target: URL;
    try {
      target = new URL(redirectUri);
    } catch {
      return htmlError('redirect_uri is not a URL.');
    }
    if (target.search) return htmlError('redirect_uri must be a clean URL without a query string.');
    const code = token('code');
    state.codes.set(code, { clientId, redirectUri });
    target.searchParams.set('code', code);
    const stateParam = req.query.get('state');
    if (stateParam !== null) target.searchParams.set('state', stateParam);
    return { status: 302, headers: { Location: target.toString() }, raw: '' };
  });

  router.on('POST', '/api/oauth/token', (req) => {
    const body = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, string>;
    let clientId = body.client_id;
    let clientSecret = body.client_secret;
    const basic = /^Basic\s+(.+)$/i.exec(String(req.headers.authorization ?? ''));
    if (basic) [clientId, clientSecret] = Buffer.from(basic[1]!, 'base64').toString('utf8').split(':');
    if (clientId !== PROCOUNTOR_SANDBOX.clientId || clientSecret !== PROCOUNTOR_SANDBOX.clientSecret) {
      return oauthError(401, 'invalid_client', 'Client authentication failed.');
    }
    switch (body.grant_type) {
      case 'authorization_code': {
        const entry = body.code ? state.codes.get(body.code) : undefined;
        if (!entry) return oauthError(400, 'invalid_grant', 'The authorization code is invalid or was already used.');
        state.codes.delete(body.code!);
        if (body.redirect_uri !== entry.redirectUri) {
          return oauthError(400, 'invalid_grant', 'redirect_uri does not match the one used at sign-in.');
        }
        return issueTokens(clientId);
      }
      case 'refresh_token': {
        const owner = body.refresh_token ? state.refreshTokens.get(body.refresh_token) : undefined;
        if (!owner || owner !== clientId) return oauthError(400, 'invalid_grant', 'Unknown refresh token.');
        return issueTokens(clientId);
      }
      case 'client_credentials': {
        if (body.api_key !== PROCOUNTOR_SANDBOX.apiKey) return oauthError(400, 'invalid_grant', 'Invalid api_key.');
        return issueTokens(clientId);
      }
      default:
        return oauthError(400, 'unsupported_grant_type', 'grant_type must be authorization_code, refresh_token or client_credentials.');
    }
  });
};
