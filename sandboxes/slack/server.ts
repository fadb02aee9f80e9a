// A local stand-in for Slack's Web API: auth.test, conversations.list, chat.postMessage, chat.getPermalink, speaking
// as Slack documents it (./reference.ts names the source of every rule): HTTP 200 with ok/error, 429 with Retry-After,
// the token's scopes in `x-oauth-scopes` on every answer, Block Kit limits, truncated long text, short pages.
import { bearerToken, FaultBox, json, Router, serve, type Fault, type SandboxRequest, type SandboxResponse } from '../http';
import { CUSTOMIZE_SCOPE, DOCUMENTED_ERRORS, HTTP_429_ERRORS, LIMITS, POSTING_PACE, PUBLIC_SCOPE } from './reference';
import { checkMessage } from './rules';

export const SLACK_SANDBOX = { botToken: 'xoxb-sandbox', teamId: 'T0SANDBOX', botUserId: 'U0BOT', defaultPort: 4030 };

interface Channel {
  id: string;
  name: string;
  is_private: boolean;
  is_archived: boolean;
  is_member: boolean;
}

const seedChannels = (): Channel[] => [
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

/** The sandbox token is an app set up as the README says, Bot Name and Bot Icon included (chat:write.public left out). */
const DEFAULT_SCOPES = ['chat:write', 'chat:write.customize', 'channels:read', 'groups:read'];

/** [cl] What a method accepts, sent back in `x-accepted-oauth-scopes` as Slack does. */
const ACCEPTED_SCOPES: Record<string, string> = {
  'auth.test': '',
  'conversations.list': 'channels:read,groups:read,mpim:read,im:read',
  'chat.postMessage': 'chat:write',
  'chat.getPermalink': '',
};

interface ErrorFault {
  error: string;
  count: number;
  needed?: string;
  retryAfter?: number;
  /** Only calls to this method answer with the fault (default: any method). */
  method?: string;
}

/** [rl] One message a second per channel after a short burst: a token bucket per channel. */
const postingPace = (settings: { perSecond: number; burst: number }) => {
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

export const createSlackSandbox = () => {
  const faults = new FaultBox();
  const router = new Router();
  let channels = seedChannels();
  let messages: Array<Record<string, unknown>> = [];
  let scopes = [...DEFAULT_SCOPES];
  let tsCounter = 0;
  let errorFaults: ErrorFault[] = [];
  const pace = postingPace({ ...POSTING_PACE });

  const fail = (error: string, extra: object = {}) => json(200, { ok: false, error, ...extra });
  const args = (req: SandboxRequest): Record<string, any> => {
    const fromBody = req.body && typeof req.body === 'object' ? (req.body as Record<string, any>) : {};
    return { ...Object.fromEntries(req.query), ...fromBody };
  };
  const needScope = (needed: string[]) => {
    const missing = needed.find((s) => !scopes.includes(s));
    return missing ? fail('missing_scope', { needed: missing, provided: scopes.join(',') }) : undefined;
  };
  const takeFault = (methodName: string) => {
    const fault = errorFaults.find((f) => !f.method || f.method === methodName);
    if (!fault) return undefined;
    fault.count -= 1;
    if (fault.count <= 0) errorFaults = errorFaults.filter((f) => f !== fault);
    return fault;
  };
  const faultAnswer = (fault: ErrorFault): SandboxResponse => {
    if (HTTP_429_ERRORS.has(fault.error)) {
      // [ref] "Retry-After in seconds; the header may be missing".
      return json(429, { ok: false, error: fault.error }, fault.retryAfter === undefined ? {} : { 'Retry-After': String(fault.retryAfter) });
    }
    return fail(fault.error, fault.error === 'missing_scope' ? { needed: fault.needed ?? 'chat:write', provided: scopes.join(',') } : {});
  };
  const method = (name: string, handler: (a: Record<string, any>) => SandboxResponse) =>
    router.on('POST', `/api/${name}`, (req) => {
      const token = bearerToken(req) ?? args(req).token;
      if (!token) return fail('not_authed');
      if (token !== SLACK_SANDBOX.botToken) return fail('invalid_auth');
      const fault = takeFault(name);
      const answer = fault ? faultAnswer(fault) : handler(args(req));
      // [ref] "every answer carries the token's scopes in the x-oauth-scopes header".
      return { ...answer, headers: { ...answer.headers, 'x-oauth-scopes': scopes.join(','), 'x-accepted-oauth-scopes': ACCEPTED_SCOPES[name] ?? '' } };
    });
  const findChannel = (ref: unknown) => {
    const key = String(ref ?? '').replace(/^#/, '');
    return channels.find((c) => c.id === key || c.name === key);
  };

  method('auth.test', () =>
    json(200, {
      ok: true,
      url: 'https://sandbox.slack.com/',
      team: 'Sandbox',
      user: 'invoice-bot',
      team_id: SLACK_SANDBOX.teamId,
      user_id: SLACK_SANDBOX.botUserId,
      bot_id: 'B0BOT',
    }),
  );

  method('conversations.list', (a) => {
    const types = String(a.types ?? 'public_channel').split(',');
    const needed = [...(types.includes('public_channel') ? ['channels:read'] : []), ...(types.includes('private_channel') ? ['groups:read'] : [])];
    const refused = needScope(needed);
    if (refused) return refused;
    // [cl] "Must be an integer" no larger than 1000 [ref]; Slack answers invalid_limit rather than capping it.
    const limit = a.limit === undefined || a.limit === '' ? LIMITS.channelPageDefault : Number(a.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > LIMITS.channelPageMax) return fail('invalid_limit');
    const start = a.cursor ? Number(/^next:(\d+)$/.exec(Buffer.from(String(a.cursor), 'base64').toString('utf8'))?.[1] ?? NaN) : 0;
    if (!Number.isInteger(start) || start < 0) return fail('invalid_cursor');
    const excludeArchived = String(a.exclude_archived) === 'true';
    // [cl] "Fewer than the requested number of items may be returned, even if the end of the list hasn't been reached":
    // Slack pages first and leaves out what the caller may not see afterwards, so a page can be short or even empty
    // while next_cursor goes on.
    const window = channels.slice(start, start + limit);
    const page = window
      .filter((c) => (c.is_private ? types.includes('private_channel') && c.is_member : types.includes('public_channel')))
      .filter((c) => !excludeArchived || !c.is_archived);
    const next = start + limit < channels.length ? Buffer.from(`next:${start + limit}`).toString('base64') : '';
    return json(200, { ok: true, channels: page, response_metadata: { next_cursor: next } });
  });

  method('chat.postMessage', (a) => {
    const refused = needScope(['chat:write']);
    if (refused) return refused;
    const channel = findChannel(a.channel);
    if (!channel || (channel.is_private && !channel.is_member)) return fail('channel_not_found');
    if (channel.is_archived) return fail('is_archived');
    if (!channel.is_member && !scopes.includes(PUBLIC_SCOPE)) return fail('not_in_channel');
    const verdict = checkMessage({ text: typeof a.text === 'string' ? a.text : undefined, blocks: a.blocks });
    if (!verdict.ok) return fail(verdict.error, verdict.error === 'no_text' ? {} : { errors: [verdict.why] });
    if (!pace.take(channel.id)) return fail('rate_limited');
    // [sc] Without chat:write.customize Slack ignores a custom name and icon and posts under the app's own.
    const customized = scopes.includes(CUSTOMIZE_SCOPE);
    const ts = `${Math.floor(Date.now() / 1000)}.${String(++tsCounter).padStart(6, '0')}`;
    const message = {
      channel: channel.id,
      ts,
      text: verdict.text,
      blocks: verdict.blocks,
      username: customized ? (a.username ?? null) : null,
      icon_emoji: customized ? (a.icon_emoji ?? null) : null,
      icon_url: customized ? (a.icon_url ?? null) : null,
      unfurl_links: a.unfurl_links === undefined ? null : String(a.unfurl_links) === 'true',
    };
    messages.push(message);
    const warning = verdict.warning ? { warning: verdict.warning, response_metadata: { warnings: [verdict.warning] } } : {};
    return json(200, {
      ok: true,
      channel: channel.id,
      ts,
      message: {
        type: 'message',
        subtype: 'bot_message',
        text: verdict.text,
        ts,
        bot_id: 'B0BOT',
        ...(message.username ? { username: message.username } : {}),
      },
      ...warning,
    });
  });

  method('chat.getPermalink', (a) => {
    const channel = findChannel(a.channel);
    if (!channel) return fail('channel_not_found');
    if (!messages.some((m) => m.channel === channel.id && m.ts === a.message_ts)) return fail('message_not_found');
    return json(200, {
      ok: true,
      channel: channel.id,
      permalink: `https://sandbox.slack.com/archives/${channel.id}/p${String(a.message_ts).replace('.', '')}`,
    });
  });

  router.on('POST', '/_sandbox/reset', () => {
    channels = seedChannels();
    messages = [];
    scopes = [...DEFAULT_SCOPES];
    errorFaults = [];
    Object.assign(pace.settings, POSTING_PACE);
    pace.reset();
    faults.clear();
    return json(200, { ok: true });
  });
  router.on('GET', '/_sandbox/messages', () => json(200, { messages }));
  router.on('POST', '/_sandbox/scopes', (req) => {
    scopes = Array.isArray((req.body as any)?.scopes) ? (req.body as any).scopes : scopes;
    return json(200, { scopes });
  });
  /** Adds channels: `{"channels": [{id, name, is_private, is_archived, is_member}], "first": true}` puts them in front. */
  router.on('POST', '/_sandbox/channels', (req) => {
    const body = (req.body ?? {}) as { channels?: Channel[]; first?: boolean };
    const added = Array.isArray(body.channels) ? body.channels : [];
    channels = body.first ? [...added, ...channels] : [...channels, ...added];
    return json(200, { channels: channels.length });
  });
  /** The posting pace, e.g. `{"burst": 2}` to reach `rate_limited` in a test without 21 posts. */
  router.on('POST', '/_sandbox/pace', (req) => {
    const body = (req.body ?? {}) as { burst?: number; perSecond?: number };
    if (body.burst !== undefined) pace.settings.burst = body.burst;
    if (body.perSecond !== undefined) pace.settings.perSecond = body.perSecond;
    pace.reset();
    return json(200, pace.settings);
  });
  router.on('POST', '/_sandbox/faults', (req) => {
    const body = (req.body ?? {}) as Fault & { error?: string; needed?: string; clear?: boolean; method?: string };
    if (body.clear) {
      faults.clear();
      errorFaults = [];
    }
    if (body.error) {
      // A fault answers with a code Slack documents, or the control says no: a typo must not pass for Slack.
      if (!DOCUMENTED_ERRORS.has(body.error)) return json(400, { ok: false, error: `${body.error} is not an error code Slack documents for these methods` });
      errorFaults.push({ error: body.error, count: body.count ?? 1, needed: body.needed, retryAfter: body.retryAfter, method: body.method });
    } else if (body.status !== undefined || body.drop || body.dropAfter || body.latencyMs !== undefined) {
      faults.arm(body.status === 429 && body.body === undefined ? { ...body, body: { ok: false, error: 'ratelimited' } } : body);
    }
    return json(200, { ok: true });
  });

  return {
    faults,
    messages: () => messages,
    start: (port = SLACK_SANDBOX.defaultPort) => serve({ port, router, faults, notFound: () => json(404, { ok: false, error: 'unknown_method' }) }),
  };
};
