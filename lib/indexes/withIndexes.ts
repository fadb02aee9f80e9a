// The connection's indexes (product catalogue, customers) around one invoice step.
import type { ZObject } from 'zapier-platform-core';
import { Catalogue } from './catalogue';
import type { ProcountorClient } from '../procountor/client';
import { CustomerIndex } from './customerIndex';
import { catalogueIndexEnabled, customerIndexEnabled } from '../zapier/config';

export interface IndexOpeners {
  catalogue: () => Promise<Catalogue>;
  customers: () => Promise<CustomerIndex>;
}

/**
 * Runs `work` with the connection's indexes at hand (each opened when `work` asks, so its read joins the step's other
 * first reads) and writes them back afterwards: also after a failure, so products and customers made before the
 * failure are in the indexes the retry reads. PROCOUNTOR_CATALOGUE_INDEX=off looks every product up in Procountor
 * instead, PROCOUNTOR_CUSTOMER_INDEX=off the customer.
 */
export const withIndexes = async <T>(z: ZObject, client: ProcountorClient, startedAt: number, work: (open: IndexOpeners) => Promise<T>): Promise<T> => {
  let catalogue: Catalogue | undefined;
  let customers: CustomerIndex | undefined;
  const open: IndexOpeners = {
    catalogue: async () => {
      catalogue = !catalogueIndexEnabled() ? Catalogue.without(client) : await Catalogue.open(z, client, startedAt);
      return catalogue;
    },
    customers: async () => {
      customers = !customerIndexEnabled() ? CustomerIndex.without(client) : await CustomerIndex.open(z, client, startedAt);
      return customers;
    },
  };
  try {
    return await work(open);
  } catch (error) {
    // A POST whose answer was lost may still have made its product or customer: the retry must read Procountor, not
    // trust a freshly read index.
    catalogue?.markUnread();
    customers?.markUnread();
    throw error;
  } finally {
    await Promise.all([catalogue?.save(), customers?.save()]);
  }
};
