// A per-connection index of Procountor records (products, customers): loaded once in pages of 200, kept in step with
// `versionStartDate` reads (none while what it finds was read less than a minute ago; before anything is made, none
// older than a few seconds), stored in z.cache in chunks, and used in memory. The company's record lane
// (lib/invoice/lanes.ts) reads, extends and writes it back, one run at a time; a step in another lane only reads it
// (`reader`), and hands over to the record lane whatever would change it. What is indexed, and how a page is read, is
// the caller's `IndexSpec`.
//
// What a step costs in z.cache: the manifest is read every step; a chunk only when this container does not hold it
// already under the id the manifest lists (heldIndexes.ts), all at once. Only what changed is written: the chunks
// whose entries changed, and the manifest when the entries or the bounds of the next read changed. A read of
// Procountor that found nothing new writes nothing; the container remembers when it read.
import crypto from 'node:crypto';
import type { ZObject } from 'zapier-platform-core';
import { helsinkiDateTime } from '../rules/dates';
import { companyCache } from '../zapier/cache';
import { indexFreshMs, indexTrustMs } from '../zapier/config';
import { connectionOf } from '../zapier/connectionMemory';
import { dropHeldIndex, heldIndex, holdIndex } from './heldIndexes';
import { changesNothing, chunked, highestVersion, inIdOrder, mergeById, nextSyncFrom, onlyRepeatsKnown, withoutIds, type Versioned } from './versioned';

/** The index outlives quiet weeks; an incremental read brings it up to date whatever its age. */
const INDEX_TTL_SECONDS = 14 * 24 * 3600;
/**
 * Before a step makes a product or customer the index did not find, the index must have been read from Procountor
 * this recently (one made by hand in the meantime is then found, not made twice).
 */
export const INDEX_FRESH_MS = 5_000;
/**
 * What the index finds is trusted this long after its last read of Procountor: a product or customer found is used,
 * and a record changed by hand within it is seen by the steps after. Reading changes every few seconds instead cost
 * each company about 0.4 requests a second, of the 20 that every company on the app shares (issue 27).
 */
export const INDEX_TRUST_MS = 60_000;
/** PROCOUNTOR_INDEX_FRESH_MS overrides it (the benchmark sets 0 to count the read every step makes at worst). */
const freshMs = () => indexFreshMs(INDEX_FRESH_MS);
/** 0 when PROCOUNTOR_INDEX_FRESH_MS is 0: then every step reads Procountor's changes. */
const trustMs = () => (freshMs() === 0 ? 0 : Math.max(freshMs(), indexTrustMs(INDEX_TRUST_MS)));

/**
 * Thrown by an index opened as a reader when the step needs what only the company's record lane may do: load the
 * index, make a product or customer, or forget one Procountor no longer has.
 */
export class NeedsRecordLane extends Error {
  constructor(what: string) {
    super(`This step needs the company's record lane: ${what}.`);
    this.name = 'NeedsRecordLane';
  }
}

export interface IndexMode {
  /** A step that only reads the index: it never writes it back, and hands loads and misses to the record lane. */
  reader?: boolean;
  /** The same index as this step's reader opened it: taken over when nobody wrote the index since. */
  after?: object;
}
/**
 * A cold load stops starting pages this long into the step and continues in the next step, so a 50,000-product
 * catalogue (250 pages) never pushes a step past Zapier's 30 s; until it is complete, lookups go to Procountor.
 */
const COLD_LOAD_BUDGET_MS = 8_000;
/** How far before a multi-page read began its bound is kept, for clocks that disagree (see nextSyncFrom). */
const READ_RACE_MARGIN_MS = 10 * 60_000;

/** One page as the index reads it. `next` is the cursor of the following page, null when this one was the last. */
interface IndexPage<E> {
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
  /** A random id per chunk, new whenever that chunk is written: what a container holds the chunk under. */
  chunkIds: string[];
}

