import { CatalogueMatcher, fromChunks, mergeProducts, toChunks, toIndexed, type IndexedProduct } from '../../../lib/indexes/productEntries';

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
