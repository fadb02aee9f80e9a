// Issue 24: exactly once, per company, under every fault. One test per row of the table that this file owns
// (reconnecting to another company, keys that differ in case or in characters Windows-1252 drops, a POST answered
// after the client gave up, z.cache failing or slow) and per item (claims fail closed and back off, requests fit the
// step's 30 s). Each failed on main before the change it names.
import { requestTimeoutFor, STEP_LIMIT_MS, ANSWER_ROOM_MS } from '../../lib/zapier/stepClock';
import { REDIRECT_URI, signInCode } from '../support/procountorSandbox';
import { lineItemsOrder } from '../support/lineItems';
import { worldForEachTest } from '../support/world';

const STEP = 'creates.create_invoice.operation.perform';

const w = worldForEachTest();

const run = (inputData: Record<string, unknown>) => w.run(STEP, inputData);
const invoices = async () => (await w.state()).invoices;

describe('row 1: a connection reconnected to another Procountor company', () => {
  /** The user signs in again, to another company, on the same Zapier connection: new tokens in the same authData. */
  const reconnectToAnotherCompany = async () => {
    await w.procountor.control('reset', {});
    await w.procountor.control('company', { id: 2002, name: 'Toinen Oy', currency: 'SEK' });
    await w.procountor.control('seed', {
      businesspartners: [{ name: 'Beta Oy', invoicingInfo: { identifier: '1572860-0' } }],
    });
    const { code } = await signInCode(w.procountor.base);
    const tokens = await w.runtime.invoke<Record<string, string>>('authentication.oauth2Config.getAccessToken', {
      inputData: { code, redirect_uri: REDIRECT_URI },
      authData: {},
    });
    expect(tokens.error).toBeUndefined();
    Object.assign(w.authData, tokens.result);
    return tokens.result!;
  };

  it('finds the new company its own customer and books a EUR invoice at the SEK company rate, nothing of the first company reused', async () => {
    const first = await run(lineItemsOrder({ unique_key: 'first-company-1', customer_name: 'Beta Oy', business_id: '0737546-2' }));
    expect(first.result).toEqual(expect.objectContaining({ currency_rate: 1, customer_created: true }));

    const reconnected = await reconnectToAnotherCompany();
    const second = await run(lineItemsOrder({ unique_key: 'second-company-1', customer_name: 'Beta Oy', business_id: '1572860-0', currency: 'EUR' }));
    expect(second.error).toBeUndefined();
    expect(second.result).toEqual(expect.objectContaining({ customer_created: false, already_existed: false }));
    // Books in SEK at the sandbox's 11.2 SEK per euro; the first company's cached EUR books would have said 1.
    expect(second.result).toEqual(expect.objectContaining({ company_currency: 'SEK', currency: 'EUR' }));
    expect(second.result!.currency_rate).toBeCloseTo(1 / 11.2, 5);
    const state = await w.state();
    expect(state.businesspartners.filter((p: any) => p.name === 'Beta Oy')).toHaveLength(1);
    // The company is recorded with the connection's new tokens, as Zapier keeps what getAccessToken answers.
    expect(reconnected.company_id).toBe('2002');
  });

  it('a connection made before the company was recorded asks Procountor once per token which company it reaches', async () => {
    const { company_id: _recorded, ...legacy } = w.authData as Record<string, string>;
    const stats = await w.requestsDuring(async () => {
      const made = await w.runtime.run(STEP, { authData: legacy, inputData: lineItemsOrder({ unique_key: 'legacy-1' }) });
      expect(made.error).toBeUndefined();
    });
    expect(stats.byRoute['GET /company']).toBe(1);
  });
});

