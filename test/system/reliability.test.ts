// The whole Zap under duplicates, faults on every endpoint, bad webhooks, and a scan for leaked secrets.
import { startHookReceiver, type CaughtDelivery } from '../../sandboxes/zapier/hookReceiver';
import { runZap, type StepRecord } from '../../sandboxes/zapier/zap';
import { startWorld, type World } from '../support/world';

let w: World;
let hook: Awaited<ReturnType<typeof startHookReceiver>>;
let subscription: { id: string; secret: string };

beforeAll(async () => {
  w = await startWorld();
  hook = await startHookReceiver();
});
afterAll(async () => {
  const leaks = w.leakedSecrets();
  const scanned = w.scanned();
  await hook.close();
  await w.stop();
  expect(scanned.logLines).toBeGreaterThan(100);
  expect(leaks).toEqual([]);
});
beforeEach(async () => {
  await w.reset();
  hook.caught.length = 0;
  // Straight to the runtime, not w.run: the result is Zapier's stored subscribeData (it must hold the webhook
  // secret), not an output anyone sees, so it stays out of the transcript the secrets scan reads.
  const sub = await w.runtime.run<{ id: string; secret: string }>('triggers.contract_accepted.operation.performSubscribe', {
    authData: w.authData,
    inputData: {},
    targetUrl: hook.url,
  });
  subscription = sub.result!;
});

const acceptAndCatch = async (over: Record<string, unknown> = {}) => {
  const before = hook.caught.length;
  const contract = await w.acceptedContract(over);
  const [delivery] = (await hook.waitFor(before + 1)).slice(before);
  return { contract, delivery: delivery! };
};

/** The Zap on a delivery; or, given an earlier run, Zapier's replay of that run (its steps again, not its trigger). */
const zap = async (delivery: CaughtDelivery, replayOf?: StepRecord[], subscribeData = subscription): Promise<StepRecord[]> => {
  const steps = await runZap(w.runtime, w.authData, delivery, { trigger: 'contract_accepted', subscribeData, slackChannel: '#invoices', replayOf });
  w.remember(steps.map(({ output, error, detail }) => ({ output, error, detail })));
  return steps;
};

