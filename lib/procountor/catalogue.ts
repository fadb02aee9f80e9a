// The connection's product catalogue index: loaded once in pages of 200, kept in step with one `versionStartDate`
// read per step, stored in z.cache in chunks, and matched in memory. Runs inside the invoice writer's claim, so one
// run of a connection reads, extends and writes it back at a time.
import crypto from 'node:crypto';
import type { ZObject } from 'zapier-platform-core';
import {
  CatalogueMatcher,
  fromChunks,
  highestVersion,
  mergeProducts,
  nextSyncFrom,
  procountorDateTime,
  toChunks,
  toIndexed,
  withoutIds,
  type IndexedProduct,
  type StoredProduct,
} from '../catalogueIndex';
import { connectionCache } from '../connectionCache';
import { mapSettledLimited } from '../settle';
import { MAX_PAGE_SIZE, type ProcountorClient, type ProductQuery } from './client';
import { createProduct, findProduct, type ProductWanted } from './products';
import type { Invoice, InvoiceAnswer, ProductAnswer as Product } from './schemas';

const MANIFEST_KEY = 'procountor:catalogue:v1';
const chunkKey = (i: number) => `${MANIFEST_KEY}:${i}`;

/**
 * Products per z.cache entry. Zapier publishes no per-value size for z.cache that we could find, and rate-limits
 * z.cache writes per app in bytes per minute (zapier-platform-core's own tests), so entries stay small (about 70 KB
 * at ~70 bytes a product) and a step rewrites only the chunks that changed: usually just the last one.
 */
export const PRODUCTS_PER_CHUNK = 1000;
/** The index outlives quiet weeks; an incremental read brings it up to date whatever its age. */
const INDEX_TTL_SECONDS = 14 * 24 * 3600;
/** An index read this recently is trusted without asking Procountor (runs of one connection in a burst). */
export const INDEX_FRESH_MS = 5_000;
/** PROCOUNTOR_INDEX_FRESH_MS overrides it (the benchmark sets 0 to count the read every step makes at worst). */
const freshMs = () => {
  const configured = Number(process.env.PROCOUNTOR_INDEX_FRESH_MS);
  return process.env.PROCOUNTOR_INDEX_FRESH_MS !== undefined && Number.isFinite(configured) ? configured : INDEX_FRESH_MS;
};
/**
 * A cold load stops starting pages this long into the step and continues in the next step, so a 50,000-product
 * catalogue (250 pages) never pushes a step past Zapier's 30 s; until it is complete, lookups go to Procountor.
 */
export const COLD_LOAD_BUDGET_MS = 8_000;
/** How far before a multi-page read began its bound is kept, for clocks that disagree (see nextSyncFrom). */
const READ_RACE_MARGIN_MS = 10 * 60_000;
const PRODUCTS_AT_ONCE = 6;

interface Manifest {
  token: string;
  chunks: number;
  complete: boolean;
  /** The last id read by an unfinished cold load. */
  cursor: number | null;
  syncFrom: string | null;
  /** Procountor date-time before the cold load began: where its follow-up read starts. */
  loadStartedAt: string | null;
  checkedAt: number;
}

const isManifest = (v: unknown): v is Manifest =>
  !!v && typeof v === 'object' && typeof (v as Manifest).token === 'string' && Number.isInteger((v as Manifest).chunks);

export interface CatalogueStats {
  /** Procountor requests the index itself spent this step (pages read). */
  pagesRead: number;
  complete: boolean;
  size: number;
}

export class Catalogue {
  private index: IndexedProduct[] = [];
  private matcher?: CatalogueMatcher;
  private manifest?: Manifest;
  private storedChunks: string[] = [];
  private changed = false;
  pagesRead = 0;

  private constructor(
    private readonly z: ZObject,
    private readonly client: ProcountorClient,
    private readonly startedAt: number,
  ) {}

  /** The index as this step can use it: read from z.cache, then brought up to date (or loaded) from Procountor. */
  static async open(z: ZObject, client: ProcountorClient, startedAt = Date.now()) {
    const catalogue = new Catalogue(z, client, startedAt);
    await catalogue.read();
    await catalogue.update(false);
    return catalogue;
  }

  /** No index: every product is looked up in Procountor, as before the index (PROCOUNTOR_CATALOGUE_INDEX=off). */
  static without(z: ZObject, client: ProcountorClient) {
    return new Catalogue(z, client, Date.now());
  }

  get complete() {
    return !!this.manifest?.complete;
  }

  get size() {
    return this.index.length;
  }

  private cache() {
    return connectionCache(this.z);
  }

