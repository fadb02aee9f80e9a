// What the catalogue and the customer index share as a step uses them: a SyncedIndex when the index is on, or none
// (PROCOUNTOR_CATALOGUE_INDEX=off, PROCOUNTOR_CUSTOMER_INDEX=off), in which case every lookup asks Procountor.
import type { ProcountorClient } from '../procountor/client';
import { NeedsRecordLane, type SyncedIndex } from './syncedIndex';
import type { Versioned } from './versioned';

export abstract class ConnectionIndex<E extends Versioned, S, Q> {
  /** Whether this step tried to make a record: a failure then may have made it, and the next step reads Procountor. */
  wrote = false;

  protected constructor(
    protected readonly client: ProcountorClient,
    readonly store?: SyncedIndex<E, S, Q>,
    /** Only reads (another lane than the company's record lane): a miss goes to the record lane. */
    readonly reader = false,
  ) {}

  /** Before making a record: a reader hands it to the record lane. */
  protected beforeWrite(what: string) {
    if (this.reader) throw new NeedsRecordLane(`make ${what}`);
    this.wrote = true;
  }

  /** The index as loaded and synced, when it is whole: lookups are answered from it. Undefined: ask Procountor. */
  protected get ready(): SyncedIndex<E, S, Q> | undefined {
    return this.store?.complete ? this.store : undefined;
  }

  /** A record made by this step joins the index from its POST answer, at no extra request. */
  protected join(entry: E | undefined) {
    if (entry) this.store?.add([entry]);
  }

  /** The next step reads what changed in Procountor, however recently this one did. */
  markUnread() {
    this.store?.markUnread();
  }

  async save(options?: { inRecordLane?: boolean }) {
    await this.store?.save(options);
  }
}
