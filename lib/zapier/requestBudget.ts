// One request budget per API client, shared by every connection and every step of the app. Procountor counts requests
// per API client (20 a second), and this app is one client for every company that connects it, each company's steps
// running in Lambda containers of their own: only z.cache without a scope is seen by all of them.
//
// z.cache has no counter, only set-if-absent (nx). So time is cut into slots, and each slot into a few tickets, each a
// key taken with nx: a ticket lets its holder start `perTicket` requests inside its slot, and nothing outside it. Slots
// are short enough that any second (plus a margin for latency jitter and the containers' clocks) meets at most
// `ticketsPerSlot * perTicket` requests of as many slots as it can touch, which the plan keeps within the limit.
import type { ZObject } from 'zapier-platform-core';
import { appCache } from './cache';
import { SlidingWindowLimiter } from './rateLimiter';

/** How the limit is cut: a slot of `slotMs`, `ticketsPerSlot` tickets in it, each good for `perTicket` request starts. */
export interface BudgetPlan {
  slotMs: number;
  ticketsPerSlot: number;
  perTicket: number;
}

/** A request arrives up to this much later (or earlier, by another container's clock) than its start is counted here. */
const MARGIN_MS = 100;
/** A warm invoice step starts 2 requests when its indexes are fresh, 4 when not: one or two tickets. */
const PER_TICKET = 2;

/**
 * The slot length and tickets that let the most requests through while any window of 1 s + MARGIN_MS meets at most
 * `limit` starts (a window as long as n slots touches n + 1 of them), with tickets of PER_TICKET requests and, where
 * the limit allows, two tickets a slot: a step's parallel reads then need not wait for the next slot, and two companies
 * can be served in the same one.
 */
export const budgetPlan = (limit: number): BudgetPlan => {
  const perTicket = Math.min(PER_TICKET, Math.max(1, Math.floor(limit / 2)));
  const candidates: BudgetPlan[] = [];
  for (let n = 1; n <= 40; n++) {
    const slotMs = Math.ceil((1000 + MARGIN_MS) / n);
    const perSlot = Math.floor(limit / (Math.ceil((1000 + MARGIN_MS) / slotMs) + 1));
    const ticketsPerSlot = Math.floor(perSlot / perTicket);
    if (ticketsPerSlot > 0) candidates.push({ slotMs, ticketsPerSlot, perTicket });
  }
  const rate = (plan: BudgetPlan) => (plan.ticketsPerSlot * plan.perTicket) / plan.slotMs;
  const best = (plans: BudgetPlan[]) => plans.reduce((a, b) => (rate(b) > rate(a) ? b : a));
  const shared = candidates.filter((plan) => plan.ticketsPerSlot >= 2);
  return best(shared.length ? shared : candidates);
};

/** A waiting step asks z.cache at most this often for a ticket before Zapier retries it. */
const MAX_TICKET_CALLS = 24;
/** Tickets lapse by themselves; longer than a slot plus any clock difference between containers. */
const TICKET_TTL_SECONDS = 5;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface BudgetOptions {
  /** The Procountor API client whose budget this is (every connection of the app shares it). */
  clientId: string;
  limit: number;
  /** What the step answers Zapier when no ticket came in MAX_TICKET_CALLS asks. */
  busy: () => Error;
  now?: () => number;
  random?: () => number;
}

/**
 * A step's share of the API client's budget: `acquire` resolves when the caller may start one request. Callers are
 * served in order; a ticket's requests not started by the end of its slot are forgone, never moved to another slot.
 */
export class SharedRequestBudget {
  readonly plan: BudgetPlan;
  /** z.cache calls this step made for tickets (the bench counts them with the rest). */
  ticketCalls = 0;
  private ticket?: { slot: number; left: number };
  /** Tickets this step holds, and tickets it found held by other steps: it never asks for either again. */
  private readonly mine = new Set<string>();
  private readonly taken = new Set<string>();
  /** When z.cache cannot be asked: the step paces itself at a quarter of the limit, as one of four such steps could. */
  private fallback?: SlidingWindowLimiter;
  private queue: Promise<void> = Promise.resolve();
  private readonly now: () => number;
  private readonly random: () => number;

