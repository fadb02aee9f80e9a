import crypto from 'node:crypto';
import { startHookReceiver, asZapierRequest, type CaughtDelivery } from '../../sandboxes/zapier/hookReceiver';
import { App, appTester, zapierError } from '../support/app';
import { proposal, startClick2Contract, type Click2ContractHandle } from '../support/click2contractSandbox';
import { connectedAuthData, startProcountor, type ProcountorHandle } from '../support/procountorSandbox';
import { startSlack, type SlackHandle } from '../support/slackSandbox';

let c2c: Click2ContractHandle;
let receiver: Awaited<ReturnType<typeof startHookReceiver>>;
const authData = { access_token: 'unused', click2contract_api_key: 'c2c_sandbox_key' };
const trigger = (key: string) => (App.triggers as any)[key].operation;

beforeAll(async () => {
  c2c = await startClick2Contract({ maxAttempts: 3, retryBaseMs: 20 });
  receiver = await startHookReceiver();
});
afterAll(async () => {
  await c2c.stop();
  await receiver.close();
});
beforeEach(async () => {
  await c2c.control('reset', {});
  receiver.caught.length = 0;
});

const subscribe = async (key: string, inputData: Record<string, unknown> = {}) =>
  (await appTester(trigger(key).performSubscribe, { authData, targetUrl: receiver.url, inputData } as any)) as { id: string; secret: string };

const runPerform = (key: string, subscribeData: object, request: ReturnType<typeof asZapierRequest>, inputData: object = {}) =>
  appTester(trigger(key).perform, { authData, subscribeData, inputData, ...request } as any) as Promise<any[]>;

