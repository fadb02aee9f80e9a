// The indexes a warm Lambda container keeps loaded between invocations, so that a step reads from z.cache only the
// manifest and the chunks it does not hold already: with 50,000 products, 1 value instead of 51.
//
// Why a held index can never serve another connection, nor outlive a change:
// - It is keyed by the connection (connectionOf: a digest of the step's Procountor access token, which one connection
//   alone holds and which can read these very records in Procountor) together with the index's z.cache key.
// - Within that, each chunk is held under its id: a random id written into the manifest with the chunk, new each time
//   the chunk is written. A step reads its connection's manifest from z.cache every time (z.cache is scoped to the
//   connection by Zapier) and takes from memory only the chunks whose ids that manifest lists; any other chunk is read
//   from z.cache. So a chunk changed by another container (a new id) is read again, and what the manifest no longer
//   lists is dropped: the held index is replaced by exactly the chunks of the manifest just read.
// - When the manifest is gone (expired, emptied) nothing is taken from memory: the index loads cold as before.
// Bounded: at most MAX_HELD_INDEXES indexes (a 50,000-product catalogue is a few MB in memory), the ones used last.
import { RecentlyUsed } from '../zapier/connectionMemory';

const MAX_HELD_INDEXES = 4;

export interface HeldIndex<E> {
  /** The manifest token this state was read under or written with. */
  token: string;
  /** When this container last read Procountor's changes for that manifest (a read that changed nothing writes nothing). */
  checkedAt: number;
  /** The chunk ids the manifest lists, in order, and each chunk's entries. */
  chunkIds: string[];
  chunks: ReadonlyArray<readonly E[]>;
  /** Every entry in id order: the chunks one after the other. The same array while nothing changes. */
  entries: readonly E[];
}

const held = new RecentlyUsed<HeldIndex<unknown>>(MAX_HELD_INDEXES);
const heldKey = (connection: string, key: string) => `${connection}\n${key}`;

export const heldIndex = <E>(connection: string, key: string) => held.get(heldKey(connection, key)) as HeldIndex<E> | undefined;

export const holdIndex = <E>(connection: string, key: string, index: HeldIndex<E>) => held.set(heldKey(connection, key), index);

export const dropHeldIndex = (connection: string, key: string) => held.delete(heldKey(connection, key));
