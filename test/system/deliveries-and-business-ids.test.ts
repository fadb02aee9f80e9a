// Issue 24, items 7 and 8, through the project's Zapier runtime and sandboxes: a genuine Click2Contract delivery
// starts the Zap once however often it arrives, a forged one starts nothing and leaves no error in the Zap's history,
// and a business ID pasted with its label ("Y-tunnus: 1572860-0") is read.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zapier from 'zapier-platform-core';
import { asZapierRequest, startHookReceiver, type CaughtDelivery } from '../../sandboxes/zapier/hookReceiver';
import type { LambdaEvent, LambdaHandler } from '../../sandboxes/zapier/steps';
import { runZap } from '../../sandboxes/zapier/zap';
import { App } from '../support/app';
import { worldForEachTest } from '../support/world';

const TRIGGER = 'triggers.contract_accepted.operation.perform';

describe('Click2Contract deliveries', () => {
  const w = worldForEachTest();
  let hook: Awaited<ReturnType<typeof startHookReceiver>>;
  beforeAll(async () => {
    hook = await startHookReceiver();
  });
  afterAll(() => hook.close());
  beforeEach(() => {
    hook.caught.length = 0;
  });

  /** Turns a Zap on: subscribes its trigger to its hook URL (not w.run: the secret stays out of the transcript). */
  const subscribe = async (receiver = hook) =>
    (
      await w.runtime.run<{ id: string; secret: string }>('triggers.contract_accepted.operation.performSubscribe', {
        authData: w.authData,
        inputData: {},
        targetUrl: receiver.url,
      })
    ).result!;

  const acceptAndCatch = async () => {
    const before = hook.caught.length;
    const contract = await w.acceptedContract();
    const caught = (await hook.waitFor(before + 1)).slice(before);
    return { contract, delivery: caught[0]! };
  };

  const trigger = (subscribeData: object, delivery: CaughtDelivery) =>
    w.run<Array<Record<string, any>>>(TRIGGER, {}, { subscribeData, ...asZapierRequest(delivery) });

  /** The app's log lines since `from` (core posts them as JSON lines; the message is in `message`). */
  const loggedSince = (from: number) => w.runtime.logLines.slice(from).join('\n');

  it('starts the Zap once when Click2Contract redelivers a genuine delivery', async () => {
    const subscription = await subscribe();
    const { contract, delivery } = await acceptAndCatch();
    const eventId = JSON.parse(delivery.body).id as string;
    await w.c2c.control(`events/${eventId}/redeliver`, {});
    const [first, again] = await hook.waitFor(2);
    expect(JSON.parse(again!.body).id).toBe(eventId);
    const zap = (d: CaughtDelivery) =>
      runZap(w.runtime, w.authData, d, { trigger: 'contract_accepted', subscribeData: subscription, slackChannel: '#invoices' });
    const firstRun = await zap(first!);
    const replayRun = await zap(again!);
    expect(firstRun.map((s) => s.step)).toEqual(['contract_accepted', 'Create Unfinished Invoice', 'Post to Slack']);
    expect(firstRun[0]!.output).toEqual(expect.objectContaining({ contract_id: contract.id }));
    // The replay's trigger gives no items, so Zapier starts no run: no invoice step, no task spent.
    expect(replayRun).toHaveLength(1);
    expect(replayRun.map(({ step, ok, output }) => ({ step, ok, output }))).toEqual([{ step: 'contract_accepted', ok: true, output: undefined }]);
    await until(() => w.runtime.logLines.join('\n').includes(`Ignored a repeat of the contract.accepted delivery ${eventId}`));
    expect(await w.madeCounts()).toEqual([1, 1, 2]);
  });

  it('still starts each Zap of the connection that subscribed to the event', async () => {
    // Two Zaps on one connection share z.cache; each has its own hook URL and webhook, and gets the same event id.
    const other = await startHookReceiver();
    try {
      const [zapA, zapB] = [await subscribe(), await subscribe(other)];
      const contract = await w.acceptedContract();
      const [[toA], [toB]] = await Promise.all([hook.waitFor(1), other.waitFor(1)]);
      expect(JSON.parse(toA!.body).id).toBe(JSON.parse(toB!.body).id);
      const runs = [await trigger(zapA, toA!), await trigger(zapB, toB!)];
      expect(runs.map((r) => r.result?.map((item) => item.contract_id))).toEqual([[contract.id], [contract.id]]);
    } finally {
      await other.close();
    }
  });

  const forgeries: Array<[string, (d: CaughtDelivery) => CaughtDelivery]> = [
    ['unsigned', (d) => ({ ...d, headers: { ...d.headers, 'c2c-signature': undefined } })],
    ['signed with another secret', (d) => withSignature(d, (s) => s.replace(/v1=[0-9a-f]+/, `v1=${'0'.repeat(64)}`))],
    ['with its timestamp moved back 10 minutes', (d) => withSignature(d, (s) => s.replace(/t=\d+/, `t=${Math.floor(Date.now() / 1000) - 600}`))],
    ['with a tampered body', (d) => ({ ...d, body: d.body.replace('"unit_price":4800', '"unit_price":1') })],
    ['with a malformed signature header', (d) => withSignature(d, () => 'v1=not-hex')],
  ];

  it.each(forgeries)('drops a delivery %s with a log line and no error, so nothing lands in the Zap history', async (_what, forge) => {
    const subscription = await subscribe();
    const { delivery } = await acceptAndCatch();
    const logFrom = w.runtime.logLines.length;
    const run = await trigger(subscription, forge(delivery));
    expect(run.error).toBeUndefined();
    expect(run.ok).toBe(true);
    expect(run.result).toEqual([]);
    await until(() => loggedSince(logFrom).includes('Dropped a delivery that claims to come from Click2Contract'));
    expect(loggedSince(logFrom)).not.toContain(subscription.secret);
    expect(await w.madeCounts()).toEqual([0, 0, 0]);
    // The genuine delivery was not spent by the forgery.
    expect((await trigger(subscription, delivery)).result).toHaveLength(1);
    expect(w.leakedSecrets()).toEqual([]);
  });

  it('starts the Zap when z.cache cannot record the delivery, rather than lose it', async () => {
    const subscription = await subscribe();
    const { contract, delivery } = await acceptAndCatch();
    const broken = await startBrokenRpc();
    try {
      const logFrom = w.runtime.logLines.length;
      const run = await w.runtime.run<Array<Record<string, any>>>(
        TRIGGER,
        { authData: w.authData, inputData: {}, subscribeData: subscription, ...asZapierRequest(delivery) },
        { handler: broken.handler, inProcess: true },
      );
      expect(run.error).toBeUndefined();
      expect(run.result?.map((item) => item.contract_id)).toEqual([contract.id]);
      expect(broken.calls()).toBeGreaterThan(0);
      await until(() => loggedSince(logFrom).includes('could not be recorded'));
    } finally {
      await broken.close();
    }
  });
});