  private async read() {
    try {
      const manifest = await this.cache().get(MANIFEST_KEY);
      if (!isManifest(manifest)) return;
      const chunks = await Promise.all(Array.from({ length: manifest.chunks }, (_, i) => this.cache().get(chunkKey(i))));
      // A chunk that expired or was evicted leaves a hole no incremental read can fill: start over.
      if (chunks.some((c) => !Array.isArray(c))) return;
      this.index = fromChunks(chunks as StoredProduct[][]);
      this.storedChunks = chunks.map((c) => JSON.stringify(c));
      this.manifest = manifest;
    } catch (error) {
      this.z.console.log(`Catalogue index unavailable in z.cache (${(error as Error).message}); reading Procountor.`);
    }
  }

  private async pages(query: ProductQuery, from: number | null, budgeted: boolean) {
    const found: IndexedProduct[] = [];
    let previousId = from ?? undefined;
    let pages = 0;
    for (;;) {
      if (budgeted && Date.now() - this.startedAt > COLD_LOAD_BUDGET_MS) return { found, pages, done: false, last: previousId ?? null };
      const { results: page, totalCount } = await this.client.listProductsForCatalogue({ ...query, type: 'SALES', orderById: 'ASC', size: MAX_PAGE_SIZE, previousId });
      pages++;
      this.pagesRead++;
      for (const answer of page) {
        const entry = toIndexed(answer);
        if (entry) found.push(entry);
      }
      const lastId = page.at(-1)?.id;
      // A full last page would cost one more, empty, page; the count can save it. Procountor does not say whether
      // totalCount counts from previousId or from the start, and only a count no larger than this page means
      // "nothing after it" under both readings (comparing it with all pages read would stop early under the first).
      const counted = typeof totalCount === 'number' && totalCount <= page.length;
      if (page.length < MAX_PAGE_SIZE || counted || typeof lastId !== 'number') return { found, pages, done: true, last: lastId ?? previousId ?? null };
      previousId = lastId;
    }
  }

  /** Loads (or continues loading) a cold index, or reads what changed since the last read. */
  private async update(force: boolean) {
    const now = Date.now();
    const m = this.manifest;
    if (m?.complete) {
      if (!force && now - m.checkedAt < freshMs()) return;
      const readStartedAt = procountorDateTime(new Date(now - READ_RACE_MARGIN_MS));
      // Inactive products are read too: a product switched off must leave matching.
      const { found, pages } = await this.pages({ versionStartDate: m.syncFrom ?? undefined }, null, false);
      this.index = mergeProducts(this.index, found);
      this.manifest = { ...m, syncFrom: nextSyncFrom(highestVersion(found), m.syncFrom, readStartedAt, pages), checkedAt: now };
      this.changed = true;
      this.matcher = undefined;
      return;
    }
    const loadStartedAt = m?.loadStartedAt ?? procountorDateTime(new Date(now - READ_RACE_MARGIN_MS));
    const { found, done, last } = await this.pages({ active: true }, m?.cursor ?? null, true);
    this.index = mergeProducts(this.index, found);
    const seen = highestVersion(this.index);
    this.manifest = {
      token: m?.token ?? '',
      chunks: m?.chunks ?? 0,
      complete: done,
      cursor: done ? null : last,
      // The first incremental read after the load starts before it began: whatever changed meanwhile is read again.
      syncFrom: done ? (seen && seen < loadStartedAt ? seen : loadStartedAt) : null,
      loadStartedAt: done ? null : loadStartedAt,
      checkedAt: now,
    };
    this.changed = true;
    this.matcher = undefined;
  }

  /** Finds each wanted product in the index (or, while it is incomplete, in Procountor) and creates the rest. */
  async findOrCreate<K>(wanted: Array<[K, ProductWanted]>): Promise<Array<readonly [K, Product, boolean]>> {
    if (!this.complete) {
      return mapSettledLimited(wanted, PRODUCTS_AT_ONCE, async ([key, w]) => {
        const found = await findProduct(this.client, w);
        if (found) return [key, found.product, false] as const;
        return [key, await this.created(w), true] as const;
      });
    }
    this.matcher ??= new CatalogueMatcher(this.index);
    const matcher = this.matcher;
    return mapSettledLimited(wanted, PRODUCTS_AT_ONCE, async ([key, w]) => {
      const found = matcher.match({ name: w.name, code: w.code, unit: w.unit, price: w.price });
      if (found) return [key, asProduct(found.product), false] as const;
      return [key, await this.created(w), true] as const;
    });
  }

  /** A product made by this step joins the index from its POST answer, at no extra request. */
  private async created(w: ProductWanted) {
    const product = await createProduct(this.client, w);
    const entry = toIndexed(product);
    if (entry) {
      this.index = mergeProducts(this.index, [entry]);
      this.changed = true;
      this.matcher = undefined;
    }
    return product;
  }

  /** The next step reads what changed in Procountor, however recently this one did. */
  markUnread() {
    if (!this.manifest) return;
    this.manifest = { ...this.manifest, checkedAt: 0 };
    this.changed = true;
  }

