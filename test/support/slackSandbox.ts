import { createSlackSandbox } from '../../sandboxes/slack/server';

export const startSlack = async () => {
  const sandbox = createSlackSandbox();
  const server = await sandbox.start(0);
  const base = `http://127.0.0.1:${server.port}`;
  process.env.SLACK_API_URL = `${base}/api/`;
  const control = async (path: string, body?: unknown) => {
    const response = await fetch(`${base}/_sandbox/${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return response.json() as Promise<any>;
  };
  return { sandbox, server, base, control, stop: () => server.close() };
};

export type SlackHandle = Awaited<ReturnType<typeof startSlack>>;
