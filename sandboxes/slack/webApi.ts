// What every Web API method of the Slack sandbox shares, as Slack documents it (./reference.ts names the sources):
// POST /api/{method} with the token as a Bearer header or a `token` argument, arguments from the query and the body,
// HTTP 200 with ok/error (429 with Retry-After when rate limited), the token's scopes in `x-oauth-scopes` on every
// answer. auth.test, which only checks the token, lives here too.
import { bearerToken, json, type Router, type SandboxRequest, type SandboxResponse } from '../http';
import { HTTP_429_ERRORS } from './reference';
import { SLACK_SANDBOX, SLACK_SECOND_WORKSPACE, type Args, type ErrorFault, type MethodRoute, type SlackSandboxState, type Workspace } from './state';

export const fail = (error: string, extra: object = {}) => json(200, { ok: false, error, ...extra });

const args = (req: SandboxRequest): Args => {
  const fromBody = req.body && typeof req.body === 'object' ? (req.body as Args) : {};
  return { ...Object.fromEntries(req.query), ...fromBody };
};

/** [cl] What a method accepts, sent back in `x-accepted-oauth-scopes` as Slack does. */
const ACCEPTED_SCOPES: Record<string, string> = {
  'auth.test': '',
  'conversations.list': 'channels:read,groups:read,mpim:read,im:read',
  'chat.postMessage': 'chat:write',
  'chat.update': 'chat:write',
  'chat.getPermalink': '',
  'conversations.history': 'channels:history,groups:history,mpim:history,im:history',
  'conversations.replies': 'channels:history,groups:history,mpim:history,im:history',
};

/** The first armed error fault for this method, one of its uses consumed. */
const takeFault = (state: SlackSandboxState, methodName: string) => {
  const fault = state.errorFaults.find((f) => !f.method || f.method === methodName);
  if (!fault) return undefined;
  fault.count -= 1;
  if (fault.count <= 0) state.errorFaults = state.errorFaults.filter((f) => f !== fault);
  return fault;
};

const faultAnswer = (state: SlackSandboxState, fault: ErrorFault): SandboxResponse => {
  if (HTTP_429_ERRORS.has(fault.error)) {
    // [ref] "Retry-After in seconds; the header may be missing".
    return json(429, { ok: false, error: fault.error }, fault.retryAfter === undefined ? {} : { 'Retry-After': String(fault.retryAfter) });
  }
  return fail(fault.error, fault.error === 'missing_scope' ? { needed: fault.needed ?? 'chat:write', provided: state.scopes.join(',') } : {});
};

/** [tt] Each token is one install of the app, in one workspace: what that token sees. */
const workspaceOf = (state: SlackSandboxState, token: string): Workspace | undefined => {
  if (token === SLACK_SANDBOX.botToken) return { install: SLACK_SANDBOX, channels: state.channels, scopes: state.scopes };
  if (token === SLACK_SECOND_WORKSPACE.botToken) return { install: SLACK_SECOND_WORKSPACE, channels: state.secondChannels, scopes: state.scopes };
  return undefined;
};

/** Registers Web API methods on the router over the sandbox's state. */
export const webApiMethods =
  (router: Router, state: SlackSandboxState): MethodRoute =>
  (name, handler) =>
    router.on('POST', `/api/${name}`, (req) => {
      const token = bearerToken(req) ?? args(req).token;
      if (!token) return fail('not_authed');
      const ws = workspaceOf(state, String(token));
      if (!ws) return fail('invalid_auth');
      const fault = takeFault(state, name);
      const answer = fault ? faultAnswer(state, fault) : handler(args(req), ws);
      // [ref] "every answer carries the token's scopes in the x-oauth-scopes header".
      return { ...answer, headers: { ...answer.headers, 'x-oauth-scopes': state.scopes.join(','), 'x-accepted-oauth-scopes': ACCEPTED_SCOPES[name] ?? '' } };
    });

/** auth.test: who the token is ([ref], [at] "tells you who you are": the token's own workspace and bot). */
export const authRoutes = (method: MethodRoute) =>
  method('auth.test', (_a, { install }) =>
    json(200, {
      ok: true,
      url: install.url,
      team: install.team,
      user: 'invoice-bot',
      team_id: install.teamId,
      user_id: install.botUserId,
      bot_id: install.botId,
    }),
  );
