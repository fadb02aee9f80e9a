// The connection's product catalogue index: a SyncedIndex of sales products (loaded once in pages of 200, kept in
// step with `versionStartDate` reads, stored in z.cache in chunks), matched in memory. Extended and written back only
// in the company's record lane (lib/invoice/lanes.ts), one run at a time.
import type { ZObject } from 'zapier-platform-core';
import { CatalogueMatcher, fromStored, toIndexed, toStored, type IndexedProduct, type StoredProduct } from './productEntries';
import { mapSettledLimited } from '../zapier/settle';
import { MAX_PAGE_SIZE, type ProcountorClient, type ProductQuery } from '../procountor/client';
import { createProduct, findProduct, type ProductWanted } from '../procountor/products';
import type { ProductAnswer as Product } from '../procountor/schemas';
import { ConnectionIndex } from './connectionIndex';
import { SyncedIndex, type IndexMode, type IndexSpec } from './syncedIndex';

export const CATALOGUE_KEY = 'procountor:catalogue:v1';

/**
 * Products per z.cache entry. Zapier publishes no per-value size for z.cache that we could find, and rate-limits
 * z.cache writes per app in bytes per minute (zapier-platform-core's own tests), so entries stay small (about 70 KB
 * at ~70 bytes a product) and a step rewrites only the chunks that changed: usually just the last one.
 */
const PRODUCTS_PER_CHUNK = 1000;
const PRODUCTS_AT_ONCE = 6;

/** Reads products in id order after previousId, leniently (only what matching needs). */
const catalogueSpec = (client: ProcountorClient): IndexSpec<IndexedProduct, StoredProduct, ProductQuery> => ({
  key: CATALOGUE_KEY,
  perChunk: PRODUCTS_PER_CHUNK,
  store: toStored,
  load: fromStored,
  // A cold load reads active products only: the others match nothing.
  coldPasses: [{ active: true }],
  // Inactive products are read too: a product switched off must leave matching.
  streams: [{}],
  inStream: () => true,
  readNewestFirst: async (query, versionStartDate) => {
    const { results, totalCount } = await client.listProductsForCatalogue({
      ...query,
      versionStartDate,
      type: 'SALES',
      orderByVersion: 'DESC',
      size: MAX_PAGE_SIZE,
    });
    const entries = results.map(toIndexed).filter((e): e is IndexedProduct => !!e);
    const whole = results.length < MAX_PAGE_SIZE || (typeof totalCount === 'number' && totalCount <= results.length);
    return { entries, totalCount, next: whole ? null : 0 };
  },
  readPage: async (query, versionStartDate, previousId) => {
    const { results, totalCount } = await client.listProductsForCatalogue({
      ...query,
      versionStartDate,
      type: 'SALES',
      orderById: 'ASC',
      size: MAX_PAGE_SIZE,
      previousId: previousId ?? undefined,
    });
    const entries = results.map(toIndexed).filter((e): e is IndexedProduct => !!e);
    const lastId = results.at(-1)?.id;
    // A full last page would cost one more, empty, page; the count can save it. Procountor does not say whether
    // totalCount counts from previousId or from the start, and only a count no larger than this page means
    // "nothing after it" under both readings (comparing it with all pages read would stop early under the first).
    const counted = typeof totalCount === 'number' && totalCount <= results.length;
    const last = results.length < MAX_PAGE_SIZE || counted || typeof lastId !== 'number';
    return { entries, totalCount, next: last ? null : lastId };
  },
});

export class Catalogue extends ConnectionIndex<IndexedProduct, StoredProduct, ProductQuery> {
  /** The index as this step can use it: read from z.cache, then brought up to date (or loaded) from Procountor. */
  static async open(z: ZObject, client: ProcountorClient, startedAt = Date.now(), mode: IndexMode = {}) {
    return new Catalogue(client, await new SyncedIndex(z, catalogueSpec(client), startedAt, mode).open(), mode.reader);
  }

  /** No index: every product is looked up in Procountor, as before the index (PROCOUNTOR_CATALOGUE_INDEX=off). */
  static without(client: ProcountorClient, mode: IndexMode = {}) {
    return new Catalogue(client, undefined, mode.reader);
  }

  /** Finds each wanted product in the index (or, while it is incomplete, in Procountor) and creates the rest. */
  async findOrCreate<K>(wanted: Array<[K, ProductWanted]>): Promise<Array<readonly [K, Product, boolean]>> {
    const store = this.ready;
    if (!store) {
      return mapSettledLimited(wanted, PRODUCTS_AT_ONCE, async ([key, w]) => {
        const found = await findProduct(this.client, w);
        if (found) return [key, found.product, false] as const;
        return [key, await this.created(w), true] as const;
      });
    }
    const matcher = () => store.derived((entries) => new CatalogueMatcher(entries));
    const match = (w: ProductWanted) => matcher().match({ name: w.name, code: w.code, unit: w.unit, price: w.price });
    // A product not found is made only after the index read Procountor's changes within INDEX_FRESH_MS.
    const missing = wanted.find(([, w]) => !match(w));
    if (missing) await store.freshen(`the product ${missing[1].name}`);
    return mapSettledLimited(wanted, PRODUCTS_AT_ONCE, async ([key, w]) => {
      const found = match(w);
      if (found) return [key, asProduct(found.product), false] as const;
      return [key, await this.created(w), true] as const;
    });
  }

  private async created(w: ProductWanted) {
    this.beforeWrite(`the product ${w.name}`);
    const product = await createProduct(this.client, w);
    this.join(toIndexed(product));
    return product;
  }

  /** Products Procountor says it no longer has leave the index, which is then read again from Procountor. */
  async forgetAndRefresh(ids: number[]) {
    await this.store?.forgetAndRefresh(ids);
  }
}

const asProduct = (p: IndexedProduct): Product =>
  ({
    id: p.id,
    type: 'SALES',
    name: p.name,
    code: p.code,
    unit: p.unit ?? undefined,
    price: p.price ?? 0,
    vat: p.vat ?? undefined,
    discount: 0,
    active: p.active,
    currency: 'EUR',
    version: p.version ?? undefined,
  }) as Product;
