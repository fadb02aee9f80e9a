// The connection's indexes (product catalogue, customers) around one invoice step.
import type { ZObject } from 'zapier-platform-core';
import { Catalogue } from './catalogue';
import type { ProcountorClient } from '../procountor/client';
import { CustomerIndex } from './customerIndex';
import { NeedsRecordLane } from './syncedIndex';
import { catalogueIndexEnabled, customerIndexEnabled } from '../zapier/config';

export interface IndexOpeners {
  catalogue: () => Promise<Catalogue>;
  customers: () => Promise<CustomerIndex>;
  /** Only reading (a step outside the company's record lane): what would change an index goes to that lane. */
  reader: boolean;
}

/** The indexes a step opened, for the same step to take over in the record lane (`after`). */
export interface OpenedIndexes {
  catalogue?: Catalogue;
  customers?: CustomerIndex;
}

/**
 * Runs `work` with the connection's indexes at hand (each opened when `work` asks, so its read joins the step's other
 * first reads) and writes them back afterwards: also after a failure, so products and customers made before the
 * failure are in the indexes the retry reads. PROCOUNTOR_CATALOGUE_INDEX=off looks every product up in Procountor
 * instead, PROCOUNTOR_CUSTOMER_INDEX=off the customer. A `reader` never writes them back; `after` is what the same
 * step opened as a reader, taken over when nobody wrote the index since.
 */
export const withIndexes = async <T>(
  z: ZObject,
  client: ProcountorClient,
  startedAt: number,
  work: (open: IndexOpeners) => Promise<T>,
  {
    reader = false,
    after = {},
    opened = {},
    inRecordLane = async (save) => save(),
  }: {
    reader?: boolean;
    after?: OpenedIndexes;
    opened?: OpenedIndexes;
    /** How a reader takes the record lane to write back what it read from Procountor (skipped when it is busy). */
    inRecordLane?: (save: () => Promise<void>) => Promise<void>;
  } = {},
): Promise<T> => {
  const open: IndexOpeners = {
    reader,
    catalogue: async () => {
      const mode = { reader, after: after.catalogue?.store };
      opened.catalogue = !catalogueIndexEnabled() ? Catalogue.without(client, mode) : await Catalogue.open(z, client, startedAt, mode);
      return opened.catalogue;
    },
    customers: async () => {
      const mode = { reader, after: after.customers?.store };
      opened.customers = !customerIndexEnabled() ? CustomerIndex.without(client, mode) : await CustomerIndex.open(z, client, startedAt, mode);
      return opened.customers;
    },
  };
  let handedOver = false;
  try {
    return await work(open);
  } catch (error) {
    // The record lane takes over what this reader read, and writes it back there.
    handedOver = error instanceof NeedsRecordLane;
    // A POST whose answer was lost may still have made its product or customer: the retry must read Procountor, not
    // trust a freshly read index. A step that made nothing leaves the index as trusted as it was.
    if (opened.catalogue?.wrote) opened.catalogue.markUnread();
    if (opened.customers?.wrote) opened.customers.markUnread();
    throw error;
  } finally {
    const indexes = [opened.catalogue, opened.customers];
    if (!reader) await Promise.all(indexes.map((index) => index?.save()));
    else if (!handedOver && indexes.some((index) => index?.store?.unsaved)) {
      // Changes a reader read from Procountor are kept for the next steps only through the record lane.
      await inRecordLane(async () => {
        await Promise.all(indexes.map((index) => index?.save({ inRecordLane: true })));
      }).catch(() => undefined);
    }
  }
};
