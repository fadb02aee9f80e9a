// The zip `npm run package` makes, run the way Zapier runs it: unpacked into a fresh folder, loaded through its
// own zapierwrapper.js in a Node process with nothing of this project on its module path, and driven with the
// events Zapier's Lambda receives, against the sandboxes. The whole Zap runs through it: connect, sample, subscribe,
// a signed delivery, the invoice, the Slack alert. Zapier's checks on live results (T/Z codes) judge its outputs.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zapier from 'zapier-platform-core';
import { asZapierRequest, startHookReceiver } from '../../sandboxes/zapier/hookReceiver';
import { startLambdaProcess, type LambdaProcess } from '../../sandboxes/zapier/lambdaProcess';
import { type LambdaHandler, startZapierRuntime, type ZapierRuntime } from '../../sandboxes/zapier/runtime';
import { App } from '../support/app';
import { proposal, startClick2Contract, type Click2ContractHandle } from '../support/click2contractSandbox';
import { REDIRECT_URI, signInCode, startProcountor, type ProcountorHandle } from '../support/procountorSandbox';
import { startSlack, type SlackHandle } from '../support/slackSandbox';
import { dateTimeProblems, missingKeyProblems, outputFieldProblems } from '../support/checkValues';
import { type AppDefinition, connectionLabelProblems, type Problem } from '../support/integrationChecks';
import { ROOT, unpackBuildZip } from '../support/unpackedZip';

const app = App as unknown as Required<AppDefinition>;
const APP_ENVIRONMENT = ['CLIENT_ID', 'CLIENT_SECRET', 'PROCOUNTOR_API_URL', 'PROCOUNTOR_LOGIN_URL', 'CLICK2CONTRACT_API_URL', 'SLACK_API_URL'];

let unpacked: Awaited<ReturnType<typeof unpackBuildZip>>;
let lambda: LambdaProcess;
let runtime: ZapierRuntime;
let procountor: ProcountorHandle;
let c2c: Click2ContractHandle;
let slack: SlackHandle;
let receiver: Awaited<ReturnType<typeof startHookReceiver>>;

beforeAll(async () => {
  unpacked = await unpackBuildZip();
  procountor = await startProcountor();
  c2c = await startClick2Contract({ maxAttempts: 1, retryBaseMs: 10 });
  slack = await startSlack();
  receiver = await startHookReceiver();
  // What `zapier-platform env:set` would hold; Zapier hands it to the app in every event.
  const environment = Object.fromEntries(APP_ENVIRONMENT.map((name) => [name, process.env[name]!]));
  runtime = await startZapierRuntime(((event) => lambda.handler(event)) as LambdaHandler, { environment });
  lambda = await startLambdaProcess(unpacked.dir, {
    PATH: process.env.PATH ?? '',
    TMPDIR: process.env.TMPDIR ?? '/tmp',
    LOGGING_ENDPOINT: runtime.loggingEndpoint,
    AWS_LAMBDA_FUNCTION_NAME: 'zapier-app',
    LAMBDA_TASK_ROOT: unpacked.dir,
  });
}, 60_000);

afterAll(async () => {
  await lambda?.stop();
  await Promise.all([procountor?.stop(), c2c?.stop(), slack?.stop(), receiver?.close(), runtime?.close()]);
  unpacked?.remove();
});

/** Runs one step through the zip, or fails the test with the app's own error message. */
const step = async <T = Record<string, any>>(method: string, bundle: Record<string, unknown>) => {
  const outcome = await runtime.run<T>(method, bundle as never);
  if (!outcome.ok) throw new Error(`${method} failed in the packaged app: ${outcome.error?.name}: ${outcome.error?.message}`);
  return outcome.result as T;
};

const operation = (group: 'triggers' | 'creates' | 'searches', key: string) => app[group][key]!.operation;
const expectNoProblems = (problems: Problem[]) => expect(problems).toEqual([]);

