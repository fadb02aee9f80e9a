// A local stand-in for Slack's Web API: auth.test, conversations.list, chat.postMessage (threads and metadata
// included), chat.update, chat.getPermalink, conversations.history and conversations.replies, speaking as Slack
// documents it (./reference.ts names the source of every rule): HTTP 200 with ok/error, 429 with Retry-After, the
// token's scopes in `x-oauth-scopes` on every answer, Block Kit limits, truncated long text, short pages. One state,
// and the routes by family: ./webApi.ts (the token, auth.test), ./chat.ts, ./conversations.ts and ./controls.ts.
import { FaultBox, json, Router, serve } from '../http';
import { chatRoutes } from './chat';
import { controlRoutes } from './controls';
import { conversationRoutes } from './conversations';
import { createMessageStore } from './messages';
import { POSTING_PACE } from './reference';
import { DEFAULT_SCOPES, postingPace, seedChannels, seedSecondChannels, SLACK_SANDBOX, type SlackSandboxState } from './state';
import { authRoutes, webApiMethods } from './webApi';

export { SLACK_SANDBOX, SLACK_SECOND_WORKSPACE } from './state';

export const createSlackSandbox = () => {
  const faults = new FaultBox();
  const router = new Router();
  const store = createMessageStore();
  const pace = postingPace({ ...POSTING_PACE });
  const state: SlackSandboxState = {
    channels: seedChannels(),
    secondChannels: seedSecondChannels(),
    scopes: [...DEFAULT_SCOPES],
    errorFaults: [],
    // [up] "edit_window_closed: The message cannot be edited due to the team message edit settings"; null: no limit.
    workspace: { messageEditWindowMinutes: null },
  };
  const reset = () => {
    state.channels = seedChannels();
    state.secondChannels = seedSecondChannels();
    state.scopes = [...DEFAULT_SCOPES];
    state.errorFaults = [];
    state.workspace.messageEditWindowMinutes = null;
    store.reset();
    Object.assign(pace.settings, POSTING_PACE);
    pace.reset();
    faults.clear();
  };

  const method = webApiMethods(router, state);
  const routes = { router, method, state, store, pace, faults, reset };
  authRoutes(method);
  conversationRoutes(routes);
  chatRoutes(routes);
  controlRoutes(routes);

  return {
    faults,
    messages: () => store.snapshot(),
    start: (port = SLACK_SANDBOX.defaultPort) => serve({ port, router, faults, notFound: () => json(404, { ok: false, error: 'unknown_method' }) }),
  };
};