describe('Contract Accepted (REST hook)', () => {
  it('subscribes, receives the signed delivery of an accepted proposal, and turns it into a labelled contract', async () => {
    const subscription = await subscribe('contract_accepted');
    expect(subscription.id).toMatch(/^whk_/);
    expect(subscription.secret).toMatch(/^whsec_/);
    const created = await c2c.control('proposals', proposal());
    await c2c.control(`contracts/${created.id}/accept`, {});
    const [delivery] = await receiver.waitFor(1);
    const [contract] = await runPerform('contract_accepted', subscription, asZapierRequest(delivery!));
    expect(contract).toEqual(
      expect.objectContaining({
        id: created.id,
        contract_id: created.id,
        status: 'accepted',
        customer_company: 'Asiakas Oy',
        customer_postal_code: '00100',
        total_excluding_vat: 9118.8,
        event_type: 'contract.accepted',
        signed_by_name: 'Maija Meikäläinen',
      }),
    );
    expect(contract.line_items).toHaveLength(2);
    expect(contract.sent_to_procountor_at).toBeNull();
  });

  // Dropped, not failed: anyone who learns the hook URL can post to it, and errors would fill the Zap's history until
  // Zapier turns the Zap off. The trigger logs why (test/system/deliveries-and-business-ids.test.ts reads the log).
  it('drops a tampered body, a wrong secret, a moved timestamp or a missing signature, starting nothing', async () => {
    const subscription = await subscribe('contract_accepted');
    const created = await c2c.control('proposals', proposal());
    await c2c.control(`contracts/${created.id}/accept`, {});
    const [delivery] = await receiver.waitFor(1);
    const good = asZapierRequest(delivery!);

    const tampered = { ...good, rawRequest: { ...good.rawRequest, content: good.rawRequest.content.replace('Asiakas Oy', 'Hacker Oy') } };
    expect(await runPerform('contract_accepted', subscription, tampered)).toEqual([]);

    expect(await runPerform('contract_accepted', { ...subscription, secret: 'whsec_wrong' }, good)).toEqual([]);

    const staleHeader = good.rawRequest.headers['Http-C2c-Signature']!.replace(/t=\d+/, `t=${Math.floor(Date.now() / 1000) - 600}`);
    const stale = { ...good, rawRequest: { ...good.rawRequest, headers: { ...good.rawRequest.headers, 'Http-C2c-Signature': staleHeader } } };
    expect(await runPerform('contract_accepted', subscription, stale)).toEqual([]);

    const { ['Http-C2c-Signature']: _dropped, ...unsignedHeaders } = good.rawRequest.headers;
    const unsigned = { ...good, rawRequest: { ...good.rawRequest, headers: unsignedHeaders } };
    expect(await runPerform('contract_accepted', subscription, unsigned)).toEqual([]);

    expect(await runPerform('contract_accepted', subscription, good)).toHaveLength(1);
  });

  it('skips contracts not set to create invoices automatically, unless told otherwise', async () => {
    const subscription = await subscribe('contract_accepted');
    const manual = await c2c.control('proposals', proposal({ procountor: { auto_invoice: false } }));
    await c2c.control(`contracts/${manual.id}/accept`, {});
    const [delivery] = await receiver.waitFor(1);
    expect(await runPerform('contract_accepted', subscription, asZapierRequest(delivery!))).toEqual([]);
    const all = await runPerform('contract_accepted', subscription, asZapierRequest(delivery!), { auto_invoice_only: 'false' });
    expect(all[0].id).toBe(manual.id);
  });

  it('keeps the event id when Click2Contract redelivers, and retries a delivery that failed', async () => {
    await subscribe('contract_accepted');
    receiver.failNextDeliveries(1);
    const created = await c2c.control('proposals', proposal());
    const accepted = await c2c.control(`contracts/${created.id}/accept`, {});
    await receiver.waitFor(1);
    await c2c.control(`events/${accepted.event_id}/redeliver`, {});
    const deliveries = await receiver.waitFor(2);
    expect(deliveries.map((d) => JSON.parse(d.body).id)).toEqual([accepted.event_id, accepted.event_id]);
  });

  it('delivers held events out of order when asked', async () => {
    await subscribe('contract_accepted');
    await c2c.control('deliveries/hold', {});
    const first = await c2c.control('proposals', proposal({ title: 'First' }));
    const second = await c2c.control('proposals', proposal({ title: 'Second' }));
    await c2c.control(`contracts/${first.id}/accept`, {});
    await c2c.control(`contracts/${second.id}/accept`, {});
    expect(receiver.caught).toHaveLength(0);
    await c2c.control('deliveries/release', {});
    const deliveries = await receiver.waitFor(2);
    expect(deliveries.map((d) => JSON.parse(d.body).data.contract.title)).toEqual(['Second', 'First']);
  });

  it('unsubscribes by deleting the webhook', async () => {
    const subscription = await subscribe('contract_accepted');
    await appTester(trigger('contract_accepted').performUnsubscribe, { authData, subscribeData: subscription } as any);
    expect(c2c.sandbox.webhooks()).toEqual([]);
    const created = await c2c.control('proposals', proposal());
    await c2c.control(`contracts/${created.id}/accept`, {});
    expect(receiver.caught).toHaveLength(0);
  });

  it('lists the latest accepted contracts, newest first, with unique ids, for samples', async () => {
    const ids: string[] = [];
    for (const title of ['A', 'B', 'C']) {
      const created = await c2c.control('proposals', proposal({ title }));
      await c2c.control(`contracts/${created.id}/accept`, {});
      ids.push(created.id);
      await new Promise((resolve) => setTimeout(resolve, 1100)); // accepted_at has whole seconds
    }
    await c2c.control('proposals', proposal({ title: 'Not accepted' }));
    const list = (await appTester(trigger('contract_accepted').performList, { authData, inputData: {} } as any)) as any[];
    expect(list.map((c) => c.id)).toEqual([...ids].reverse());
    expect(new Set(list.map((c) => c.id)).size).toBe(list.length);
  });

  it('says to update the API key when Click2Contract refuses it', async () => {
    const error = await zapierError(
      appTester(trigger('contract_accepted').performSubscribe, { authData: { click2contract_api_key: 'wrong' }, targetUrl: receiver.url } as any),
    );
    expect(error.name).toBe('ExpiredAuthError');
    expect(error.message).toContain('Create a new key in Click2Contract under Integrations');
  });
});

/** The delivery as Click2Contract signs it (reference: HMAC-SHA256 of "<t>.<body>"), dated `secondsAgo` back. */
const signedLate = (delivery: CaughtDelivery, secret: string, secondsAgo: number, body = delivery.body) => {
  const t = Math.floor(Date.now() / 1000) - secondsAgo;
  const v1 = crypto.createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return asZapierRequest({ ...delivery, body, headers: { ...delivery.headers, 'c2c-signature': `t=${t},v1=${v1}` } });
};

