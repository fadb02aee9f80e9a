// The per-connection catalogue index, as pure code: what is kept of each product, how answers merge into it,
// how it is cut into z.cache entries, and how a wanted product is matched against it in memory.
import { bestProductMatch, normaliseProductName, sameCode } from '../rules/productMatch';
import { chunked, mergeById, unchunked } from './versioned';

/** One sales product as the index keeps it. `norm` is derived on load, never stored. */
export interface IndexedProduct {
  id: number;
  name: string;
  norm: string;
  code: string | null;
  unit: string | null;
  price: number | null;
  vat: number | null;
  /** Procountor's `YYYY-MM-DDTHH:MM:SS` (second resolution, no zone); null when Procountor sent none. */
  version: string | null;
  active: boolean;
}

/** What a product answer may look like: every optional field may be absent or null. */
export interface ProductAnswer {
  id?: number | null;
  name?: string | null;
  code?: string | null;
  unit?: string | null;
  price?: number | null;
  vat?: number | null;
  version?: string | null;
  active?: boolean | null;
  type?: string | null;
}

/**
 * Stored form: a tuple per product. Field names repeated 50,000 times would double the index's size in z.cache;
 * the order is fixed here and nowhere else.
 */
export type StoredProduct = [number, string, string | null, string | null, number | null, number | null, string | null, 0 | 1];

export const toStored = (p: IndexedProduct): StoredProduct => [p.id, p.name, p.code, p.unit, p.price, p.vat, p.version, p.active ? 1 : 0];

export const fromStored = (s: StoredProduct): IndexedProduct => ({
  id: s[0],
  name: s[1],
  norm: normaliseProductName(s[1]),
  code: s[2],
  unit: s[3],
  price: s[4],
  vat: s[5],
  version: s[6],
  active: s[7] === 1,
});

/** A product answer as an index entry; undefined for answers without an id or a name (nothing to match on). */
export const toIndexed = (answer: ProductAnswer): IndexedProduct | undefined => {
  if (typeof answer.id !== 'number' || !answer.name) return undefined;
  if (answer.type && answer.type !== 'SALES') return undefined;
  return {
    id: answer.id,
    name: answer.name,
    norm: normaliseProductName(answer.name),
    code: answer.code?.trim() || null,
    unit: answer.unit ?? null,
    price: answer.price ?? null,
    vat: answer.vat ?? null,
    version: answer.version ?? null,
    // Procountor omits nothing it knows; a missing flag is read as active, as the product register shows it.
    active: answer.active !== false,
  };
};

/** Merges product answers into the index by id (see mergeById). */
export const mergeProducts = (index: readonly IndexedProduct[], answers: readonly IndexedProduct[]): IndexedProduct[] => mergeById(index, answers);

/** Cuts the id-sorted index into stored chunks; new products (higher ids) land in the last chunk only. */
export const toChunks = (index: readonly IndexedProduct[], perChunk: number): StoredProduct[][] => chunked(index, perChunk, toStored);

export const fromChunks = (chunks: readonly StoredProduct[][]): IndexedProduct[] => unchunked(chunks, fromStored);

/** Words of a normalised name, cut to their first four letters: "sprints" and "sprint" meet, so do most typos. */
const stems = (norm: string) => [
  ...new Set(
    norm
      .split(' ')
      .filter((w) => w.length >= 3)
      .map((w) => w.slice(0, 4)),
  ),
];

/**
 * The index in memory, with lookups built once per step: by code, by normalised name, and by word stem so a
 * similar name is compared against the few products that share a word with it instead of the whole catalogue.
 */
export class CatalogueMatcher {
  private readonly byCode = new Map<string, IndexedProduct>();
  private readonly byNorm = new Map<string, IndexedProduct[]>();
  private readonly byStem = new Map<string, IndexedProduct[]>();
  private readonly active: IndexedProduct[];

  constructor(index: readonly IndexedProduct[]) {
    this.active = index.filter((p) => p.active);
    for (const p of this.active) {
      const code = p.code?.trim().toLowerCase();
      if (code && !this.byCode.has(code)) this.byCode.set(code, p);
      this.add(this.byNorm, p.norm, p);
      for (const stem of stems(p.norm)) this.add(this.byStem, stem, p);
    }
  }

  private add(map: Map<string, IndexedProduct[]>, key: string, p: IndexedProduct) {
    const list = map.get(key);
    if (list) list.push(p);
    else map.set(key, [p]);
  }

  /** Code first (exact, ignoring case), then the most similar name, as `findProduct` does against Procountor. */
  match(wanted: {
    name: string;
    code?: string;
    unit?: string;
    price?: number;
  }): { product: IndexedProduct; matchedBy: 'code' | 'name'; similarity: number } | undefined {
    const code = wanted.code?.trim();
    if (code) {
      const byCode = this.byCode.get(code.toLowerCase());
      if (byCode && sameCode(byCode.code, code)) return { product: byCode, matchedBy: 'code', similarity: 1 };
    }
    const name = wanted.name?.trim();
    if (!name) return undefined;
    const norm = normaliseProductName(name);
    const forMatch = { name, unit: wanted.unit, price: wanted.price };
    const same = this.byNorm.get(norm);
    if (same?.length) {
      const best = bestProductMatch(forMatch, same);
      if (best) return { product: best.product, matchedBy: 'name', similarity: best.similarity };
    }
    const keys = stems(norm);
    // A name of short words only has no stems to narrow by; the whole catalogue is compared, which is rare.
    const candidates = keys.length ? [...new Set(keys.flatMap((k) => this.byStem.get(k) ?? []))].sort((a, b) => a.id - b.id) : this.active;
    const best = bestProductMatch(forMatch, candidates);
    return best && { product: best.product, matchedBy: 'name', similarity: best.similarity };
  }
}
