import { sandboxControl } from './sandboxControl';
import { createSlackSandbox } from '../../sandboxes/slack/server';

export const startSlack = async () => {
  const sandbox = createSlackSandbox();
  const server = await sandbox.start(0);
  const base = `http://127.0.0.1:${server.port}`;
  process.env.SLACK_API_URL = `${base}/api/`;
  const control = sandboxControl(base);
  return { sandbox, server, base, control, stop: () => server.close() };
};

export type SlackHandle = Awaited<ReturnType<typeof startSlack>>;
