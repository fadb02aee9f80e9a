// A per-connection index of Procountor records (products, customers): loaded once in pages of 200, kept in step with
// one `versionStartDate` read per step (none while it is younger than a few seconds), stored in z.cache in chunks,
// and used in memory. Runs inside the invoice writer's claim, so one run of a connection reads, extends and writes it
// back at a time. What is indexed, and how a page is read, is the caller's `IndexSpec`.
import crypto from 'node:crypto';
import type { ZObject } from 'zapier-platform-core';
import { helsinkiDateTime } from '../rules/dates';
import { connectionCache } from '../zapier/cache';
import { chunked, highestVersion, mergeById, nextSyncFrom, onlyRepeatsKnown, unchunked, withoutIds, type Versioned } from './versioned';

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

/** One page as the index reads it. `next` is the cursor of the following page, null when this one was the last. */
export interface IndexPage<E> {
  entries: E[];
  totalCount?: number;
  next: number | null;
}

export interface IndexSpec<E extends Versioned, S, Q> {
  /** The manifest's z.cache key; chunks are `${key}:${i}`. */
  key: string;
  /** Entries per z.cache entry. */
  perChunk: number;
  store: (e: E) => S;
  load: (s: S) => E;
  /** The reads of a cold load, one after the other, each to its end. */
  coldPasses: Q[];
  /**
   * The incremental reads, each with its own `versionStartDate` bound: the first one every step, the others only
   * when the caller asks (`catchUp`).
   */
  streams: Q[];
  /** Whether an entry is one that stream `i` answers (for the count in `onlyRepeatsKnown`). */
  inStream: (e: E, stream: number) => boolean;
  /** Reads one page of `query` from `cursor` (null: the first page). */
  readPage: (query: Q, versionStartDate: string | undefined, cursor: number | null) => Promise<IndexPage<E>>;
  /**
   * Where Procountor orders the read by version: the first page of an incremental read, newest first. When it is
   * the whole answer, or only repeats the index (`onlyRepeatsKnown`), the read ends there; otherwise the read starts
   * over in id order, which one request more costs.
   */
  readNewestFirst?: (query: Q, versionStartDate: string) => Promise<IndexPage<E>>;
}

interface Manifest {
  token: string;
  chunks: number;
  complete: boolean;
  /** Where an unfinished cold load continues: the cursor of its next page within pass `pass`. */
  cursor: number | null;
  pass?: number;
  /** The bound of stream 0, and of the other streams in order. */
  syncFrom: string | null;
  syncFromMore?: Array<string | null>;
  /**
   * The newest version in Procountor when stream 0 was last read newest first: every change since is at least this
   * new (see onlyRepeatsKnown). Null after a cold load.
   */
  seenUpTo?: string | null;
  /** Procountor date-time before the cold load began: where its follow-up reads start. */
  loadStartedAt: string | null;
  checkedAt: number;
}

const isManifest = (v: unknown): v is Manifest =>
  !!v && typeof v === 'object' && typeof (v as Manifest).token === 'string' && Number.isInteger((v as Manifest).chunks);

export class SyncedIndex<E extends Versioned, S, Q> {
  private index: E[] = [];
  private manifest?: Manifest;
  private storedChunks: string[] = [];
  private changed = false;
  /** Grows on every change of the entries: a matcher built for another revision is stale. */
  revision = 0;
  /** Procountor requests the index itself spent this step (pages read). */
  pagesRead = 0;

  constructor(
    private readonly z: ZObject,
    private readonly spec: IndexSpec<E, S, Q>,
    private readonly startedAt: number,
  ) {}

  get complete() {
    return !!this.manifest?.complete;
  }

  get entries(): readonly E[] {
    return this.index;
  }

  private built?: { revision: number; value: unknown };

  /** What the caller builds from the entries (its matcher), built again only after they change. */
  derived<T>(build: (entries: readonly E[]) => T): T {
    if (this.built?.revision !== this.revision) this.built = { revision: this.revision, value: build(this.index) };
    return this.built.value as T;
  }

  private cache() {
    return connectionCache(this.z);
  }

  private chunkKey(i: number) {
    return `${this.spec.key}:${i}`;
  }

