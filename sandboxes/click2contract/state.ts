// The Click2Contract sandbox's one state: its contracts, webhook subscriptions, events and deliveries, with the
// pieces every route family uses.
import crypto from 'node:crypto';
import { json, type FaultBox, type Handler, type Router } from '../http';
import { helsinkiWallClock } from '../clock';

export const CLICK2CONTRACT_SANDBOX = {
  apiKey: 'c2c_sandbox_key',
  account: { id: 'acc_sandbox', name: 'Sandbox Oy' },
  user: { id: 'usr_sandbox', email: 'myynti@sandbox.example' },
  defaultPort: 4020,
};

export type Json = Record<string, any>;
export const EVENTS = ['contract.accepted', 'contract.sent_to_procountor'];

export const error = (status: number, code: string, message: string, headers?: Record<string, string>) => json(status, { error: { code, message } }, headers);

/** ISO 8601 with Helsinki's offset, as Click2Contract writes its times. */
export const helsinkiTimestamp = (date = new Date()) => {
  const { text, offsetMinutes } = helsinkiWallClock(date);
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const hh = String(Math.floor(Math.abs(offsetMinutes) / 60)).padStart(2, '0');
  const mm = String(Math.abs(offsetMinutes) % 60).padStart(2, '0');
  return `${text}${sign}${hh}:${mm}`;
};

/** A contract as the API answers it: without the sandbox's own ordering number. */
export const publicContract = (contract: Json) => {
  const { seq: _seq, ...rest } = contract;
  return rest;
};

export interface Delivery {
  eventId: string;
  webhookId: string;
  attempts: Array<{ at: string; status: number | 'error' }>;
  delivered: boolean;
}

export class Click2ContractSandboxState {
  contracts: Json[] = [];
  webhooks: Json[] = [];
  events: Json[] = [];
  deliveries: Delivery[] = [];
  /** Deliveries waiting while `POST /_sandbox/deliveries/hold` holds them. */
  held: Array<() => Promise<void>> = [];
  holding = false;
  /** Numbers ids and orders contracts created in the same instant; a reset keeps counting. */
  seq = 0;
  /** Every key and webhook secret handed out, for tests that look for leaks (a reset keeps them). */
  issued: string[] = [CLICK2CONTRACT_SANDBOX.apiKey];

  nextId(prefix: string) {
    return `${prefix}_${(++this.seq).toString(36)}${crypto.randomBytes(3).toString('hex')}`;
  }

  findContract(id: string) {
    return this.contracts.find((c) => c.id === id);
  }

  reset() {
    this.contracts = [];
    this.webhooks = [];
    this.events = [];
    this.deliveries = [];
    this.held = [];
    this.holding = false;
  }
}

/** Sends an event to every webhook subscribed to its type (see ./delivery.ts). */
export interface EventDelivery {
  deliver: (webhook: Json, event: Json) => Promise<void>;
  fire: (type: string, contract: Json) => Promise<Json>;
}

/** What each route family registers its routes with; `api` routes live under /v1 behind the API key. */
export interface Click2ContractRoutes {
  router: Router;
  api: (method: string, path: string, handler: Handler) => Router;
  state: Click2ContractSandboxState;
  delivery: EventDelivery;
  faults: FaultBox;
}