const counts = async () => {
  const state = await w.state();
  return {
    invoices: state.invoices.length,
    customers: state.businesspartners.length,
    products: state.products.length,
    slack: (await w.slackMessages()).length,
  };
};
/** Log lines reach the runtime's log intake a moment after the invocation ends. */
const until = async (done: () => boolean, timeoutMs = 3000) => {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for a log line');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};
const ONE_OF_EACH = { invoices: 1, customers: 1, products: 2, slack: 1 };
const failedStep = (steps: StepRecord[]) => steps.find((s) => !s.ok);

describe('duplicates', () => {
  it('makes one invoice and one alert when the same webhook arrives 3 times', async () => {
    const { delivery } = await acceptAndCatch();
    const eventId = JSON.parse(delivery.body).id;
    await w.c2c.control(`events/${eventId}/redeliver`, {});
    await w.c2c.control(`events/${eventId}/redeliver`, {});
    const deliveries = await hook.waitFor(3);
    const runs = [];
    for (const d of deliveries) runs.push(await zap(d));
    expect(runs.flat().every((s) => s.ok)).toBe(true);
    // The trigger marks the event it handled: a repeat of it gives no items, so Zapier starts no run for it.
    expect(runs.map((steps) => steps.map((s) => s.step))).toEqual([
      ['contract_accepted', 'Create Unfinished Invoice', 'Post to Slack'],
      ['contract_accepted'],
      ['contract_accepted'],
    ]);
    expect(await counts()).toEqual(ONE_OF_EACH);
  });

  it.each([
    ['before the customer is looked up', 'procountor', { status: 503, method: 'GET', path: '/api/businesspartners' }],
    ['while creating the customer', 'procountor', { status: 503, method: 'POST', path: '/api/businesspartners' }],
    ['after the customer, while creating products', 'procountor', { status: 503, method: 'POST', path: '/api/products' }],
    ['while creating the invoice', 'procountor', { status: 503, method: 'POST', path: '/api/invoices' }],
    ['after the invoice was made but its answer was lost', 'procountor', { dropAfter: true, method: 'POST', path: '/api/invoices' }],
    ['while posting to Slack', 'slack', { status: 503, path: '/api/chat.postMessage' }],
    ['after Slack posted but its answer was lost', 'slack', { dropAfter: true, path: '/api/chat.postMessage' }],
  ])('completes on replay after a failure %s, without duplicates', async (_when, service, fault) => {
    const { delivery } = await acceptAndCatch();
    await (service === 'slack' ? w.slack : w.procountor).control('faults', { count: 1, ...fault });
    const first = await zap(delivery);
    expect(failedStep(first)?.error?.name).toBe('ThrottledError');
    const replay = await zap(delivery, first);
    expect(replay.every((s) => s.ok)).toBe(true);
    const expected = { ...ONE_OF_EACH };
    // Slack kept a message whose answer never reached us: Slack has no idempotency key, so the replay posts again.
    if ((fault as { dropAfter?: boolean }).dropAfter && service === 'slack') expected.slack = 2;
    expect(await counts()).toEqual(expected);
  });

  it('makes one invoice and one alert when 2 Zaps of one contract run at once', async () => {
    // A second Zap on the connection: its own hook URL and webhook, so the event reaches it too (not as a repeat).
    const otherHook = await startHookReceiver();
    try {
      const other = (
        await w.runtime.run<{ id: string; secret: string }>('triggers.contract_accepted.operation.performSubscribe', {
          authData: w.authData,
          inputData: {},
          targetUrl: otherHook.url,
        })
      ).result!;
      const { delivery } = await acceptAndCatch();
      const [toOther] = await otherHook.waitFor(1);
      await w.procountor.control('faults', { latencyMs: 20 });
      const [a, b] = await Promise.all([zap(delivery), zap(toOther!, undefined, other)]);
      await w.procountor.control('faults', { latencyMs: 0 });
      expect([...a!, ...b!].every((s) => s.ok)).toBe(true);
      expect([a!, b!].map((steps) => steps.filter((s) => s.step === 'Create Unfinished Invoice').length)).toEqual([1, 1]);
      expect(await counts()).toEqual(ONE_OF_EACH);
    } finally {
      await otherHook.close();
    }
  });
});

describe('a catalogue index shared by concurrent runs', () => {
  const line = (name: string, code: string | null) => ({ name, code, quantity: 1, unit: 'h', unit_price: 120, discount_percent: 0, vat_percent: 25.5 });
  const shared = [line('Shared new service', 'SHARED-1'), line('Another shared service', null), line('Third shared one', 'SHARED-3')];

  it('creates each new product once when runs of two contracts start together on a cold index', async () => {
    await w.procountor.control('seed', {
      products: Array.from({ length: 450 }, (_, i) => ({ name: `Existing item ${i}`, code: `EX-${i}`, unit: 'HOUR', price: 100, vat: 25.5 })),
    });
    const contracts = await Promise.all(
      [
        [...shared, line('Existing item 7', 'EX-7')],
        [line('Existing item 400', null), ...shared],
      ].map((items) => w.acceptedContract({ pricing_table: { currency: 'EUR', prices_include_vat: false, items } })),
    );
    await w.procountor.control('faults', { latencyMs: 20 });
    const runs = await Promise.all(contracts.map((c) => w.runInvoice({ contract_id: c.id })));
    await w.procountor.control('faults', { latencyMs: 0 });
    expect(runs.map((r) => r.error)).toEqual([undefined, undefined]);
    expect(runs.map((r) => r.result!.products_created).sort()).toEqual([0, 3]);
    const state = await w.state();
    expect(state.invoices).toHaveLength(2);
    const names = state.products.map((p: any) => p.name);
    expect(names).toHaveLength(453);
    expect(new Set(names).size).toBe(names.length);
    // The index both runs wrote back holds every product either made: a third contract creates and searches nothing.
    const third = await w.acceptedContract({ pricing_table: { currency: 'EUR', prices_include_vat: false, items: shared } });
    const next = await w.requestsDuring(() => w.runInvoice({ contract_id: third.id }));
    expect(next.byRoute['POST /products']).toBeUndefined();
    expect(next.byRoute['GET /products']).toBeUndefined();
  });
});

describe('a customer index shared by concurrent runs', () => {
  it('creates the new customer once when runs of two contracts for it start together on a cold index', async () => {
    await w.procountor.control('seed', {
      businesspartners: Array.from({ length: 450 }, (_, i) => ({ name: `Existing customer ${i} Oy` })),
    });
    // Both contracts are for the sample customer (business ID 0737546-2), which Procountor does not have yet.
    const contracts = await Promise.all([1, 2].map(() => w.acceptedContract()));
    await w.procountor.control('faults', { latencyMs: 20 });
    const runs = await Promise.all(contracts.map((c) => w.runInvoice({ contract_id: c.id })));
    await w.procountor.control('faults', { latencyMs: 0 });
    expect(runs.map((r) => r.error)).toEqual([undefined, undefined]);
    expect(runs.map((r) => r.result!.customer_created).sort()).toEqual([false, true]);
    const state = await w.state();
    expect(state.invoices).toHaveLength(2);
    const made = state.businesspartners.filter((p: any) => p.invoicingInfo?.identifier === '0737546-2');
    expect(made).toHaveLength(1);
    expect(state.invoices.map((i: any) => i.partnerId)).toEqual([made[0].id, made[0].id]);
    // The index both runs wrote back holds the customer: a third contract neither searches nor creates one.
    const third = await w.acceptedContract();
    const next = await w.requestsDuring(() => w.runInvoice({ contract_id: third.id }));
    expect(next.byRoute['GET /businesspartners']).toBeUndefined();
    expect(next.byRoute['POST /businesspartners']).toBeUndefined();
  });
});

describe('faults on every endpoint the Zap uses', () => {
  const endpoints = [
    ['procountor', 'GET', '/api/invoices'],
    ['procountor', 'GET', '/api/vats/default'],
    ['procountor', 'GET', '/api/bankaccounts'],
    ['procountor', 'GET', '/api/businesspartners'],
    ['procountor', 'POST', '/api/businesspartners'],
    ['procountor', 'GET', '/api/products'],
    ['procountor', 'POST', '/api/products'],
    ['procountor', 'POST', '/api/invoices'],
    ['c2c', 'GET', '/v1/contracts'],
    ['slack', 'POST', '/api/chat.postMessage'],
  ] as const;
  const faults = [
    ['429 with a long Retry-After', { status: 429, retryAfter: 30 }],
    ['503', { status: 503 }],
    ['a dropped connection', { drop: true }],
    ['an answer slower than the request timeout', { latencyMs: 2000, count: 1 }],
  ] as const;
  const cases = endpoints.flatMap((e) => faults.map((f) => [`${e[1]} ${e[0]} ${e[2]}`, e, f[0], f[1]] as const));

  it.each(cases)('%s: %s ends in ThrottledError, and a replay completes', async (_name, [service, method, path], _fault, fault) => {
    const { delivery } = await acceptAndCatch();
    const handle = service === 'procountor' ? w.procountor : service === 'c2c' ? w.c2c : w.slack;
    process.env.HTTP_TIMEOUT_MS = '1000';
    process.env.IN_DOUBT_WINDOW_MS = '1500';
    try {
      await handle.control('faults', { count: 1, method, path, ...fault });
      const first = await zap(delivery);
      const failure = failedStep(first);
      expect(failure?.error?.name).toBe('ThrottledError');
      expect(failure?.error?.message).toMatch(/Zapier will retry/);
      // Zapier retries no sooner than the error's delay (10 s for an outage); by then a slow request has finished
      // on the service's side. Replaying before that would race a POST the service is still working on.
      if ('latencyMs' in fault) await new Promise((resolve) => setTimeout(resolve, fault.latencyMs));
      // An invoice POST dropped without an answer may still be made: a replay within the in-doubt window only looks
      // and ends in a retry (exactly-once-per-company.test.ts); once the window has passed it writes.
      if ('drop' in fault && method === 'POST' && path === '/api/invoices') {
        const early = await zap(delivery, first);
        expect(failedStep(early)?.error?.message).toMatch(/answer was lost/);
        await new Promise((resolve) => setTimeout(resolve, Number(process.env.IN_DOUBT_WINDOW_MS)));
      }
      const replay = await zap(delivery, first);
      expect(replay.every((s) => s.ok)).toBe(true);
    } finally {
      delete process.env.HTTP_TIMEOUT_MS;
      delete process.env.IN_DOUBT_WINDOW_MS;
    }
    // A slow chat.postMessage is posted by Slack after we gave up on it; with no idempotency key in Slack's API
    // the replay posts again. (Everything in Procountor is found again instead.)
    const answerLostInSlack = service === 'slack' && 'latencyMs' in fault;
    expect(await counts()).toEqual({ ...ONE_OF_EACH, slack: answerLostInSlack ? 2 : 1 });
  });

  it.each(endpoints.filter(([service]) => service === 'procountor'))(
    'a token expiring mid-run at %s %s %s is refreshed and the run completes',
    async (_service, method, path) => {
      const { delivery } = await acceptAndCatch();
      await w.procountor.control('faults', { count: 1, method, path, status: 401, body: { errors: [{ status: 401, message: 'Token expired.' }] } });
      const steps = await zap(delivery);
      expect(steps.every((s) => s.ok)).toBe(true);
      expect(await counts()).toEqual(ONE_OF_EACH);
    },
  );
});

describe('webhooks that must not start a Zap', () => {
  const tamper = (delivery: CaughtDelivery, change: (d: CaughtDelivery) => CaughtDelivery) => change({ ...delivery, headers: { ...delivery.headers } });

  it.each([
    ['unsigned', (d: CaughtDelivery) => tamper(d, (x) => ({ ...x, headers: { ...x.headers, 'c2c-signature': undefined } })), 'header is missing'],
    [
      'signed with another secret',
      (d: CaughtDelivery) =>
        tamper(d, (x) => ({
          ...x,
          headers: { ...x.headers, 'c2c-signature': String(x.headers['c2c-signature']).replace(/v1=[0-9a-f]+/, `v1=${'0'.repeat(64)}`) },
        })),
      'signature does not match',
    ],
    [
      'with its timestamp moved back 10 minutes',
      (d: CaughtDelivery) =>
        tamper(d, (x) => ({
          ...x,
          headers: { ...x.headers, 'c2c-signature': String(x.headers['c2c-signature']).replace(/t=\d+/, `t=${Math.floor(Date.now() / 1000) - 600}`) },
        })),
      'signature does not match',
    ],
    [
      'with a tampered body',
      (d: CaughtDelivery) => tamper(d, (x) => ({ ...x, body: x.body.replace('"unit_price":4800', '"unit_price":1') })),
      'signature does not match',
    ],
  ])('drops a delivery %s without an error, and nothing is created', async (_what, change, reason) => {
    const { delivery } = await acceptAndCatch();
    const logFrom = w.runtime.logLines.length;
    const steps = await zap(change(delivery));
    // No error: a flood of forgeries must not fill the Zap's history (Zapier turns a Zap off after many errors).
    expect(steps.map(({ step, ok, output }) => ({ step, ok, output }))).toEqual([{ step: 'contract_accepted', ok: true, output: undefined }]);
    await until(() => w.runtime.logLines.slice(logFrom).some((line) => line.includes('Dropped a delivery') && line.includes(reason)));
    expect(await counts()).toEqual({ invoices: 0, customers: 0, products: 0, slack: 0 });
  });
});
