// A local stand-in for Slack's Web API (../shared/reference/slack-web-api.md): auth.test, conversations.list,
// chat.postMessage, chat.getPermalink. HTTP 200 with ok/error, 429 with Retry-After, Slack's limits.
import { bearerToken, FaultBox, json, Router, serve, type Fault, type SandboxRequest } from '../http';

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
  ...Array.from({ length: 250 }, (_, i) => ({
    id: `C1TEAM${String(i).padStart(3, '0')}`,
    name: `team-${String(i).padStart(3, '0')}`,
    is_private: false,
    is_archived: false,
    is_member: i % 2 === 0,
  })),
];

const DEFAULT_SCOPES = ['chat:write', 'channels:read', 'groups:read'];

export const createSlackSandbox = () => {
  const faults = new FaultBox();
  const router = new Router();
  let channels = seedChannels();
  let messages: Array<Record<string, unknown>> = [];
  let scopes = [...DEFAULT_SCOPES];
  let tsCounter = 0;
  /** A Slack error code the next `count` method calls answer with (an ok:false fault). */
  let errorFault: { error: string; count: number; needed?: string } | undefined;

  const fail = (error: string, extra: object = {}) => json(200, { ok: false, error, ...extra });
  const args = (req: SandboxRequest): Record<string, any> => {
    const fromBody = req.body && typeof req.body === 'object' ? (req.body as Record<string, any>) : {};
    return { ...Object.fromEntries(req.query), ...fromBody };
  };
  const needScope = (needed: string[]) => {
    const missing = needed.find((s) => !scopes.includes(s));
    return missing ? fail('missing_scope', { needed: missing, provided: scopes.join(',') }) : undefined;
  };
  const method = (name: string, handler: (a: Record<string, any>) => ReturnType<typeof json>) =>
    router.on('POST', `/api/${name}`, (req) => {
      const token = bearerToken(req) ?? args(req).token;
      if (!token) return fail('not_authed');
      if (token !== SLACK_SANDBOX.botToken) return fail('invalid_auth');
      if (errorFault && errorFault.count > 0) {
        errorFault.count -= 1;
        const { error, needed } = errorFault;
        if (errorFault.count <= 0) errorFault = undefined;
        return fail(error, needed ? { needed, provided: scopes.join(',') } : {});
      }
      return handler(args(req));
    });
  const findChannel = (ref: string) => {
    const key = String(ref ?? '').replace(/^#/, '');
    return channels.find((c) => c.id === key || c.name === key);
  };

  method('auth.test', () =>
    json(200, { ok: true, url: 'https://sandbox.slack.com/', team: 'Sandbox', user: 'invoice-bot', team_id: SLACK_SANDBOX.teamId, user_id: SLACK_SANDBOX.botUserId, bot_id: 'B0BOT' }),
  );

  method('conversations.list', (a) => {
    const types = String(a.types ?? 'public_channel').split(',');
    const needed = [...(types.includes('public_channel') ? ['channels:read'] : []), ...(types.includes('private_channel') ? ['groups:read'] : [])];
    const refused = needScope(needed);
    if (refused) return refused;
    const limit = Math.min(Number(a.limit ?? 100) || 100, 1000);
    const start = a.cursor ? Number(Buffer.from(String(a.cursor), 'base64').toString('utf8').replace('next:', '')) : 0;
    if (!Number.isInteger(start) || start < 0) return fail('invalid_cursor');
    const excludeArchived = String(a.exclude_archived) === 'true';
    const visible = channels
      .filter((c) => (c.is_private ? types.includes('private_channel') && c.is_member : types.includes('public_channel')))
      .filter((c) => !excludeArchived || !c.is_archived);
    const page = visible.slice(start, start + limit);
    const next = start + limit < visible.length ? Buffer.from(`next:${start + limit}`).toString('base64') : '';
    return json(200, { ok: true, channels: page, response_metadata: { next_cursor: next } });
  });

  method('chat.postMessage', (a) => {
    const refused = needScope(['chat:write']);
    if (refused) return refused;
    const channel = findChannel(a.channel);
    if (!channel || (channel.is_private && !channel.is_member)) return fail('channel_not_found');
    if (channel.is_archived) return fail('is_archived');
    if (!channel.is_member && !scopes.includes('chat:write.public')) return fail('not_in_channel');
    let blocks = a.blocks;
    if (typeof blocks === 'string') {
      try {
        blocks = JSON.parse(blocks);
      } catch {
        return fail('invalid_blocks');
      }
    }
    const text = typeof a.text === 'string' ? a.text : '';
    if (!text.trim() && !(Array.isArray(blocks) && blocks.length)) return fail('no_text');
    if (text.length > 40_000) return fail('msg_too_long');
    if (blocks !== undefined && !validBlocks(blocks)) return fail('invalid_blocks');
    const ts = `${Math.floor(Date.now() / 1000)}.${String(++tsCounter).padStart(6, '0')}`;
    const message = {
      channel: channel.id,
      ts,
      text,
      blocks: blocks ?? null,
      username: a.username ?? null,
      icon_emoji: a.icon_emoji ?? null,
      icon_url: a.icon_url ?? null,
      unfurl_links: a.unfurl_links === undefined ? null : String(a.unfurl_links) === 'true',
    };
    messages.push(message);
    return json(200, { ok: true, channel: channel.id, ts, message: { type: 'message', text, ts, bot_id: 'B0BOT' } });
  });

  method('chat.getPermalink', (a) => {
    const channel = findChannel(a.channel);
    if (!channel) return fail('channel_not_found');
    if (!messages.some((m) => m.channel === channel.id && m.ts === a.message_ts)) return fail('message_not_found');
    return json(200, { ok: true, channel: channel.id, permalink: `https://sandbox.slack.com/archives/${channel.id}/p${String(a.message_ts).replace('.', '')}` });
  });

  router.on('POST', '/_sandbox/reset', () => {
    channels = seedChannels();
    messages = [];
    scopes = [...DEFAULT_SCOPES];
    errorFault = undefined;
    faults.clear();
    return json(200, { ok: true });
  });
  router.on('GET', '/_sandbox/messages', () => json(200, { messages }));
  router.on('POST', '/_sandbox/scopes', (req) => {
    scopes = Array.isArray((req.body as any)?.scopes) ? (req.body as any).scopes : scopes;
    return json(200, { scopes });
  });
  router.on('POST', '/_sandbox/faults', (req) => {
    const body = (req.body ?? {}) as Fault & { error?: string; needed?: string; clear?: boolean };
    if (body.clear) {
      faults.clear();
      errorFault = undefined;
    }
    if (body.error) errorFault = { error: body.error, count: body.count ?? 1, needed: body.needed };
    else if (body.status !== undefined || body.drop || body.dropAfter || body.latencyMs !== undefined) {
      faults.arm(body.status === 429 && body.body === undefined ? { ...body, body: { ok: false, error: 'ratelimited' } } : body);
    }
    return json(200, { ok: true });
  });

  return {
    faults,
    messages: () => messages,
    start: (port = SLACK_SANDBOX.defaultPort) =>
      serve({
        port,
        router,
        faults,
        isControl: (path) => path.startsWith('/_sandbox/'),
        notFound: () => json(404, { ok: false, error: 'unknown_method' }),
      }),
  };
};

const textLength = (t: any) => (typeof t?.text === 'string' ? t.text.length : 0);

/** Slack's Block Kit limits, as far as this integration uses blocks. */
const validBlocks = (blocks: unknown): boolean => {
  if (!Array.isArray(blocks) || blocks.length > 50) return false;
  return blocks.every((b: any) => {
    switch (b?.type) {
      case 'header':
        return b.text?.type === 'plain_text' && textLength(b.text) > 0 && textLength(b.text) <= 150;
      case 'section':
        if (b.text && (textLength(b.text) === 0 || textLength(b.text) > 3000)) return false;
        if (b.fields && (!Array.isArray(b.fields) || b.fields.length > 10 || b.fields.some((f: any) => textLength(f) > 2000))) return false;
        return Boolean(b.text || b.fields);
      case 'context':
        return Array.isArray(b.elements) && b.elements.length > 0 && b.elements.length <= 10;
      case 'divider':
        return true;
      default:
        return false;
    }
  });
};