describe('build/build.zip, run as Zapier runs it', () => {
  const authData: Record<string, string> = {};
  let delivered: Record<string, any>;
  let invoice: Record<string, any>;

  it('is this checkout: its definition.json and its handler describe the app the tests run', async () => {
    const fromHandler = (await lambda.handler({ command: 'definition' })).results;
    const zipped = JSON.parse(fs.readFileSync(path.join(unpacked.dir, 'definition.json'), 'utf8'));
    process.env.LOGGING_ENDPOINT = runtime.loggingEndpoint;
    const fromSources = (await (zapier as any).createAppHandler(App)({ command: 'definition' })).results;
    expect(fromHandler).toEqual(zipped);
    expect(fromHandler).toEqual(fromSources);
    expect(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version).toBe(zipped.version);
  });

  it('is valid by the schema zapier-platform validate checks', async () => {
    expect((await lambda.handler({ command: 'validate' })).results).toEqual([]);
  });

  it('connects: the OAuth2 code exchange, the connection test and its label', async () => {
    const { code } = await signInCode(procountor.base);
    const tokens = await step<Record<string, string>>('authentication.oauth2Config.getAccessToken', {
      authData: {},
      inputData: { code, redirect_uri: REDIRECT_URI },
    });
    Object.assign(authData, tokens, { click2contract_api_key: 'c2c_sandbox_key', slack_bot_token: 'xoxb-sandbox' });
    const identity = await step('authentication.test', { authData });
    const label = await step<string>('authentication.connectionLabel', { authData, inputData: identity });
    expect(label).toBe(identity.label);
    expectNoProblems(connectionLabelProblems(label, [tokens.access_token!, tokens.refresh_token!, 'c2c_sandbox_key', 'xoxb-sandbox']));
  });

  it('Contract Accepted: subscribes, and turns a signed delivery into the contract, even one Zapier runs late', async () => {
    const subscribeData = await step('triggers.contract_accepted.operation.performSubscribe', { authData, targetUrl: receiver.url, inputData: {} });
    const created = await c2c.control('proposals', proposal());
    await c2c.control(`contracts/${created.id}/accept`, {});
    const [delivery] = await receiver.waitFor(1);
    const results = await step<Record<string, any>[]>('triggers.contract_accepted.operation.perform', {
      authData,
      inputData: {},
      subscribeData,
      ...asZapierRequest(delivery!),
    });
    expect(results).toHaveLength(1);
    delivered = results[0]!;
    expect(delivered).toEqual(expect.objectContaining({ id: created.id, status: 'accepted', customer_company: 'Asiakas Oy' }));
    const { outputFields, sample } = operation('triggers', 'contract_accepted');
    expectNoProblems([
      ...outputFieldProblems('T005', 'contract_accepted', delivered, outputFields),
      ...dateTimeProblems('T003', 'contract_accepted', delivered, outputFields),
      ...missingKeyProblems('T004', 'contract_accepted', sample!, delivered),
    ]);
    // The same event again (Click2Contract delivers at least once) starts nothing: the first delivery marked it.
    const again = await step<Record<string, any>[]>('triggers.contract_accepted.operation.perform', {
      authData,
      inputData: {},
      subscribeData,
      ...asZapierRequest(delivery!),
    });
    expect(again).toEqual([]);
    // Zapier may run the hook long after Click2Contract signed the delivery: confirmed with Click2Contract, it counts.
    const second = await c2c.control('proposals', proposal({ title: 'Signed long ago' }));
    await c2c.control(`contracts/${second.id}/accept`, {});
    const [, secondDelivery] = await receiver.waitFor(2);
    const t = Math.floor(Date.now() / 1000) - 20 * 60;
    const v1 = crypto.createHmac('sha256', subscribeData.secret).update(`${t}.${secondDelivery!.body}`).digest('hex');
    const late = asZapierRequest({ ...secondDelivery!, headers: { ...secondDelivery!.headers, 'c2c-signature': `t=${t},v1=${v1}` } });
    const [confirmed] = await step<Record<string, any>[]>('triggers.contract_accepted.operation.perform', { authData, inputData: {}, subscribeData, ...late });
    expect(confirmed).toEqual(expect.objectContaining({ id: second.id, status: 'accepted', title: 'Signed long ago' }));
    await step('triggers.contract_accepted.operation.performUnsubscribe', { authData, subscribeData, inputData: {} });
    expect(c2c.sandbox.webhooks()).toEqual([]);
  });

  it('Contract Accepted: the samples it fetches look exactly like the live delivery of the same contract', async () => {
    const samples = await step<Record<string, any>[]>('triggers.contract_accepted.operation.performList', { authData, inputData: {} });
    const same = samples.find((s) => s.id === delivered.id)!;
    const { outputFields } = operation('triggers', 'contract_accepted');
    expectNoProblems([
      ...outputFieldProblems('Z001', 'contract_accepted.performList', same, outputFields),
      ...missingKeyProblems('T006', 'contract_accepted.performList', same, delivered),
      ...missingKeyProblems('T006', 'contract_accepted.perform', delivered, same),
    ]);
    expect(same).toEqual(delivered);
  });

  it('the Contract dropdown lists the accepted contract with its number, customer and total', async () => {
    const choices = await step<Record<string, any>[]>('triggers.contract_list.operation.perform', { authData, inputData: {}, meta: { page: 0 } });
    expect(choices.find((c) => c.id === delivered.id)?.label).toBe(`${delivered.number} · Asiakas Oy · 11 444,09 €`);
    const { outputFields } = operation('triggers', 'contract_list');
    const ids = choices.map((c) => c.id);
    expect({ code: 'T002', unique: new Set(ids).size === ids.length && ids.every(Boolean) }).toEqual({ code: 'T002', unique: true });
    expectNoProblems(choices.flatMap((c) => outputFieldProblems('T005', 'contract_list', c, outputFields)));
  });

  it('Create Unfinished Invoice: makes the Unfinished invoice in Procountor', async () => {
    invoice = await step('creates.create_unfinished_invoice.operation.perform', { authData, inputData: { contract_id: delivered.contract_id } });
    expect(invoice).toEqual(expect.objectContaining({ status: 'UNFINISHED', already_existed: false, contract_id: delivered.contract_id, total: 11444.09 }));
    const state = await procountor.control('state');
    expect(state.invoices.map((i: { id: number }) => i.id)).toEqual([invoice.invoice_id]);
    const { outputFields, sample } = operation('creates', 'create_unfinished_invoice');
    expectNoProblems([
      ...outputFieldProblems('T005', 'create_unfinished_invoice', invoice, outputFields),
      ...dateTimeProblems('T003', 'create_unfinished_invoice', invoice, outputFields),
      ...missingKeyProblems('T004', 'create_unfinished_invoice', sample!, invoice),
    ]);
  });

  it('Post to Slack: posts the new-invoice alert', async () => {
    const posted = await step('creates.post_to_slack.operation.perform', {
      authData,
      inputData: {
        channel: '#invoices',
        invoice_number: String(invoice.invoice_number),
        customer_name: invoice.customer_name,
        contract_number: invoice.contract_number,
        total: String(invoice.total),
        due_date: invoice.due_date,
      },
    });
    const { messages } = await slack.control('messages');
    expect(messages).toHaveLength(1);
    expect(messages[0].text).toContain(`${invoice.invoice_number}`);
    expect(posted).toEqual(expect.objectContaining({ channel: messages[0].channel, ts: messages[0].ts, already_posted: false }));
    const { outputFields, sample } = operation('creates', 'post_to_slack');
    expectNoProblems([...outputFieldProblems('T005', 'post_to_slack', posted, outputFields), ...missingKeyProblems('T004', 'post_to_slack', sample!, posted)]);
  });

  it('loaded nothing from outside the unpacked zip, and logged no secret', async () => {
    const outside = (await lambda.loadedModules()).filter((file) => !file.startsWith(unpacked.dir + path.sep) && !file.includes('lambda-driver'));
    expect(outside).toEqual([]);
    const secrets = [authData.access_token!, authData.refresh_token!, ...c2c.sandbox.issuedSecrets(), 'c2c_sandbox_key', 'xoxb-sandbox'];
    const leaked = secrets.filter((secret) => runtime.logLines.some((line) => line.includes(secret)));
    expect(runtime.logLines.length).toBeGreaterThan(0);
    expect(leaked).toEqual([]);
  });
});
