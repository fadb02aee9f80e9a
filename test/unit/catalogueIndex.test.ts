import { helsinkiDateTime } from '../../lib/rules/dates';
import { nextSyncFrom, onlyRepeatsKnown } from '../../lib/indexes/versioned';
import { CatalogueMatcher, fromChunks, mergeProducts, toChunks, toIndexed, type IndexedProduct } from '../../lib/indexes/productEntries';

const product = (id: number, name: string, over: Partial<IndexedProduct> = {}): IndexedProduct => ({
  ...toIndexed({ id, name, unit: 'HOUR', price: 100, vat: 25.5, version: '2026-11-01T10:00:00', active: true })!,
  ...over,
});

describe('catalogue index: reading answers', () => {
  it('accepts null in every optional field of a product answer', () => {
    expect(toIndexed({ id: 7, name: 'Design sprint', code: null, unit: null, vat: null, version: null, price: null, active: null })).toEqual({
      id: 7,
      name: 'Design sprint',
      norm: 'design sprint',
      code: null,
      unit: null,
      price: null,
      vat: null,
      version: null,
      active: true,
    });
  });

  it('leaves out answers with no id or name, and purchase products', () => {
    expect(toIndexed({ id: null, name: 'X' })).toBeUndefined();
    expect(toIndexed({ id: 1, name: null })).toBeUndefined();
    expect(toIndexed({ id: 1, name: 'Paper', type: 'PURCHASE' })).toBeUndefined();
  });
});

describe('catalogue index: merging', () => {
  it('replaces a product by id with its newer or same-second version, and keeps the id order', () => {
    const index = [product(3, 'Old name'), product(1, 'One')];
    const merged = mergeProducts(index, [product(3, 'New name', { version: '2026-11-01T10:00:00' }), product(2, 'Two')]);
    expect(merged.map((p) => [p.id, p.name])).toEqual([
      [1, 'One'],
      [2, 'Two'],
      [3, 'New name'],
    ]);
  });

  it('keeps the entry when the answer is older than what the index holds', () => {
    const merged = mergeProducts([product(1, 'Newer', { version: '2026-11-02T00:00:00' })], [product(1, 'Older', { version: '2026-11-01T00:00:00' })]);
    expect(merged[0]!.name).toBe('Newer');
  });

  it('keeps a product another run added when two indexes are merged', () => {
    const theirs = [product(1, 'A'), product(5, 'Made by the other run')];
    const ours = [product(1, 'A'), product(6, 'Made by this run')];
    expect(mergeProducts(theirs, ours).map((p) => p.id)).toEqual([1, 5, 6]);
  });
});

describe('catalogue index: the next versionStartDate', () => {
  it('is the newest version seen, inclusive, after a one-page read', () => {
    expect(nextSyncFrom('2026-11-01T10:00:05', '2026-11-01T09:00:00', '2026-11-01T09:50:00', 1)).toBe('2026-11-01T10:00:05');
  });

  it('never moves back when a read finds nothing', () => {
    expect(nextSyncFrom(null, '2026-11-01T09:00:00', '2026-11-01T09:50:00', 1)).toBe('2026-11-01T09:00:00');
  });

  it('stays before the start of a read of several pages, which a change may have raced', () => {
    expect(nextSyncFrom('2026-11-01T10:00:05', '2026-11-01T09:00:00', '2026-11-01T09:50:00', 3)).toBe('2026-11-01T09:50:00');
  });

  it('writes Helsinki local time to the second, with no zone', () => {
    expect(helsinkiDateTime(new Date('2026-07-01T12:34:56.789Z'))).toBe('2026-07-01T15:34:56');
    expect(helsinkiDateTime(new Date('2026-01-01T12:34:56Z'))).toBe('2026-01-01T14:34:56');
  });
});

describe('catalogue index: chunks', () => {
  it('round-trips through chunks of a fixed size, new ids landing in the last chunk only', () => {
    const index = Array.from({ length: 2500 }, (_, i) => product(i + 1, `Product ${i}`));
    const chunks = toChunks(index, 1000);
    expect(chunks.map((c) => c.length)).toEqual([1000, 1000, 500]);
    expect(fromChunks(chunks)).toEqual(index);
    const grown = toChunks(mergeProducts(index, [product(9999, 'New one')]), 1000);
    expect(grown.slice(0, 2)).toEqual(chunks.slice(0, 2));
    expect(grown[2]).toHaveLength(501);
  });

  it('stores a product in well under 100 bytes', () => {
    const index = Array.from({ length: 1000 }, (_, i) => product(1_000_000 + i, `Consulting service number ${i}`, { code: `CS-${i}` }));
    const bytes = JSON.stringify(toChunks(index, 1000)).length;
    expect(bytes / index.length).toBeLessThan(100);
  });
});