  constructor(
    private readonly z: ZObject,
    private readonly options: BudgetOptions,
  ) {
    this.plan = budgetPlan(options.limit);
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
  }

  /**
   * Books up to `tickets` tickets of the current slot now, in one round trip, before the step's first request: the
   * booking then runs beside the step's other first `z.cache` reads, and parallel reads that need two tickets do not
   * wait for a second booking. Tickets another step holds are left to acquire, which books later ones as usual.
   */
  reserve(tickets = 1): void {
    const booking = this.queue.then(async () => {
      const slot = this.slotNow();
      if (this.fallback || (this.ticket && this.ticket.slot >= slot && this.ticket.left > 0)) return;
      const cache = appCache(this.z);
      const wanted = this.freeTickets(slot).slice(0, tickets);
      this.ticketCalls += wanted.length;
      const got = await Promise.all(wanted.map((key) => cache.setIfAbsent(key, 1, TICKET_TTL_SECONDS).catch(() => false)));
      wanted.forEach((key, i) => (got[i] ? this.mine : this.taken).add(key));
      const held = got.filter(Boolean).length;
      if (held) this.ticket = { slot, left: held * this.plan.perTicket };
    });
    this.queue = booking.catch(() => undefined);
  }

  acquire(): Promise<void> {
    const turn = this.queue.then(() => this.waitForTicket());
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private slotNow() {
    return Math.floor(this.now() / this.plan.slotMs);
  }

  private async waitForTicket(): Promise<void> {
    for (;;) {
      if (this.fallback) return this.fallback.acquire();
      const slot = this.slotNow();
      const held = this.ticket;
      if (held && held.slot === slot && held.left > 0) {
        held.left -= 1;
        return;
      }
      if (held && held.slot > slot) {
        await sleep(held.slot * this.plan.slotMs - this.now() + 1);
        continue;
      }
      try {
        this.ticket = { slot: await this.book(slot), left: this.plan.perTicket };
      } catch (error) {
        if (error === this.busyError) throw error;
        this.z.console.log(`z.cache unavailable for Procountor's shared budget (${(error as Error).message}); pacing this step alone`);
        this.fallback = new SlidingWindowLimiter(Math.max(1, Math.floor(this.options.limit / 4)), 1000 + MARGIN_MS, this.now);
      }
    }
  }

  private busyError?: Error;

  /** The slot's tickets this step does not hold already, as z.cache keys. */
  private freeTickets(slot: number) {
    const keys = Array.from({ length: this.plan.ticketsPerSlot }, (_, t) => `procountor:budget:${this.options.clientId}:${slot}:${t}`);
    return keys.filter((key) => !this.mine.has(key) && !this.taken.has(key));
  }

  /**
   * Books a ticket in this slot or the first later one with a ticket free: a miss means another step holds that
   * ticket, so the next ask is for the slot's other ticket, then the next slot's. Steps that ask at once line up in
   * slots in the order they ask, and no slot is left unused while steps wait. Answers the booked slot.
   */
  private async book(current: number): Promise<number> {
    const cache = appCache(this.z);
    let slot = Math.max(current, this.slotNow());
    for (let ask = 0; ask < MAX_TICKET_CALLS; ask++) {
      // A slot that has begun while asking is no longer worth booking past.
      slot = Math.max(slot, this.slotNow());
      let free = this.freeTickets(slot);
      while (!free.length) free = this.freeTickets(++slot);
      const key = free[Math.floor(this.random() * free.length)]!;
      this.ticketCalls += 1;
      if (await cache.setIfAbsent(key, 1, TICKET_TTL_SECONDS)) {
        this.mine.add(key);
        return slot;
      }
      this.taken.add(key);
    }
    this.busyError = this.options.busy();
    throw this.busyError;
  }
}
