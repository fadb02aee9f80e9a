// The per-connection customer index, as pure code: what is kept of each customer, the keys it is found by (canonical
// Finnish business ID, normalised name) and the order `findCustomer` picks in: active customers before inactive ones.
import { businessIdKey } from '../rules/businessId';
import { activeBeforeInactive, customerNameKey } from '../rules/customerMatch';

export interface IndexedCustomer {
  id: number;
  name: string;
  /** As Procountor holds it (any spelling); the key it is found by is derived on load, never stored. */
  identifier: string | null;
  active: boolean;
  /** Procountor's `YYYY-MM-DDTHH:MM:SS`; null when Procountor sent none. */
  version: string | null;
}

/** What a partner answer may look like: every field but the id may be absent or null. */
export interface CustomerAnswer {
  id?: number | null;
  type?: string | null;
  name?: string | null;
  invoicingInfo?: { identifier?: string | null } | null;
  registryInfo?: { active?: boolean | null } | null;
  version?: string | null;
}

/** Stored form: a tuple per customer (see StoredProduct). */
export type StoredCustomer = [number, string, string | null, string | null, 0 | 1];

export const toStoredCustomer = (c: IndexedCustomer): StoredCustomer => [c.id, c.name, c.identifier, c.version, c.active ? 1 : 0];

export const fromStoredCustomer = (s: StoredCustomer): IndexedCustomer => ({ id: s[0], name: s[1], identifier: s[2], version: s[3], active: s[4] === 1 });

/** A customer answer as an index entry; undefined for answers without an id, or partners that are not customers. */
export const toIndexedCustomer = (answer: CustomerAnswer): IndexedCustomer | undefined => {
  if (typeof answer.id !== 'number') return undefined;
  if ((answer.type ?? 'CUSTOMER') !== 'CUSTOMER') return undefined;
  return {
    id: answer.id,
    name: answer.name ?? '',
    identifier: answer.invoicingInfo?.identifier?.trim() || null,
    active: answer.registryInfo?.active !== false,
    version: answer.version ?? null,
  };
};

export interface CustomerWanted {
  /** The checked business ID (canonical for a Finnish one), or undefined to find by name. */
  businessId?: string;
  /** Whether the business ID is Finnish: only then is an inactive customer taken when no active one has it. */
  finnish: boolean;
  name: string;
}

/**
 * The index in memory. By business ID: active customers first, then (Finnish business IDs only, as `findCustomer`
 * searches the inactive ones only for those) inactive ones; among equals the one stored under the spelling searched
 * first, then the newest (Procountor answers highest id first). By name, only when no business ID is given, active
 * customers only.
 */
const activeFirst = activeBeforeInactive((c: IndexedCustomer) => c.active);

export class CustomerMatcher {
  private readonly byBusinessId = new Map<string, IndexedCustomer[]>();
  private readonly byName = new Map<string, IndexedCustomer[]>();

  constructor(index: readonly IndexedCustomer[]) {
    for (const c of index) {
      const key = businessIdKey(c.identifier);
      if (key) this.add(this.byBusinessId, key, c);
      if (c.active && c.name) this.add(this.byName, customerNameKey(c.name), c);
    }
  }

  private add(map: Map<string, IndexedCustomer[]>, key: string, c: IndexedCustomer) {
    const list = map.get(key);
    if (list) list.push(c);
    else map.set(key, [c]);
  }

  match(wanted: CustomerWanted): IndexedCustomer | undefined {
    if (wanted.businessId) {
      const key = businessIdKey(wanted.businessId)!;
      const spelled = (c: IndexedCustomer) => Number(c.identifier?.toUpperCase() === wanted.businessId!.toUpperCase());
      return (this.byBusinessId.get(key) ?? [])
        .filter((c) => c.active || wanted.finnish)
        .sort((a, b) => activeFirst(a, b) || spelled(b) - spelled(a) || b.id - a.id)[0];
    }
    return [...(this.byName.get(customerNameKey(wanted.name)) ?? [])].sort((a, b) => b.id - a.id)[0];
  }
}