describe('row 2: exact markers', () => {
  it('gives "shop-1042" its own invoice after "Shop-1042" has one (the search ignores case; the marker does not)', async () => {
    const upper = await run(lineItemsOrder({ unique_key: 'Shop-1042' }));
    const lower = await run(lineItemsOrder({ unique_key: 'shop-1042' }));
    expect(upper.result!.already_existed).toBe(false);
    expect(lower.result!.already_existed).toBe(false);
    expect(lower.result!.invoice_id).not.toBe(upper.result!.invoice_id);
    expect((await invoices()).map((i: any) => i.additionalInformation)).toEqual(['Order Shop-1042 [KEY:Shop-1042]', 'Order shop-1042 [KEY:shop-1042]']);
    // And each replay finds its own.
    const again = await run(lineItemsOrder({ unique_key: 'shop-1042' }));
    expect(again.result).toEqual(expect.objectContaining({ already_existed: true, invoice_id: lower.result!.invoice_id }));
  });

  it('does not take an invoice whose marker merely contains the key ("shop-10" is not "shop-1042")', async () => {
    await run(lineItemsOrder({ unique_key: 'shop-1042' }));
    const shorter = await run(lineItemsOrder({ unique_key: 'shop-10' }));
    expect(shorter.result!.already_existed).toBe(false);
    expect(await invoices()).toHaveLength(2);
  });

  it('refuses a key that fitting to Windows-1252 would change, naming the field, and makes nothing', async () => {
    await run(lineItemsOrder({ unique_key: 'shop1' }));
    const rocket = await run(lineItemsOrder({ unique_key: 'shop🚀1' }));
    expect(rocket.error?.message).toMatch(/Unique Key "shop🚀1" has characters Procountor cannot store/);
    expect(await invoices()).toHaveLength(1);
  });

  it("checks every candidate on every page: the order's invoice is found behind 250 invoices the search also returns", async () => {
    // 250 invoices whose additional information holds the marker in another case: Procountor's search returns them all.
    const made = await run(lineItemsOrder({ unique_key: 'Paged-7' }));
    expect(made.error).toBeUndefined();
    const [template] = await invoices();
    await w.procountor.control('seed', {
      invoices: Array.from({ length: 250 }, () => ({ ...template, additionalInformation: 'Order PAGED-7 [KEY:PAGED-7]' })),
    });
    const mine = await run(lineItemsOrder({ unique_key: 'paged-7' }));
    expect(mine.result!.already_existed).toBe(false);
    const replay = await run(lineItemsOrder({ unique_key: 'paged-7' }));
    expect(replay.result).toEqual(expect.objectContaining({ already_existed: true, invoice_id: mine.result!.invoice_id }));
  });
});

describe('row 3: a POST /invoices answered after the client gave up', () => {
  const slowCommit = async (latencyMs: number) => {
    process.env.HTTP_TIMEOUT_MS = '800';
    // The sandbox waits, then makes the invoice: the client has long stopped listening.
    await w.procountor.control('faults', { count: 1, method: 'POST', path: '/api/invoices', latencyMs });
  };
  afterEach(() => {
    delete process.env.HTTP_TIMEOUT_MS;
    delete process.env.IN_DOUBT_WINDOW_MS;
  });

  it('a retry at once, before Procountor commits, writes nothing; a retry after it finds the one invoice', async () => {
    await slowCommit(2500);
    const first = await run(lineItemsOrder({ unique_key: 'slow-1' }));
    expect(first.error?.name).toBe('ThrottledError');
    // At once: Procountor has not made it yet, and may still.
    const early = await run(lineItemsOrder({ unique_key: 'slow-1' }));
    expect(early.error?.name).toBe('ThrottledError');
    expect(early.error?.message).toMatch(/answer was lost/);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const late = await run(lineItemsOrder({ unique_key: 'slow-1' }));
    expect(late.result).toEqual(expect.objectContaining({ already_existed: true }));
    expect(await invoices()).toHaveLength(1);
  });

  it('a retry after the in-doubt window, when the lost POST made nothing, writes the invoice once', async () => {
    process.env.IN_DOUBT_WINDOW_MS = '1500';
    process.env.HTTP_TIMEOUT_MS = '800';
    await w.procountor.control('faults', { count: 1, method: 'POST', path: '/api/invoices', drop: true });
    const first = await run(lineItemsOrder({ unique_key: 'lost-1' }));
    expect(first.error?.name).toBe('ThrottledError');
    await new Promise((resolve) => setTimeout(resolve, 1600));
    const retry = await run(lineItemsOrder({ unique_key: 'lost-1' }));
    expect(retry.result).toEqual(expect.objectContaining({ already_existed: false }));
    const replay = await run(lineItemsOrder({ unique_key: 'lost-1' }));
    expect(replay.result).toEqual(expect.objectContaining({ already_existed: true }));
    expect(await invoices()).toHaveLength(1);
  });

  it('two retries at once after the timeout still give one invoice', async () => {
    await slowCommit(2000);
    const first = await run(lineItemsOrder({ unique_key: 'slow-2' }));
    expect(first.error?.name).toBe('ThrottledError');
    await new Promise((resolve) => setTimeout(resolve, 2200));
    const both = await Promise.all([run(lineItemsOrder({ unique_key: 'slow-2' })), run(lineItemsOrder({ unique_key: 'slow-2' }))]);
    for (const outcome of both) if (outcome.result) expect(outcome.result.already_existed).toBe(true);
    expect(await invoices()).toHaveLength(1);
  });
});

