// Sales products: find by code, then by similar name (narrowed by Procountor's substring filters); create.
import { InputError } from '../zapier/errors';
import { shortenAtWord, toWindows1252 } from './charset';
import { FIELD_LIMITS } from './limits';
import { bestProductMatch, nameFilters, sameCode } from '../rules/productMatch';
import { MAX_PAGE_SIZE, type ProcountorClient, type ProductQuery } from './client';
import type { InvoiceRowUnit, Product, ProductAnswer } from './schemas';

export interface ProductWanted {
  name: string;
  code?: string;
  unit: InvoiceRowUnit;
  price?: number;
  vatPercent?: number;
  currency?: Product['currency'];
}

export interface ProductMatch {
  product: ProductAnswer;
  matchedBy: 'code' | 'name';
  similarity: number;
}

/** A narrowed search never reads more than this many pages (1,000 products) before giving up on it. */
const MAX_PAGES_PER_FILTER = 5;

/** Pages through one filtered search, stopping as soon as `enough` says the answer is in. */
const scan = async (client: ProcountorClient, filter: ProductQuery, enough: (page: ProductAnswer[]) => boolean): Promise<ProductAnswer[]> => {
  const seen: ProductAnswer[] = [];
  let previousId: number | undefined;
  for (let page = 0; page < MAX_PAGES_PER_FILTER; page++) {
    const { results } = await client.searchProducts({
      ...filter,
      type: 'SALES',
      active: true,
      orderById: 'ASC',
      size: MAX_PAGE_SIZE,
      previousId,
    });
    seen.push(...results);
    if (results.length < MAX_PAGE_SIZE || enough(results)) break;
    previousId = results.at(-1)?.id;
  }
  return seen;
};

export const findProduct = async (client: ProcountorClient, wanted: ProductWanted): Promise<ProductMatch | undefined> => {
  const code = wanted.code?.trim();
  if (code) {
    if (code.length > FIELD_LIMITS.code)
      throw new InputError(`Product code "${code.slice(0, 50)}…" is longer than Procountor's ${FIELD_LIMITS.code} characters.`);
    const byCode = await scan(client, { code }, (page) => page.some((p) => sameCode(p.code, code)));
    const exact = byCode.find((p) => sameCode(p.code, code));
    if (exact) return { product: exact, matchedBy: 'code', similarity: 1 };
  }
  const name = wanted.name?.trim();
  if (!name) return undefined;
  const wantedForMatch = { name, unit: wanted.unit, price: wanted.price };
  for (const word of nameFilters(name)) {
    const candidates = await scan(client, { name: word }, (page) => bestProductMatch(wantedForMatch, page)?.similarity === 1);
    const best = bestProductMatch(wantedForMatch, candidates);
    if (best) return { product: best.product, matchedBy: 'name', similarity: best.similarity };
  }
  return undefined;
};

/** The product as Procountor stores it: Windows-1252 text, the name within its published 100 characters (cut at a word). */
const toProduct = (wanted: ProductWanted): Product => {
  const given = wanted.name?.trim();
  if (!given) throw new InputError('The product needs a name. Map the Pricing Table line name into "Name".');
  const name = shortenAtWord(toWindows1252(given), FIELD_LIMITS.product);
  if (!name) throw new InputError(`Product name "${given}" has no characters Procountor can store (it accepts only Windows-1252). Write it in Latin letters.`);
  const code = wanted.code?.trim() ? toWindows1252(wanted.code.trim()) : undefined;
  if (code && code.length > FIELD_LIMITS.code)
    throw new InputError(`Product code "${code.slice(0, 50)}…" is longer than Procountor's ${FIELD_LIMITS.code} characters.`);
  if (wanted.price !== undefined && !Number.isFinite(wanted.price)) {
    throw new InputError(`The price of "${name}" is not a number.`);
  }
  return {
    type: 'SALES',
    name,
    code: code || undefined,
    unit: wanted.unit,
    price: wanted.price ?? 0,
    vat: wanted.vatPercent,
    discount: 0,
    active: true,
    currency: wanted.currency ?? 'EUR',
  };
};

export const createProduct = (client: ProcountorClient, wanted: ProductWanted) => client.createProduct(toProduct(wanted));
