// What the catalogue and the customer index share as a step uses them: a SyncedIndex when the index is on, or none
// (PROCOUNTOR_CATALOGUE_INDEX=off, PROCOUNTOR_CUSTOMER_INDEX=off), in which case every lookup asks Procountor.
import type { ProcountorClient } from '../procountor/client';
import type { SyncedIndex } from './syncedIndex';
import type { Versioned } from './versioned';

export abstract class ConnectionIndex<E extends Versioned, S, Q> {
  protected constructor(
    protected readonly client: ProcountorClient,
    protected readonly store?: SyncedIndex<E, S, Q>,
  ) {}

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

  async save() {
    await this.store?.save();
  }
}
