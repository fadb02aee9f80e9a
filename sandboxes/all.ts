// Starts the three sandboxes together: for `npm run sandbox` (fixed ports) and the demo (any free port).
import { createClick2ContractSandbox, CLICK2CONTRACT_SANDBOX } from './click2contract/server';
import { createProcountorSandbox, PROCOUNTOR_SANDBOX } from './procountor/server';
import { createSlackSandbox, SLACK_SANDBOX } from './slack/server';

const portFrom = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value >= 0 ? value : fallback;
};

export interface SandboxPorts {
  procountor: number;
  click2contract: number;
  slack: number;
}

const defaultPorts = (): SandboxPorts => ({
  procountor: portFrom('PROCOUNTOR_SANDBOX_PORT', PROCOUNTOR_SANDBOX.defaultPort),
  click2contract: portFrom('CLICK2CONTRACT_SANDBOX_PORT', CLICK2CONTRACT_SANDBOX.defaultPort),
  slack: portFrom('SLACK_SANDBOX_PORT', SLACK_SANDBOX.defaultPort),
});

export const startAllSandboxes = async (ports: SandboxPorts = defaultPorts()) => {
  const procountor = createProcountorSandbox();
  const click2contract = createClick2ContractSandbox();
  const slack = createSlackSandbox();
  const servers = await Promise.all([procountor.start(ports.procountor), click2contract.start(ports.click2contract), slack.start(ports.slack)]);
  const [p, c, s] = servers;
  const urls = {
    procountorApi: `http://127.0.0.1:${p.port}/api`,
    procountorLogin: `http://127.0.0.1:${p.port}/login`,
    procountorControl: `http://127.0.0.1:${p.port}/_sandbox`,
    click2contractApi: `http://127.0.0.1:${c.port}/v1`,
    click2contractControl: `http://127.0.0.1:${c.port}/_sandbox`,
    slackApi: `http://127.0.0.1:${s.port}/api/`,
    slackControl: `http://127.0.0.1:${s.port}/_sandbox`,
  };
  return {
    procountor,
    click2contract,
    slack,
    urls,
    /** Points the app's configuration (CONTRACT.md's env names) at these sandboxes. */
    configureApp() {
      process.env.CLIENT_ID = PROCOUNTOR_SANDBOX.clientId;
      process.env.CLIENT_SECRET = PROCOUNTOR_SANDBOX.clientSecret;
      process.env.PROCOUNTOR_API_URL = urls.procountorApi;
      process.env.PROCOUNTOR_LOGIN_URL = urls.procountorLogin;
      process.env.CLICK2CONTRACT_API_URL = urls.click2contractApi;
      process.env.SLACK_API_URL = urls.slackApi;
    },
    close: () => Promise.all(servers.map((server) => server.close())).then(() => undefined),
  };
};
