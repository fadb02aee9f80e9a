// The connection's customer index: a SyncedIndex of Procountor customers, active and inactive, found by canonical
// Finnish business ID or normalised name in memory. Written back only in the company's record lane, as the catalogue
// index is; the search operation (find_customer) keeps asking Procountor.
import type { ZObject } from 'zapier-platform-core';
import {
  CustomerMatcher,
  fromStoredCustomer,
  toIndexedCustomer,
  toStoredCustomer,
  type CustomerAnswer,
  type CustomerWanted,
  type IndexedCustomer,
  type StoredCustomer,
} from './customerEntries';
import { MAX_PAGE_SIZE, type ProcountorClient } from '../procountor/client';
import { checkedBusinessId, findCustomer, FINNISH_BUSINESS_ID_TYPE } from '../procountor/customers';
import type { BusinessPartnerBasicInfo } from '../procountor/schemas';
import { ConnectionIndex } from './connectionIndex';
import { SyncedIndex, type IndexMode, type IndexSpec } from './syncedIndex';

const CUSTOMERS_KEY = 'procountor:customers:v1';
/** Customers per z.cache entry: about 60 bytes each, so entries stay near the catalogue's. */
const CUSTOMERS_PER_CHUNK = 1000;
const ACTIVE = 0;
const INACTIVE = 1;

type PartnerRead = { active: boolean };

/**
 * `GET /businesspartners` answers active partners unless asked for inactive ones (`active` defaults to true), so
 * active and inactive customers are two reads: both in a cold load, the active ones every step, the inactive ones
 * only when a Finnish business ID is not among the customers the index knows (the one case `findCustomer` takes an
 * inactive customer). Pages go by `page`, as the endpoint documents.
 */
const customerSpec = (client: ProcountorClient): IndexSpec<IndexedCustomer, StoredCustomer, PartnerRead> => ({
  key: CUSTOMERS_KEY,
  perChunk: CUSTOMERS_PER_CHUNK,
  store: toStoredCustomer,
  load: fromStoredCustomer,
  coldPasses: [{ active: true }, { active: false }],
  streams: [{ active: true }, { active: false }],
  inStream: (c, stream) => (stream === ACTIVE ? c.active : !c.active),
  readPage: async (query, versionStartDate, page) => {
    const at = page ?? 0;
    const { results, totalCount } = await client.listCustomersForIndex({ ...query, versionStartDate, orderById: 'ASC', page: at, size: MAX_PAGE_SIZE });
    const entries = results.map((r) => toIndexedCustomer(r as CustomerAnswer)).filter((c): c is IndexedCustomer => !!c);
    // With `page`, totalCount counts the whole answer: the pages read so far holding it all means nothing is left.
    const counted = typeof totalCount === 'number' && totalCount <= (at + 1) * MAX_PAGE_SIZE;
    return { entries, totalCount, next: results.length < MAX_PAGE_SIZE || counted ? null : at + 1 };
  },
});

/** An index entry in the shape `findCustomer` answers (what the invoice engine reads of it). */
const asPartner = (c: IndexedCustomer): BusinessPartnerBasicInfo => ({
  id: c.id,
  name: c.name,
  type: 'CUSTOMER',
  invoicingInfo: { identifier: c.identifier },
  registryInfo: { active: c.active },
  version: c.version,
});

export interface CustomerQuery {
  businessId?: string;
  identifierType?: string;
  name?: string;
}

export class CustomerIndex extends ConnectionIndex<IndexedCustomer, StoredCustomer, PartnerRead> {
  static async open(z: ZObject, client: ProcountorClient, startedAt = Date.now(), mode: IndexMode = {}) {
    return new CustomerIndex(client, await new SyncedIndex(z, customerSpec(client), startedAt, mode).open(), mode.reader);
  }

  /** No index: the customer is searched in Procountor, as before the index (PROCOUNTOR_CUSTOMER_INDEX=off). */
  static without(client: ProcountorClient, mode: IndexMode = {}) {
    return new CustomerIndex(client, undefined, mode.reader);
  }

  /**
   * The customer `findCustomer` would find, from the index: no request when it is there. A Finnish business ID the
   * index does not know costs one read of the inactive customers changed since the last such read; while the index
   * is incomplete (a cold load spread over steps), Procountor is searched as before.
   */
  async find(query: CustomerQuery): Promise<BusinessPartnerBasicInfo | undefined> {
    const store = this.ready;
    if (!store) return findCustomer(this.client, query);
    const wanted: CustomerWanted = {
      businessId: checkedBusinessId(query.businessId, query.identifierType),
      finnish: query.identifierType === undefined || query.identifierType === FINNISH_BUSINESS_ID_TYPE,
      name: query.name ?? '',
    };
    if (!wanted.businessId && !wanted.name.trim()) return undefined;
    const match = () => store.derived((entries) => new CustomerMatcher(entries)).match(wanted);
    const found = match();
    if (found) return asPartner(found);
    // A reader's miss is the record lane's to look into, and to make the customer.
    if (this.reader) return undefined;
    const fresh = (await store.freshen('the customer')) ? match() : undefined;
    if (fresh || !wanted.businessId || !wanted.finnish) return fresh && asPartner(fresh);
    await store.catchUp(INACTIVE);
    const late = match();
    return late && asPartner(late);
  }

  /** Makes the customer with `create` (a POST), and adds it to the index from the answer, at no extra request. */
  async create<A extends CustomerAnswer>(create: () => Promise<A>): Promise<A> {
    this.beforeWrite('the customer');
    const answer = await create();
    this.join(toIndexedCustomer(answer));
    return answer;
  }
}