describe('business IDs pasted with their label', () => {
  const w = worldForEachTest();
  const customer = (business_id: string) => ({
    company_name: 'Tunnus Oy',
    business_id,
    address: 'Aleksanterinkatu 1',
    postal_code: '00100',
    city: 'Helsinki',
    country: 'FI',
    email: 'laskut@tunnus.fi',
  });

  it('makes the invoice for customer 1572860-0 when the proposal says "Y-tunnus: 1572860-0"', async () => {
    const contract = await w.acceptedContract({ customer: customer('Y-tunnus: 1572860-0') });
    const run = await w.runInvoice({ contract_id: contract.id });
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual(expect.objectContaining({ customer_created: true }));
    const { businesspartners, invoices } = await w.state();
    expect(businesspartners.map((p: any) => p.invoicingInfo?.identifier)).toEqual(['1572860-0']);
    expect(invoices.map((i: any) => i.partnerId)).toEqual([businesspartners[0].id]);
  });

  it('invoices the customer Procountor holds as FI15728600 when the proposal says "VAT: FI 1572860-0"', async () => {
    const [held] = (await w.procountor.control('seed', { businesspartners: [{ name: 'Tunnus Oy', invoicingInfo: { identifier: 'FI15728600' } }] }))
      .businesspartners;
    const contract = await w.acceptedContract({ customer: customer('VAT: FI 1572860-0') });
    const run = await w.runInvoice({ contract_id: contract.id });
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual(expect.objectContaining({ customer_created: false, customer_id: held.id }));
    expect((await w.state()).businesspartners).toHaveLength(1);
  });

  it('halts, naming the Business ID field, when it holds two business IDs', async () => {
    const contract = await w.acceptedContract({ customer: customer('1572860-0 / 0737546-2') });
    const run = await w.runInvoice({ contract_id: contract.id });
    expect(run.error?.name).toBe('HaltedError');
    expect(run.error?.message).toContain('Business ID');
    expect(run.error?.message).toContain('more than one business ID');
    expect(await w.madeCounts()).toEqual([0, 0, 0]);
  });
});

const withSignature = (d: CaughtDelivery, change: (signature: string) => string): CaughtDelivery => ({
  ...d,
  headers: { ...d.headers, 'c2c-signature': change(String(d.headers['c2c-signature'])) },
});

/** Log lines reach the runtime's log intake a moment after the invocation ends. */
const until = async (done: () => boolean, timeoutMs = 3000) => {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the log line');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

/**
 * Zapier's RPC service when z.cache is down: every call answers an error. The app runs in this process on the same
 * log intake; only its rpc_base points here.
 */
const startBrokenRpc = async () => {
  let calls = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      calls++;
      const { id } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ id, error: 'z.cache is unavailable' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const rpcBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}/rpc`;
  const app = (zapier as unknown as { createAppHandler: (app: object) => LambdaHandler }).createAppHandler(App);
  const handler: LambdaHandler = (event: LambdaEvent) => app({ ...event, rpc_base: rpcBase });
  return {
    handler,
    calls: () => calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