/** A manifest as this app writes it; anything else in its key is read as no index (a cold load starts over). */
const isManifest = (v: unknown): v is Manifest => {
  const m = v as Manifest;
  return (
    !!v &&
    typeof v === 'object' &&
    typeof m.token === 'string' &&
    Number.isInteger(m.chunks) &&
    Array.isArray(m.chunkIds) &&
    m.chunkIds.length === m.chunks &&
    m.chunkIds.every((id) => typeof id === 'string')
  );
};

const newChunkId = () => crypto.randomBytes(12).toString('base64url');

/** Bounds of the next reads, as a manifest keeps them: when they move, the manifest is written. */
const syncState = (m: Manifest) => JSON.stringify([m.syncFrom, m.syncFromMore ?? null, m.seenUpTo ?? null]);

/** What the caller built from an index's entries (its matcher), by the entries array: it is new on every change. */
const derivedValues = new WeakMap<object, unknown>();

export class SyncedIndex<E extends Versioned, S, Q> {
  private index: readonly E[] = [];
  private manifest?: Manifest;
  /** The chunks as z.cache holds them under `manifest`: their ids and entries. Empty: every chunk is written. */
  private stored: { ids: string[]; chunks: ReadonlyArray<readonly E[]> } = { ids: [], chunks: [] };
  /** Whether z.cache is to be written: the entries, or the bounds of the next read, changed. */
  private changed = false;
  /** Procountor requests the index itself spent this step (pages read). */
  pagesRead = 0;
  /** The connection this step runs for, when the container may keep the index for it (heldIndexes.ts). */
  private readonly connection: string | undefined;
  /** Whether this step read Procountor's changes into the index already: a step reads them at most once. */
  private readThisStep = false;
  /** When the manifest in z.cache says the index was last read from Procountor. */
  private storedCheckedAt = 0;
  readonly reader: boolean;

  constructor(
    private readonly z: ZObject,
    private readonly spec: IndexSpec<E, S, Q>,
    private readonly startedAt: number,
    private readonly mode: IndexMode = {},
  ) {
    this.connection = connectionOf(z);
    this.reader = !!mode.reader;
  }

  /** Whether the index holds what z.cache does not: read from Procountor, or made, since it was opened. */
  get unsaved() {
    return this.changed;
  }

  get complete() {
    return !!this.manifest?.complete;
  }

  get entries(): readonly E[] {
    return this.index;
  }

  /**
   * What the caller builds from the entries (its matcher), built again only after they change: a container that holds
   * the index unchanged from an earlier step uses the matcher it built then.
   */
  derived<T>(build: (entries: readonly E[]) => T): T {
    if (!derivedValues.has(this.index)) derivedValues.set(this.index, build(this.index));
    return derivedValues.get(this.index) as T;
  }

  private cache() {
    return companyCache(this.z);
  }

  private chunkKey(i: number) {
    return `${this.spec.key}:${i}`;
  }

  private async readChunk(i: number): Promise<readonly E[] | undefined> {
    const chunk = await this.cache().get(this.chunkKey(i));
    return Array.isArray(chunk) ? (chunk as S[]).map((s) => this.spec.load(s)) : undefined;
  }

  /**
   * The chunks manifest `m` lists: from this container's memory where it holds them under the ids `m` lists, the rest
   * from z.cache, all at once. Undefined when one is missing from z.cache.
   */
  private async loadChunks(m: Manifest) {
    const ids = m.chunkIds;
    const memory = this.connection !== undefined ? heldIndex<E>(this.connection, this.spec.key) : undefined;
    const heldById = new Map(memory?.chunkIds.map((id, i) => [id, memory.chunks[i]!] as const));
    const chunks = await Promise.all(Array.from({ length: m.chunks }, (_, i) => heldById.get(ids[i]!) ?? this.readChunk(i)));
    if (!chunks.every((c): c is readonly E[] => c !== undefined)) return undefined;
    const unchanged = !!memory && ids.length === memory.chunkIds.length && ids.every((id, i) => id === memory.chunkIds[i]);
    return { ids, chunks, memory, entries: unchanged ? memory.entries : inIdOrder(chunks.flat()) };
  }

