// Procountor's budget per API client, shared through z.cache by every connection's steps: the plan keeps any second
// within the limit, the tickets are shared by steps of different companies, and a company's long step leaves room for
// another company's short one.
import type { ZObject } from 'zapier-platform-core';
import { budgetPlan, SharedRequestBudget } from '../../../lib/zapier/requestBudget';

/** z.cache as Zapier's service keeps it, for keys without a scope: one store every step sees; nx sets only a free key. */
const sharedStore = () => {
  const keys = new Map<string, number>();
  let calls = 0;
  const z = {
    console: { log: () => undefined },
    cache: {
      set: async (key: string, _value: unknown, ttl: number, scope: unknown, nx: boolean) => {
        calls += 1;
        expect(scope).toBeNull();
        const live = (keys.get(key) ?? 0) > Date.now();
        if (nx && live) return false;
        keys.set(key, Date.now() + ttl * 1000);
        return true;
      },
    },
  } as unknown as ZObject;
  return { z, calls: () => calls };
};

const budgetOn = (z: ZObject, limit = 20) => new SharedRequestBudget(z, { clientId: 'client-1', limit, busy: () => new Error('busy') });

/** The most starts in any window of `windowMs`. */
const peak = (starts: number[], windowMs: number) => {
  const sorted = [...starts].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= windowMs) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
};

describe('the plan', () => {
  it.each([20, 60, 5])('keeps any 1.1 s within %i requests however the slots fall', (limit) => {
    const plan = budgetPlan(limit);
    expect((Math.ceil(1100 / plan.slotMs) + 1) * plan.ticketsPerSlot * plan.perTicket).toBeLessThanOrEqual(limit);
  });

  it.each([20, 60])('lets at least 70 %% of %i a second through, in tickets of 2 requests, 2 or more a slot', (limit) => {
    const plan = budgetPlan(limit);
    expect((plan.ticketsPerSlot * plan.perTicket * 1000) / plan.slotMs).toBeGreaterThanOrEqual(0.7 * limit);
    expect(plan).toEqual(expect.objectContaining({ perTicket: 2, ticketsPerSlot: expect.any(Number) }));
    expect(plan.ticketsPerSlot).toBeGreaterThanOrEqual(2);
  });
});

describe('tickets shared by every connection', () => {
  it('keeps four companies starting 12 requests each at once within 20 in any 1.1 s (each step alone would send all 48)', async () => {
    const { z } = sharedStore();
    const starts: number[] = [];
    const company = async () => {
      const budget = budgetOn(z);
      await Promise.all(Array.from({ length: 12 }, () => budget.acquire().then(() => starts.push(Date.now()))));
    };
    await Promise.all([company(), company(), company(), company()]);
    expect(starts).toHaveLength(48);
    expect(peak(starts, 1100)).toBeLessThanOrEqual(20);
  });

  it('costs a step alone one z.cache call per two requests', async () => {
    const store = sharedStore();
    const budget = budgetOn(store.z);
    await Promise.all(Array.from({ length: 4 }, () => budget.acquire()));
    expect([store.calls(), budget.ticketCalls]).toEqual([2, 2]);
  });

  it('books tickets ahead (reserve) for no more calls than asking at the first requests', async () => {
    const store = sharedStore();
    const budget = budgetOn(store.z);
    budget.reserve(2);
    await Promise.all(Array.from({ length: 4 }, () => budget.acquire()));
    expect(store.calls()).toBe(2);
  });

  it('leaves a ticket another step holds to acquire, which books the next free one', async () => {
    const store = sharedStore();
    const first = budgetOn(store.z);
    const second = budgetOn(store.z);
    first.reserve(2);
    await first.acquire();
    second.reserve(2);
    await Promise.all([second.acquire(), second.acquire(), second.acquire()]);
    // The slot's two tickets were the first step's: the second booked two later tickets, each once.
    expect(second.ticketCalls).toBeLessThanOrEqual(4);
  });

  it("lets another company's short step through while one company's long step runs", async () => {
    const { z } = sharedStore();
    const order: string[] = [];
    const long = budgetOn(z);
    const longStep = Promise.all(Array.from({ length: 30 }, () => long.acquire().then(() => order.push('long'))));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const short = budgetOn(z);
    await Promise.all([short.acquire(), short.acquire()]).then(() => order.push('short'));
    await longStep;
    // Each slot has tickets the long step cannot all hold at once: the short step is not queued behind its 30.
    expect(order.indexOf('short')).toBeLessThan(order.lastIndexOf('long'));
    expect(order.slice(order.indexOf('short')).filter((o) => o === 'long').length).toBeGreaterThan(10);
  });

  it('paces the step alone at a quarter of the limit when z.cache cannot be asked', async () => {
    const z = { console: { log: () => undefined }, cache: { set: () => Promise.reject(new Error('down')) } } as unknown as ZObject;
    const starts: number[] = [];
    const budget = budgetOn(z);
    await Promise.all(Array.from({ length: 7 }, () => budget.acquire().then(() => starts.push(Date.now()))));
    expect(peak(starts, 1000)).toBeLessThanOrEqual(5);
  });
});