  private async readChunks(count: number) {
    const chunks = await Promise.all(Array.from({ length: count }, (_, i) => this.cache().get(this.chunkKey(i))));
    return chunks.every(Array.isArray) ? (chunks as S[][]) : undefined;
  }

  /** The index as this step can use it: read from z.cache, then brought up to date (or loaded) from Procountor. */
  async open() {
    try {
      const manifest = await this.cache().get(this.spec.key);
      if (isManifest(manifest)) {
        // A chunk that expired or was evicted leaves a hole no incremental read can fill: start over.
        const chunks = await this.readChunks(manifest.chunks);
        if (chunks) {
          this.index = unchunked(chunks, this.spec.load);
          this.storedChunks = chunks.map((c) => JSON.stringify(c));
          this.manifest = manifest;
        }
      }
    } catch (error) {
      this.z.console.log(`Index ${this.spec.key} unavailable in z.cache (${(error as Error).message}); reading Procountor.`);
    }
    await this.update(false);
    return this;
  }

  private touched() {
    this.changed = true;
    this.revision++;
  }

  private syncFromOf(m: Manifest, stream: number) {
    return stream === 0 ? m.syncFrom : (m.syncFromMore?.[stream - 1] ?? m.syncFrom);
  }

  private withSyncFrom(m: Manifest, stream: number, value: string | null): Manifest {
    if (stream === 0) return { ...m, syncFrom: value };
    const more = Array.from({ length: this.spec.streams.length - 1 }, (_, i) => this.syncFromOf(m, i + 1));
    more[stream - 1] = value;
    return { ...m, syncFromMore: more };
  }

  /** Reads `query` page by page from `cursor`; a budgeted read stops starting pages past the cold-load budget. */
  private async pages(query: Q, since: string | undefined, cursor: number | null, budgeted: boolean) {
    const found: E[] = [];
    let at = cursor;
    let pages = 0;
    for (;;) {
      if (budgeted && Date.now() - this.startedAt > COLD_LOAD_BUDGET_MS) return { found, pages, done: false, next: at };
      const page = await this.spec.readPage(query, since, at);
      pages++;
      this.pagesRead++;
      found.push(...page.entries);
      if (page.next === null) return { found, pages, done: true, next: null };
      at = page.next;
    }
  }

  /**
   * What changed since `from`: the newest-first page when it tells all, otherwise every page in id order. Answers,
   * besides, the newest version Procountor had when the read began, where known (`snapshot`): every later change
   * is at least that new. A read of several pages in id order keeps its next bound there, not past it.
   */
  private async changedSince(query: Q, stream: number, from: string | null): Promise<{ found: E[]; pages: number; snapshot: string | null }> {
    if (!this.spec.readNewestFirst || from === null) return { ...(await this.pages(query, from ?? undefined, null, false)), snapshot: null };
    const first = await this.spec.readNewestFirst(query, from);
    this.pagesRead++;
    const snapshot = highestVersion(first.entries);
    if (first.next === null) return { found: first.entries, pages: 1, snapshot };
    const known = new Map(this.index.filter((e) => this.spec.inStream(e, stream) && (e.version ?? '') >= from).map((e) => [e.id, e.version] as const));
    if (onlyRepeatsKnown(first.entries, first.totalCount, known, this.manifest?.seenUpTo ?? null)) return { found: first.entries, pages: 1, snapshot };
    const rest = await this.pages(query, from, null, false);
    return { found: rest.found, pages: rest.pages + 1, snapshot };
  }

  /** Reads what stream `stream` changed since its bound, and merges it. */
  private async sync(stream: number) {
    const m = this.manifest!;
    const now = Date.now();
    const from = this.syncFromOf(m, stream);
    const query = this.spec.streams[stream]!;
    const { found, pages, snapshot } = await this.changedSince(query, stream, from);
    // Without Procountor's own newest version, our clock less a margin for clocks that disagree.
    const readStartedAt = snapshot ?? helsinkiDateTime(new Date(now - READ_RACE_MARGIN_MS));
    this.index = mergeById(this.index, found);
    this.manifest = this.withSyncFrom(m, stream, nextSyncFrom(highestVersion(found), from, readStartedAt, pages));
    if (stream === 0 && snapshot) this.manifest = { ...this.manifest, seenUpTo: snapshot };
    this.touched();
  }