  /** The index as this step can use it: read from z.cache, then brought up to date (or loaded) from Procountor. */
  async open() {
    try {
      const manifest = await this.cache().get(this.spec.key);
      if (isManifest(manifest) && this.takeOver(manifest)) return this;
      const loaded = isManifest(manifest) ? await this.loadChunks(manifest) : undefined;
      // A chunk that expired or was evicted leaves a hole no incremental read can fill: start over.
      if (isManifest(manifest) && loaded) {
        this.index = loaded.entries;
        this.manifest = manifest;
        this.storedCheckedAt = manifest.checkedAt;
        this.stored = { ids: loaded.ids, chunks: loaded.chunks };
        // This container read Procountor's changes since that manifest was written, and they changed nothing.
        if (loaded.memory?.token === manifest.token && loaded.memory.checkedAt > manifest.checkedAt) {
          this.manifest = { ...manifest, checkedAt: loaded.memory.checkedAt };
        }
        this.hold();
      } else if (this.connection !== undefined) {
        dropHeldIndex(this.connection, this.spec.key);
      }
    } catch (error) {
      this.z.console.log(`Index ${this.spec.key} unavailable in z.cache (${(error as Error).message}); reading Procountor.`);
    }
    // Loading is the record lane's: a reader would load it for nothing, since it does not write it back.
    if (this.reader && !this.complete) throw new NeedsRecordLane(`load the index ${this.spec.key}`);
    await this.update(false);
    return this;
  }

  /**
   * The record lane's step takes over what the same step read as a reader, when the manifest is still the one that
   * reader opened (nobody wrote the index since): its reads of Procountor are not made twice.
   */
  private takeOver(manifest: Manifest) {
    const before = this.mode.after instanceof SyncedIndex ? (this.mode.after as SyncedIndex<E, S, Q>) : undefined;
    if (this.reader || !before?.manifest || before.manifest.token !== manifest.token) return false;
    this.index = before.index;
    this.manifest = before.manifest;
    this.stored = before.stored;
    this.changed = before.changed;
    this.readThisStep = before.readThisStep;
    this.storedCheckedAt = before.storedCheckedAt;
    this.pagesRead = before.pagesRead;
    return true;
  }

  /** What this container keeps of the index as z.cache holds it under the current manifest (heldIndexes.ts). */
  private hold() {
    if (this.connection === undefined || !this.manifest) return;
    holdIndex<E>(this.connection, this.spec.key, {
      token: this.manifest.token,
      checkedAt: this.manifest.checkedAt,
      chunkIds: this.stored.ids,
      chunks: this.stored.chunks,
      entries: this.index,
    });
  }

  private touched() {
    this.changed = true;
  }

  /** The index with `answers` merged in: the same array when they only repeat what it holds. */
  private mergedWith(answers: readonly E[]) {
    const same = (a: E, b: E) => JSON.stringify(this.spec.store(a)) === JSON.stringify(this.spec.store(b));
    return changesNothing(this.index, answers, same) ? this.index : mergeById(this.index, answers);
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
    const merged = this.mergedWith(found);
    this.manifest = this.withSyncFrom(m, stream, nextSyncFrom(highestVersion(found), from, readStartedAt, pages));
    if (stream === 0 && snapshot) this.manifest = { ...this.manifest, seenUpTo: snapshot };
    if (merged !== this.index) {
      this.index = merged;
      this.touched();
    } else if (syncState(this.manifest) !== syncState(m)) {
      this.changed = true;
    }
  }

  /** Loads (or continues loading) a cold index, or reads what changed since the last read. */
  private async update(force: boolean) {
    const now = Date.now();
    const m = this.manifest;
    if (m?.complete) {
      if (!force && now - m.checkedAt < trustMs()) return;
      await this.sync(0);
      this.readThisStep = true;
      this.manifest = { ...this.manifest!, checkedAt: now };
      // Other containers trust the index by the manifest's time: written at least every half of INDEX_TRUST_MS, so
      // that readers in other containers need not read the changes again themselves.
      if (trustMs() > 0 && now - this.storedCheckedAt > trustMs() / 2) this.changed = true;
      return;
    }
    this.readThisStep = true;
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
      chunkIds: m?.chunkIds ?? [],
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
    if (this.reader) throw new NeedsRecordLane(`read more of ${this.spec.key}`);
    await this.sync(stream);
  }

