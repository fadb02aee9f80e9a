import { sandboxControl } from './sandboxControl';
import { createSlackSandbox } from '../../sandboxes/slack/server';

export const startSlack = async () => {
  const sandbox = createSlackSandbox();
  const server = await sandbox.start(0);
  const base = `http://127.0.0.1:${server.port}`;
  process.env.SLACK_API_URL = `${base}/api/`;
  const control = sandboxControl(base);
  /** Calls a Web API method the way @slack/web-api does: form-encoded, objects (blocks, metadata) as JSON strings. */
  const call = async (method: string, args: Record<string, unknown>, token: string | null = 'xoxb-sandbox') => {
    const form = new URLSearchParams(Object.entries(args).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)] as [string, string]));
    const response = await fetch(`${base}/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: form.toString(),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as any };
  };
  return { sandbox, server, base, control, call, stop: () => server.close() };
};

export type SlackHandle = Awaited<ReturnType<typeof startSlack>>;
