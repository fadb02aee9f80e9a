// `npm start -- --real`: the same Zap against the services named by the environment (CONTRACT.md's env names)
// instead of the embedded sandboxes. Without a public URL for webhooks it runs the Zap on the latest accepted
// contracts, as Zapier does when you test a trigger.
import type { ZapierRuntime } from '../sandboxes/zapier/runtime';
import type { StepRecord } from '../sandboxes/zapier/zap';

const REQUIRED = ['CLIENT_ID', 'CLIENT_SECRET', 'PROCOUNTOR_REFRESH_TOKEN', 'CLICK2CONTRACT_API_KEY'];

const realSettings = () => {
  const missing = REQUIRED.filter((name) => !process.env[name]);
  if (missing.length) {
    throw new Error(
      `--real needs ${missing.join(', ')} in the environment (and PROCOUNTOR_API_URL, PROCOUNTOR_LOGIN_URL, CLICK2CONTRACT_API_URL, ` +
        'SLACK_API_URL where they differ from the production defaults; SLACK_BOT_TOKEN and SLACK_CHANNEL for the alert).',
    );
  }
  return {
    refreshToken: process.env.PROCOUNTOR_REFRESH_TOKEN!,
    click2contractApiKey: process.env.CLICK2CONTRACT_API_KEY!,
    slackBotToken: process.env.SLACK_BOT_TOKEN ?? '',
    slackChannel: process.env.SLACK_CHANNEL ?? '',
  };
};

export const runOnRealServices = async (runtime: ZapierRuntime, contracts: number): Promise<StepRecord[]> => {
  const settings = realSettings();
  const authData: Record<string, string> = {
    access_token: 'expired',
    refresh_token: settings.refreshToken,
    click2contract_api_key: settings.click2contractApiKey,
    ...(settings.slackBotToken ? { slack_bot_token: settings.slackBotToken } : {}),
  };
  const refreshed = await runtime.invoke<Record<string, string>>('authentication.oauth2Config.refreshAccessToken', { authData });
  if (!refreshed.ok) throw new Error(`Signing in to Procountor failed: ${refreshed.error?.message}`);
  Object.assign(authData, refreshed.result);
  const test = await runtime.run<Record<string, string>>('authentication.test', { authData });
  if (!test.ok) throw new Error(`The connection test failed: ${test.error?.message}`);
  console.log(`Connected: ${test.result!.label}`);

  const list = await runtime.run<Array<Record<string, any>>>('triggers.contract_accepted.operation.performList', {
    authData,
    inputData: { auto_invoice_only: 'false' },
  });
  if (!list.ok) throw new Error(`Listing accepted contracts failed: ${list.error?.message}`);
  const history: StepRecord[] = [];
  for (const contract of (list.result ?? []).slice(0, contracts)) {
    const step = (name: string, run: { ok: boolean; ms: number; result?: Record<string, any>; error?: { name: string; message: string } }) =>
      history.push({
        contract: contract.number,
        step: name,
        ok: run.ok,
        ms: run.ms,
        procountorRequests: run.result?.procountor_requests ?? 0,
        detail: run.ok ? JSON.stringify(run.result).slice(0, 160) : `${run.error?.name}: ${run.error?.message}`,
        output: run.result,
      });
    history.push({
      contract: contract.number,
      step: 'contract_accepted (latest)',
      ok: true,
      ms: 0,
      procountorRequests: 0,
      detail: `accepted ${contract.accepted_at}`,
    });
    const invoice = await runtime.run<Record<string, any>>('creates.create_unfinished_invoice.operation.perform', {
      authData,
      inputData: { contract_id: contract.contract_id, ...(settings.slackChannel && settings.slackBotToken ? { slack_channel: settings.slackChannel } : {}) },
    });
    step('Create Unfinished Invoice', invoice);
  }
  return history;
};
