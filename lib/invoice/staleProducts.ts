// An invoice whose rows name a product Procountor no longer has: the index named a product removed since.
import type { Catalogue } from '../indexes/catalogue';
import { staleProductIds } from '../procountor/errors';
import type { ProductWanted } from '../procountor/products';
import type { Invoice, InvoiceAnswer, ProductAnswer as Product } from '../procountor/schemas';

type Found<K> = Array<readonly [K, Product, boolean]>;

/**
 * Sends the invoice; when Procountor answers that a row's product does not exist (the index named a product
 * removed since), drops those products from the index, reads it again, matches again and sends once more.
 */
export const retryingStaleProducts = async <K>(
  catalogue: Catalogue,
  wanted: Array<[K, ProductWanted]>,
  products: Found<K>,
  draftWith: (productByKey: Map<K, Product>) => Invoice,
  send: (draft: Invoice) => Promise<InvoiceAnswer>,
): Promise<{ created: InvoiceAnswer; products: Found<K> }> => {
  const byKey = (found: Found<K>) => new Map(found.map(([key, product]) => [key, product]));
  const draft = draftWith(byKey(products));
  try {
    return { created: await send(draft), products };
  } catch (error) {
    const stale = staleProductIds(error, draft.invoiceRows ?? []);
    if (!stale.length) throw error;
    await catalogue.forgetAndRefresh(stale);
    const again = await catalogue.findOrCreate(wanted);
    return { created: await send(draftWith(byKey(again))), products: again };
  }
};
