// What the per-connection indexes (products, customers) share, as pure code: entries merged by id and version, cut
// into stored chunks, and the bounds of the next incremental `versionStartDate` read.

/** An entry of an index: Procountor's id and `version` (`YYYY-MM-DDTHH:MM:SS`, second resolution; null when none). */
export interface Versioned {
  id: number;
  version: string | null;
}

/** Versions compare as text: `YYYY-MM-DDTHH:MM:SS` sorts in time order. A missing version is the oldest. */
const newerOrSame = (a: string | null, b: string | null) => (a ?? '') >= (b ?? '');

/**
 * Merges answers into the index by id. An answer replaces the entry unless the entry is strictly newer, so an
 * answer of the same second (Procountor's resolution) wins. Sorted by id, the order chunks and matching rely on.
 */
export const mergeById = <E extends Versioned>(index: readonly E[], answers: readonly E[]): E[] => {
  const byId = new Map(index.map((e) => [e.id, e]));
  for (const answer of answers) {
    const known = byId.get(answer.id);
    if (!known || newerOrSame(answer.version, known.version)) byId.set(answer.id, answer);
  }
  return [...byId.values()].sort((a, b) => a.id - b.id);
};

/** The entry with `id` in an id-sorted index. */
const byId = <E extends Versioned>(index: readonly E[], id: number): E | undefined => {
  let low = 0;
  let high = index.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const e = index[mid]!;
    if (e.id === id) return e;
    if (e.id < id) low = mid + 1;
    else high = mid - 1;
  }
  return undefined;
};

/**
 * Whether merging `answers` into the id-sorted `index` (mergeById) would leave it as it is: every answer is an entry
 * the index holds, the same (`same`) or older. An inclusive `versionStartDate` read answers again the entries of its
 * bound's second; such a read changes nothing, and nothing need be written.
 */
export const changesNothing = <E extends Versioned>(index: readonly E[], answers: readonly E[], same: (a: E, b: E) => boolean) =>
  answers.every((answer) => {
    const known = byId(index, answer.id);
    return !!known && (!newerOrSame(answer.version, known.version) || same(answer, known));
  });

/** The entries in id order: `entries` itself when they are in order already (chunks read one after the other). */
export const inIdOrder = <E extends Versioned>(entries: E[]): E[] => {
  for (let i = 1; i < entries.length; i++) if (entries[i - 1]!.id >= entries[i]!.id) return mergeById([], entries);
  return entries;
};

export const withoutIds = <E extends Versioned>(index: readonly E[], ids: ReadonlySet<number>) => index.filter((e) => !ids.has(e.id));

export const highestVersion = (entries: readonly Versioned[]): string | null =>
  entries.reduce<string | null>((max, e) => (e.version && (!max || e.version > max) ? e.version : max), null);

/** Cuts the id-sorted index into stored chunks; new entries (higher ids) land in the last chunk only. */
export const chunked = <E, S>(index: readonly E[], perChunk: number, store: (e: E) => S): S[][] => {
  const chunks: S[][] = [];
  for (let i = 0; i < index.length; i += perChunk) chunks.push(index.slice(i, i + perChunk).map(store));
  return chunks;
};

export const unchunked = <E extends Versioned, S>(chunks: readonly S[][], load: (s: S) => E): E[] =>
  chunks
    .flat()
    .map(load)
    .sort((a, b) => a.id - b.id);

/**
 * Whether the first page of an inclusive `versionStartDate` read, asked newest version first, is all there is to
 * read although it is full. Such a page holds every entry newer than its oldest one. The index already holds every
 * entry of the read's kind at or after the bound (`known`, id to the version the index has): each is still in the
 * answer, at that version or a later one, since versions only grow. First of all the page must only repeat known
 * entries at the versions the index has (nothing on it changed). Then either
 * - `seenUpTo`, the newest version Procountor had at the last read that saw everything, is newer than the oldest
 *   entry on the page: every change since that read is at least `seenUpTo`, so newer than that oldest entry, and
 *   would be on the page; or
 * - every known entry off the page is at least as new as the oldest one on it (a known entry changed since would be
 *   newer than its known version, so on the page), and Procountor's count of the whole answer (on a first page it
 *   counts from the start under any reading of totalCount) is no larger than what is known: no entry the index does
 *   not know is in the answer. This is the case of 200 entries written in one second, which would otherwise cost a
 *   second page on every read. (A record deleted, or moved out of the read's kind, since the last read could hide a
 *   new entry from the count; Procountor's API offers no product deletion.)
 */
export const onlyRepeatsKnown = (
  newestFirst: readonly Versioned[],
  totalCount: number | undefined,
  known: ReadonlyMap<number, string | null>,
  seenUpTo: string | null = null,
): boolean => {
  if (!newestFirst.length || !newestFirst.every((e) => known.has(e.id) && known.get(e.id) === e.version)) return false;
  const oldestOnPage = newestFirst.reduce<string>((min, e) => ((e.version ?? '') < min ? (e.version ?? '') : min), '\uffff');
  if (seenUpTo !== null && oldestOnPage < seenUpTo) return true;
  if (typeof totalCount !== 'number' || totalCount > known.size) return false;
  const onPage = new Set(newestFirst.map((e) => e.id));
  for (const [id, version] of known) if (!onPage.has(id) && (version ?? '') < oldestOnPage) return false;
  return true;
};

/**
 * The `versionStartDate` for the next incremental read. Procountor does not say whether the bound is inclusive;
 * we assume inclusive and merge by id, so an entry changed in the same second as the newest one seen is read
 * again rather than missed. A read of several pages can race a change to an entry already read: its new version
 * may be older than the newest seen on a later page, so the bound is also kept before the read began.
 */
export const nextSyncFrom = (seen: string | null, previous: string | null, readStartedAt: string | null, pages: number) => {
  const newest = seen && (!previous || seen > previous) ? seen : previous;
  if (pages <= 1 || !readStartedAt || !newest) return newest;
  return readStartedAt < newest ? readStartedAt : newest;
};