describe('row 6 and item 5: claims fail closed and back off', () => {
  afterEach(() => w.runtime.failCache(false));

  it('writes nothing while z.cache is down, ends in a retry, and the retry makes the invoice', async () => {
    w.runtime.failCache(true);
    const down = await run(lineItemsOrder({ unique_key: 'cache-down-1' }));
    expect(down.error?.name).toBe('ThrottledError');
    expect(await w.madeCounts()).toEqual([0, 0, 0]);
    w.runtime.failCache(false);
    const up = await run(lineItemsOrder({ unique_key: 'cache-down-1' }));
    expect(up.result).toEqual(expect.objectContaining({ already_existed: false }));
    expect(await invoices()).toHaveLength(1);
  });

  it('a run waiting for a busy claim asks z.cache at most 20 times', async () => {
    // Other runs hold both of the company's invoice lanes for the whole wait (planted under the company's key, and
    // under the bare key that an app without company keys would use, so the test judges any version the same way).
    const company = (w.authData as Record<string, string>).company_id;
    for (const lane of ['procountor:invoice-writer', 'procountor:invoice-writer:1']) {
      for (const key of [`company:${company}:${lane}`, lane]) w.runtime.setConnectionValue(w.authData, key, 'someone-else', 60);
    }
    const waiting = await run(lineItemsOrder({ unique_key: 'busy-1' }));
    expect(waiting.error?.name).toBe('ThrottledError');
    const claimTries = waiting.rpc.keysWritten.filter((k) => k.startsWith('procountor:invoice-writer')).length;
    expect(claimTries).toBeGreaterThan(1);
    expect(claimTries).toBeLessThanOrEqual(21);
    expect(await invoices()).toHaveLength(0);
  }, 40_000);
});

describe('item 6: every request fits in what is left of the step', () => {
  const zLike = () => ({ errors: { ThrottledError: class extends Error {} } }) as any;

  it('gives a request its own timeout early in the step, and only what is left near its end', () => {
    const z = zLike();
    const start = 1_000_000;
    expect(requestTimeoutFor(z, 15_000, start)).toBe(15_000);
    // 20 s in: 30 s less the room for the answer leaves 7 s, not 15.
    expect(requestTimeoutFor(z, 15_000, start + 20_000)).toBe(STEP_LIMIT_MS - ANSWER_ROOM_MS - 20_000);
  });

  it("starts no request when less than a second is left, handing over to Zapier's retry", () => {
    const z = zLike();
    const start = 2_000_000;
    requestTimeoutFor(z, 15_000, start);
    expect(() => requestTimeoutFor(z, 15_000, start + STEP_LIMIT_MS - ANSWER_ROOM_MS - 500)).toThrow(/30 seconds/);
  });
});