  /** Loads (or continues loading) a cold index, or reads what changed since the last read. */
  private async update(force: boolean) {
    const now = Date.now();
    const m = this.manifest;
    if (m?.complete) {
      if (!force && now - m.checkedAt < freshMs()) return;
      await this.sync(0);
      this.manifest = { ...this.manifest!, checkedAt: now };
      return;
    }
    const loadStartedAt = m?.loadStartedAt ?? helsinkiDateTime(new Date(now - READ_RACE_MARGIN_MS));
    let pass = m?.pass ?? 0;
    let cursor = m?.cursor ?? null;
    for (; pass < this.spec.coldPasses.length; pass++, cursor = null) {
      const read = await this.pages(this.spec.coldPasses[pass]!, undefined, cursor, true);
      this.index = mergeById(this.index, read.found);
      if (!read.done) {
        cursor = read.next;
        break;
      }
    }
    const done = pass >= this.spec.coldPasses.length;
    const seen = highestVersion(this.index);
    // The first incremental reads after the load start before it began: whatever changed meanwhile is read again.
    const syncFrom = done ? (seen && seen < loadStartedAt ? seen : loadStartedAt) : null;
    this.manifest = {
      token: m?.token ?? '',
      chunks: m?.chunks ?? 0,
      complete: done,
      cursor: done ? null : cursor,
      pass: done ? 0 : pass,
      syncFrom,
      syncFromMore: Array.from({ length: this.spec.streams.length - 1 }, () => syncFrom),
      seenUpTo: null,
      loadStartedAt: done ? null : loadStartedAt,
      checkedAt: now,
    };
    this.touched();
  }

  /** Reads the changes of stream `stream` (one of the streams not read every step), when the index is complete. */
  async catchUp(stream: number) {
    if (!this.complete) return;
    await this.sync(stream);
  }

  /** Entries made by this step join the index from their POST answers, at no extra request. */
  add(entries: E[]) {
    if (!entries.length) return;
    this.index = mergeById(this.index, entries);
    this.touched();
  }

  /** The next step reads what changed in Procountor, however recently this one did. */
  markUnread() {
    if (!this.manifest) return;
    this.manifest = { ...this.manifest, checkedAt: 0 };
    this.changed = true;
  }

  /** Entries Procountor says it no longer has leave the index, which is then read again from Procountor. */
  async forgetAndRefresh(ids: number[]) {
    this.index = withoutIds(this.index, new Set(ids));
    this.touched();
    await this.update(true);
  }

  /**
   * Writes the index back: only the chunks that changed, then the manifest. If another run wrote the index since
   * this one read it (a claim that lapsed, z.cache without a claim), its entries are merged in, never dropped.
   */
  async save() {
    if (!this.changed || !this.manifest) return;
    try {
      const current = await this.cache().get(this.spec.key);
      if (isManifest(current) && current.token !== this.manifest.token) {
        const theirs = await this.readChunks(current.chunks);
        if (theirs) {
          this.index = mergeById(unchunked(theirs, this.spec.load), this.index);
          if (current.complete && !this.manifest.complete) this.manifest = { ...current };
        }
        this.storedChunks = [];
      }
      const chunks = chunked(this.index, this.spec.perChunk, this.spec.store).map((c) => JSON.stringify(c));
      await Promise.all(
        chunks.map((text, i) => (text === this.storedChunks[i] ? undefined : this.cache().set(this.chunkKey(i), JSON.parse(text), INDEX_TTL_SECONDS))),
      );
      const manifest = { ...this.manifest, token: crypto.randomUUID(), chunks: chunks.length };
      await this.cache().set(this.spec.key, manifest, INDEX_TTL_SECONDS);
      this.manifest = manifest;
      this.storedChunks = chunks;
      this.changed = false;
    } catch (error) {
      // The next step reads Procountor again; nothing is lost but requests.
      this.z.console.log(`Could not store the index ${this.spec.key}: ${(error as Error).message}`);
    }
  }
}