describe('deliveries Zapier runs late (signed more than 5 minutes ago)', () => {
  const acceptAndCatch = async () => {
    const subscription = await subscribe('contract_accepted');
    const created = await c2c.control('proposals', proposal());
    await c2c.control(`contracts/${created.id}/accept`, {});
    const [delivery] = await receiver.waitFor(1);
    return { subscription, created, delivery: delivery! };
  };

  it('starts the Zap once Click2Contract confirms the contract is accepted, with the contract as Click2Contract has it', async () => {
    const { subscription, created, delivery } = await acceptAndCatch();
    const oldBody = delivery.body.replace('"title":"Website renewal 2027"', '"title":"Title when the event was sent"');
    const [contract] = await runPerform('contract_accepted', subscription, signedLate(delivery, subscription.secret, 20 * 60, oldBody));
    expect(contract).toEqual(expect.objectContaining({ id: created.id, status: 'accepted', title: 'Website renewal 2027', event_type: 'contract.accepted' }));
  });

  it('starts nothing when Click2Contract has no such contract, or the contract is not accepted', async () => {
    const { subscription, delivery } = await acceptAndCatch();
    const gone = delivery.body.replaceAll(JSON.parse(delivery.body).data.contract.id, 'ctr_gone');
    const missing = await zapierError(runPerform('contract_accepted', subscription, signedLate(delivery, subscription.secret, 20 * 60, gone)));
    expect(missing.message).toContain('Click2Contract has no such contract');
    expect(missing.message).toContain('signed 20 minutes ago');

    const unsigned = await c2c.control('proposals', proposal());
    const notAccepted = delivery.body.replaceAll(JSON.parse(delivery.body).data.contract.id, unsigned.id);
    const refused = await zapierError(runPerform('contract_accepted', subscription, signedLate(delivery, subscription.secret, 3 * 3600, notAccepted)));
    expect(refused.message).toContain('status in Click2Contract is now "sent"');
    expect(refused.message).toContain('started nothing');
  });

  it('still drops a late delivery signed with another secret, before asking Click2Contract anything', async () => {
    const { subscription, delivery } = await acceptAndCatch();
    const gone = delivery.body.replaceAll(JSON.parse(delivery.body).data.contract.id, 'ctr_gone');
    // Asking Click2Contract about ctr_gone would end in "no such contract": an empty answer means it was not asked.
    expect(await runPerform('contract_accepted', subscription, signedLate(delivery, 'whsec_forged', 20 * 60, gone))).toEqual([]);
  });
});

describe('Contract Sent to Procountor (REST hook)', () => {
  it('fires when someone presses "Send to Procountor" on an accepted contract', async () => {
    const subscription = await subscribe('contract_sent_to_procountor');
    const created = await c2c.control('proposals', proposal({ procountor: { auto_invoice: false } }));
    await c2c.control(`contracts/${created.id}/accept`, {});
    expect(receiver.caught).toHaveLength(0);
    await c2c.control(`contracts/${created.id}/send-to-procountor`, {});
    const [delivery] = await receiver.waitFor(1);
    const [contract] = await runPerform('contract_sent_to_procountor', subscription, asZapierRequest(delivery!));
    expect(contract).toEqual(expect.objectContaining({ id: created.id, event_type: 'contract.sent_to_procountor', auto_invoice: false }));
    expect(contract.sent_to_procountor_at).toMatch(/^\d{4}-\d{2}-\d{2}T.*[+-]\d{2}:\d{2}$/);
  });
});

describe('the connection', () => {
  let p: ProcountorHandle;
  let slack: SlackHandle;
  beforeAll(async () => {
    p = await startProcountor();
    slack = await startSlack();
  });
  afterAll(async () => {
    await p.stop();
    await slack.stop();
  });

  it('labels the connection with the Procountor company and user', async () => {
    const auth = await connectedAuthData(p.base);
    const result = (await appTester(App.authentication.test as any, { authData: auth } as any)) as any;
    expect(result.label).toBe('Sandbox Oy (sandbox.api)');
    expect(result).toEqual(expect.objectContaining({ click2contract_account: 'Sandbox Oy', slack_team: 'Sandbox' }));
    expect(JSON.stringify(result)).not.toContain(auth.access_token);
  });
});
