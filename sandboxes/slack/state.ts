// The Slack sandbox's one state: its channels, the token's scopes, armed faults and the workspace's settings, with
// the pieces every route family uses.
import type { FaultBox, Router, SandboxResponse } from '../http';
import type { MessageStore } from './messages';

export const SLACK_SANDBOX = {
  botToken: 'xoxb-sandbox',
  teamId: 'T0SANDBOX',
  team: 'Sandbox',
  url: 'https://sandbox.slack.com/',
  botUserId: 'U0BOT',
  botId: 'B0BOT',
  defaultPort: 4030,
};

/**
 * The same Slack app installed in a second workspace. [tt] "Bot tokens represent a bot associated with an app installed
 * in a workspace": the install there has a token, bot and channels of its own, and [at] auth.test answers its team_id.
 * A token sees only its own workspace's channels; any other channel is, to it, [pm] channel_not_found.
 */
export const SLACK_SECOND_WORKSPACE = {
  botToken: 'xoxb-second-workspace',
  teamId: 'T0SECOND',
  team: 'Second Sandbox',
  url: 'https://second-sandbox.slack.com/',
  botUserId: 'U0BOT2',
  botId: 'B0BOT2',
};

/** One workspace the app is installed in: who the bot is there. */
type Installation = Omit<typeof SLACK_SECOND_WORKSPACE, 'botToken'>;

export interface Channel {
  id: string;
  name: string;
  is_private: boolean;
  is_archived: boolean;
  is_member: boolean;
}

export const seedChannels = (): Channel[] => [
  { id: 'C0GENERAL', name: 'general', is_private: false, is_archived: false, is_member: true },
  { id: 'C0INVOICES', name: 'invoices', is_private: false, is_archived: false, is_member: true },
  { id: 'C0RANDOM', name: 'random', is_private: false, is_archived: false, is_member: false },
  { id: 'C0OLD', name: 'old-projects', is_private: false, is_archived: true, is_member: true },
  { id: 'G0FINANCE', name: 'finance', is_private: true, is_archived: false, is_member: true },
  { id: 'G0BOARD', name: 'board', is_private: true, is_archived: false, is_member: false },
  ...Array.from({ length: 250 }, (_, i) => ({
    id: `C1TEAM${String(i).padStart(3, '0')}`,
    name: `team-${String(i).padStart(3, '0')}`,
    is_private: false,
    is_archived: false,
    is_member: i % 2 === 0,
  })),
];

/** The second workspace's channels: an #invoices and a #general of its own, with IDs no other workspace has. */
export const seedSecondChannels = (): Channel[] => [
  { id: 'C2GENERAL', name: 'general', is_private: false, is_archived: false, is_member: true },
  { id: 'C2INVOICES', name: 'invoices', is_private: false, is_archived: false, is_member: true },
];

/**
 * The sandbox token is an app set up with every scope the README lists, the optional ones included; a test that needs
 * fewer narrows them with `POST /_sandbox/scopes`.
 */
export const DEFAULT_SCOPES = ['chat:write', 'channels:read', 'groups:read', 'chat:write.public', 'chat:write.customize', 'channels:history', 'groups:history'];

export interface ErrorFault {
  error: string;
  count: number;
  needed?: string;
  retryAfter?: number;
  /** Only calls to this method answer with the fault (default: any method). */
  method?: string;
}

/** [rl] One message a second per channel after a short burst: a token bucket per channel. */
export const postingPace = (settings: { perSecond: number; burst: number }) => {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    settings,
    take(channel: string, now = Date.now()) {
      const bucket = buckets.get(channel) ?? { tokens: settings.burst, at: now };
      const tokens = Math.min(settings.burst, bucket.tokens + ((now - bucket.at) / 1000) * settings.perSecond);
      if (tokens < 1) {
        buckets.set(channel, { tokens, at: now });
        return false;
      }
      buckets.set(channel, { tokens: tokens - 1, at: now });
      return true;
    },
    reset: () => buckets.clear(),
  };
};

export interface SlackSandboxState {
  /** The first workspace's channels (SLACK_SANDBOX's), which the controls change. */
  channels: Channel[];
  /** SLACK_SECOND_WORKSPACE's channels. The app has the same scopes there (one `scopes`). */
  secondChannels: Channel[];
  scopes: string[];
  errorFaults: ErrorFault[];
  workspace: { messageEditWindowMinutes: number | null };
}

/** A method's arguments, as the Slack client sends them (query or body, form-encoded or JSON). */
export type Args = Record<string, any>;
/** A Web API method of the sandbox: `POST /api/{name}`, with the token checked and faults answered first (./webApi.ts). */
export type MethodRoute = (name: string, handler: (a: Args, ws: Workspace) => SandboxResponse) => Router;

/** What a token sees: the channels of its own workspace, the app's scopes, and who the bot is there. */
export interface Workspace {
  install: Installation;
  channels: Channel[];
  scopes: string[];
}

/** What each route family registers its routes with: Web API methods with `method`, test controls on `router`. */
export interface SlackRoutes {
  router: Router;
  method: MethodRoute;
  state: SlackSandboxState;
  store: MessageStore;
  pace: ReturnType<typeof postingPace>;
  faults: FaultBox;
  reset: () => void;
}
