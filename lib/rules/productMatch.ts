// "A new product is saved only if no similar product can be found": what "similar" means.

/**
 * Case, punctuation, whitespace and Nordic letters do not make a product different:
 * "Design-sprint", "design sprint " and "DESIGN SPRINT" are one product; å/ä -> a, ö/ø -> o.
 */
export const normaliseProductName = (name: string): string =>
  name
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** Product codes are the same when they are equal ignoring case and spacing at the ends; no code matches nothing. */
export const sameCode = (a?: string | null, b?: string | null) => !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();

const numbersIn = (normalised: string) => (normalised.match(/\d+/g) ?? []).join(' ');

const bigrams = (text: string): Map<string, number> => {
  const compact = text.replace(/ /g, '');
  const counts = new Map<string, number>();
  if (compact.length === 1) counts.set(compact, 1);
  for (let i = 0; i < compact.length - 1; i++) {
    const gram = compact.slice(i, i + 2);
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
};

/**
 * Sørensen-Dice similarity of character bigrams of the normalised names, 0..1. Dice on bigrams forgives a
 * plural or a typo ("Design sprints") but keeps numbers apart ("Hosting 12 months" vs "Hosting 24 months").
 * Our own 20 lines: the npm string-similarity packages are unmaintained, and we need the normalisation anyway.
 */
export const productNameSimilarity = (a: string, b: string): number => {
  const left = normaliseProductName(a);
  const right = normaliseProductName(b);
  if (!left || !right) return 0;
  if (left === right) return 1;
  // "Licence 10 users" and "Licence 100 users" differ by one bigram but are different products.
  if (numbersIn(left) !== numbersIn(right)) return 0;
  const x = bigrams(left);
  const y = bigrams(right);
  let shared = 0;
  for (const [gram, count] of x) shared += Math.min(count, y.get(gram) ?? 0);
  const total = [...x.values(), ...y.values()].reduce((s, n) => s + n, 0);
  return total ? (2 * shared) / total : 0;
};

/** Names at least this similar are the same product. Chosen so plurals and typos match and numbers do not. */
export const SIMILARITY_THRESHOLD = 0.85;

export interface Candidate {
  name: string;
  unit?: string | null;
  price?: number | null;
}

const isGreater = (a: number[], b: number[]) => {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! > b[i]!;
  return false;
};

/**
 * The most similar candidate above the threshold; among equally similar ones, the one with the same unit,
 * then the same price.
 */
export const bestProductMatch = <T extends Candidate>(
  wanted: { name: string; unit?: string; price?: number },
  candidates: T[],
): { product: T; similarity: number } | undefined => {
  let best: { product: T; similarity: number; rank: number[] } | undefined;
  for (const product of candidates) {
    const similarity = productNameSimilarity(wanted.name, product.name);
    if (similarity < SIMILARITY_THRESHOLD) continue;
    const rank = [
      Math.round(similarity * 1000),
      wanted.unit && product.unit === wanted.unit ? 1 : 0,
      wanted.price !== undefined && product.price === wanted.price ? 1 : 0,
    ];
    if (!best || isGreater(rank, best.rank)) best = { product, similarity, rank };
  }
  return best && { product: best.product, similarity: best.similarity };
};

/**
 * What to hand Procountor's name substring filter, in order: the whole name (finds the same name in one request),
 * then its two longest words (find "Design Sprint" from "Design-sprint"). As typed: Procountor compares raw text.
 */
export const nameFilters = (name: string): string[] => {
  const whole = name.trim().replace(/\s+/g, ' ');
  const words = [...new Set(whole.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 3))].sort((a, b) => b.length - a.length);
  return [...new Set([whole, ...words.slice(0, 2)])].filter(Boolean);
};