  /** Products Procountor says it no longer has leave the index, which is then read again from Procountor. */
  async forgetAndRefresh(ids: number[]) {
    this.index = withoutIds(this.index, new Set(ids));
    this.changed = true;
    this.matcher = undefined;
    await this.update(true);
  }

  /**
   * Writes the index back: only the chunks that changed, then the manifest. If another run wrote the index since
   * this one read it (a claim that lapsed, z.cache without a claim), its products are merged in, never dropped.
   */
  async save() {
    if (!this.changed || !this.manifest) return;
    try {
      const current = await this.cache().get(MANIFEST_KEY);
      if (isManifest(current) && current.token !== this.manifest.token) {
        const theirs = await Promise.all(Array.from({ length: current.chunks }, (_, i) => this.cache().get(chunkKey(i))));
        if (theirs.every(Array.isArray)) {
          this.index = mergeProducts(fromChunks(theirs as StoredProduct[][]), this.index);
          if (current.complete && !this.manifest.complete) this.manifest = { ...current };
        }
        this.storedChunks = [];
      }
      const chunks = toChunks(this.index, PRODUCTS_PER_CHUNK).map((c) => JSON.stringify(c));
      await Promise.all(
        chunks.map((text, i) => (text === this.storedChunks[i] ? undefined : this.cache().set(chunkKey(i), JSON.parse(text), INDEX_TTL_SECONDS))),
      );
      const manifest = { ...this.manifest, token: crypto.randomUUID(), chunks: chunks.length };
      await this.cache().set(MANIFEST_KEY, manifest, INDEX_TTL_SECONDS);
      this.manifest = manifest;
      this.storedChunks = chunks;
      this.changed = false;
    } catch (error) {
      // The next step reads Procountor again; nothing is lost but requests.
      this.z.console.log(`Could not store the catalogue index: ${(error as Error).message}`);
    }
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

/** The product ids of the invoice rows Procountor's 400/404 names as not existing (`invoiceRows[i].productId`). */
export const staleProductIds = (error: unknown, rows: ReadonlyArray<{ productId?: number | null }>): number[] => {
  // Zapier's error classes carry {message, code, status} as JSON in their message.
  let answer: { message?: string; status?: number } = {};
  try {
    answer = JSON.parse(String((error as Error)?.message ?? ''));
  } catch {
    return [];
  }
  if (answer?.status !== 400 && answer?.status !== 404) return [];
  const ids = [...String(answer.message ?? '').matchAll(/invoiceRows\[(\d+)\]\.productId/g)].map((m) => rows[Number(m[1])]?.productId);
  return [...new Set(ids.filter((id): id is number => typeof id === 'number'))];
};

type Found<K> = Array<readonly [K, Product, boolean]>;

/**
 * Sends the invoice; when Procountor answers that a row's product does not exist (the index named a product
 * removed since), drops those products from the index, reads it again, matches again and sends once more.
 */
export const retryingStaleProducts = async <K>(
  catalogue: Catalogue,
  wanted: Array<[K, ProductWanted]>,
  products: Found<K>,
  draftWith: (productByKey: Map<K, Product>) => Invoice,
  send: (draft: Invoice) => Promise<InvoiceAnswer>,
): Promise<{ created: InvoiceAnswer; products: Found<K> }> => {
  const byKey = (found: Found<K>) => new Map(found.map(([key, product]) => [key, product]));
  const draft = draftWith(byKey(products));
  try {
    return { created: await send(draft), products };
  } catch (error) {
    const stale = staleProductIds(error, draft.invoiceRows ?? []);
    if (!stale.length) throw error;
    await catalogue.forgetAndRefresh(stale);
    const again = await catalogue.findOrCreate(wanted);
    return { created: await send(draftWith(byKey(again))), products: again };
  }
};

/**
 * Runs `work` with the connection's catalogue index at hand (opened when `work` asks, so its read joins the step's
 * other first reads) and writes it back afterwards: also after a failure, so products made before the failure are
 * in the index the retry reads. PROCOUNTOR_CATALOGUE_INDEX=off looks every product up in Procountor instead.
 */
export const withCatalogue = async <T>(
  z: ZObject,
  client: ProcountorClient,
  startedAt: number,
  work: (openCatalogue: () => Promise<Catalogue>) => Promise<T>,
): Promise<T> => {
  let opened: Catalogue | undefined;
  const open = async () => {
    opened = process.env.PROCOUNTOR_CATALOGUE_INDEX === 'off' ? Catalogue.without(z, client) : await Catalogue.open(z, client, startedAt);
    return opened;
  };
  try {
    return await work(open);
  } catch (error) {
    // A POST whose answer was lost may still have made its product: the retry must read Procountor, not trust a
    // freshly read index.
    opened?.markUnread();
    throw error;
  } finally {
    await opened?.save();
  }
};