describe('catalogue index: matching', () => {
  const index = [
    product(1, 'Design-Sprint', { unit: 'WEEK', price: 4800 }),
    product(2, 'Hosting, 12 months', { code: 'HOST-12' }),
    product(3, 'Hosting, 24 months'),
    product(4, 'Retired service', { active: false, code: 'OLD-1' }),
    product(5, 'Licence 10 users'),
  ];
  const matcher = new CatalogueMatcher(index);

  it('finds by code first, ignoring case', () => {
    expect(matcher.match({ name: 'Anything', code: 'host-12' })).toMatchObject({ product: { id: 2 }, matchedBy: 'code' });
  });

  it('reuses the product under a differently written name', () => {
    expect(matcher.match({ name: 'design sprint' })).toMatchObject({ product: { id: 1 }, matchedBy: 'name', similarity: 1 });
  });

  it('reuses the product under a plural or a typo', () => {
    expect(matcher.match({ name: 'Design sprints' })?.product.id).toBe(1);
  });

  it('keeps products apart whose names differ by a number', () => {
    expect(matcher.match({ name: 'Hosting, 36 months' })).toBeUndefined();
    expect(matcher.match({ name: 'Licence 100 users' })).toBeUndefined();
  });

  it('leaves inactive products out of matching, by code and by name', () => {
    expect(matcher.match({ name: 'Retired service', code: 'OLD-1' })).toBeUndefined();
  });

  it('matches the same products as a comparison against every product would', () => {
    const names = ['Design sprint', 'Hosting 12 months', 'Hostings, 24 months', 'Licence 10 user', 'Nothing alike', 'design-sprint'];
    const everyProduct = (name: string) => {
      let best: { id: number; s: number } | undefined;
      for (const p of index.filter((x) => x.active)) {
        const m = new CatalogueMatcher([p]).match({ name });
        if (m && (!best || m.similarity > best.s)) best = { id: p.id, s: m.similarity };
      }
      return best?.id;
    };
    expect(names.map((n) => matcher.match({ name: n })?.product.id)).toEqual(names.map(everyProduct));
  });
});

describe('incremental reads: a full newest-first page that only repeats the index', () => {
  const V = '2026-11-01T10:00:00';
  const known = new Map([1, 2, 3].map((id) => [id, V] as const));
  const page = (...versions: Array<[number, string | null]>) => versions.map(([id, version]) => ({ id, version }));

  it('ends the read when the page repeats known entries and the count is no larger than what is known', () => {
    expect(onlyRepeatsKnown(page([1, V], [2, V]), 3, known)).toBe(true);
  });

  it('reads on when the count says there is more than the index knows', () => {
    expect(onlyRepeatsKnown(page([1, V], [2, V]), 4, known)).toBe(false);
  });

  it('reads on when an entry on the page is new or changed since', () => {
    expect(onlyRepeatsKnown(page([1, V], [9, V]), 3, known)).toBe(false);
    expect(onlyRepeatsKnown(page([1, V], [2, '2026-11-01T10:00:01']), 3, known)).toBe(false);
  });

  it('reads on when a known entry off the page is older than the page: it may have changed since', () => {
    const later = '2026-11-01T10:05:00';
    const mixed = new Map(page([1, later], [2, later], [3, V]).map(({ id, version }) => [id, version]));
    expect(onlyRepeatsKnown(page([1, later], [2, later]), 3, mixed)).toBe(false);
  });

  it('ends the read when everything on the page is older than the newest version the last complete read saw', () => {
    const later = '2026-11-01T10:05:00';
    const mixed = new Map(page([1, later], [2, later], [3, V]).map(({ id, version }) => [id, version]));
    // Any change since that read would be at least 10:06:00, newer than the page's oldest entry, and on the page.
    expect(onlyRepeatsKnown(page([1, later], [2, later]), 3, mixed, '2026-11-01T10:06:00')).toBe(true);
    expect(onlyRepeatsKnown(page([1, later], [2, later]), 3, mixed, later)).toBe(false);
    expect(onlyRepeatsKnown(page([1, later], [2, '2026-11-01T10:07:00']), 3, mixed, '2026-11-01T10:06:00')).toBe(false);
  });

  it('reads on when Procountor sends no count', () => {
    expect(onlyRepeatsKnown(page([1, V], [2, V]), undefined, known)).toBe(false);
  });
});