  /**
   * Before something the index did not find is made: reads Procountor's changes when this step has not and the last
   * read is older than INDEX_FRESH_MS. Answers whether it read. A reader hands the miss to the record lane.
   */
  async freshen(what: string): Promise<boolean> {
    if (this.reader) throw new NeedsRecordLane(`make ${what}`);
    const m = this.manifest;
    if (!m?.complete || this.readThisStep || Date.now() - m.checkedAt < freshMs()) return false;
    await this.update(true);
    return true;
  }

  /** Entries made by this step join the index from their POST answers, at no extra request. */
  add(entries: E[]) {
    if (!entries.length) return;
    if (this.reader) throw new NeedsRecordLane(`add to ${this.spec.key}`);
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
    if (this.reader) throw new NeedsRecordLane(`forget products Procountor no longer has`);
    this.index = withoutIds(this.index, new Set(ids));
    this.touched();
    await this.update(true);
  }

  /** Whether chunk `chunk` holds what `stored` held: the same entries, or entries stored alike. */
  private sameChunk(chunk: readonly E[], stored: readonly E[] | undefined) {
    if (!stored || stored.length !== chunk.length) return false;
    if (chunk.every((e, i) => e === stored[i])) return true;
    const text = (entries: readonly E[]) => JSON.stringify(entries.map((e) => this.spec.store(e)));
    return text(chunk) === text(stored);
  }

  /**
   * Writes the index back: only the chunks that changed, each under a new id, then the manifest; nothing when neither
   * the entries nor the bounds of the next read changed. If another run wrote the index since this one read it (a
   * claim that lapsed, z.cache without a claim), its entries are merged in, never dropped.
   */
  async save({ inRecordLane = !this.reader } = {}) {
    if (!this.manifest) return;
    if (!this.changed) {
      this.hold();
      return;
    }
    // Only a step holding the record lane writes the index: a reader's write could overwrite a record just made.
    if (!inRecordLane) return;
    try {
      const current = await this.cache().get(this.spec.key);
      if (isManifest(current) && current.token !== this.manifest.token) {
        const theirs = await this.loadChunks(current);
        if (theirs) {
          this.index = mergeById(theirs.entries, this.index);
          if (current.complete && !this.manifest.complete) this.manifest = { ...current };
        }
        this.stored = { ids: [], chunks: [] };
      }
      const chunks = chunked(this.index, this.spec.perChunk, (e) => e);
      const kept = chunks.map((chunk, i) =>
        this.stored.ids[i] !== undefined && this.sameChunk(chunk, this.stored.chunks[i]) ? this.stored.ids[i] : undefined,
      );
      await Promise.all(
        chunks.map((chunk, i) =>
          kept[i] === undefined
            ? this.cache().set(
                this.chunkKey(i),
                chunk.map((e) => this.spec.store(e)),
                INDEX_TTL_SECONDS,
              )
            : undefined,
        ),
      );
      const token = crypto.randomUUID();
      const chunkIds = kept.map((id) => id ?? newChunkId());
      const manifest: Manifest = { ...this.manifest, token, chunks: chunks.length, chunkIds };
      await this.cache().set(this.spec.key, manifest, INDEX_TTL_SECONDS);
      this.manifest = manifest;
      this.stored = { ids: chunkIds, chunks };
      this.changed = false;
      this.hold();
    } catch (error) {
      // The next step reads Procountor again; nothing is lost but requests. z.cache may hold part of this write: what
      // this container held is let go.
      if (this.connection !== undefined) dropHeldIndex(this.connection, this.spec.key);
      this.z.console.log(`Could not store the index ${this.spec.key}: ${(error as Error).message}`);
    }
  }
}
