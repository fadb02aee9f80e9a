import { nextSyncFrom, onlyRepeatsKnown } from '../../../lib/indexes/versioned';

describe('the next versionStartDate of an incremental read', () => {
  it('is the newest version seen, inclusive, after a one-page read', () => {
    expect(nextSyncFrom('2026-11-01T10:00:05', '2026-11-01T09:00:00', '2026-11-01T09:50:00', 1)).toBe('2026-11-01T10:00:05');
  });

  it('never moves back when a read finds nothing', () => {
    expect(nextSyncFrom(null, '2026-11-01T09:00:00', '2026-11-01T09:50:00', 1)).toBe('2026-11-01T09:00:00');
  });

  it('stays before the start of a read of several pages, which a change may have raced', () => {
    expect(nextSyncFrom('2026-11-01T10:00:05', '2026-11-01T09:00:00', '2026-11-01T09:50:00', 3)).toBe('2026-11-01T09:50:00');
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
