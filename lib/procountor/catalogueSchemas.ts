// Product and customer answers as the indexes read them: every field it does not need to identify a product may be
// absent or null (Procountor answers `null` for empty fields), and unknown units or fields pass through.
import { z } from 'zod';

export const CatalogueProduct = z.looseObject({
  id: z.number().nullish(),
  type: z.string().nullish(),
  name: z.string().nullish(),
  code: z.string().nullish(),
  unit: z.string().nullish(),
  price: z.number().nullish(),
  vat: z.number().nullish(),
  active: z.boolean().nullish(),
  version: z.string().nullish(),
});

export const CataloguePage = z.looseObject({
  results: z.array(CatalogueProduct).nullish().transform((r) => r ?? []),
  meta: z.looseObject({ totalCount: z.number().nullish() }).nullish(),
});

/** A business partner as the customer index reads it: only its id is required. */
export const IndexPartner = z.looseObject({
  id: z.number().nullish(),
  type: z.string().nullish(),
  name: z.string().nullish(),
  invoicingInfo: z.looseObject({ identifier: z.string().nullish() }).nullish(),
  registryInfo: z.looseObject({ active: z.boolean().nullish() }).nullish(),
  version: z.string().nullish(),
});

export const PartnerIndexPage = z.looseObject({
  results: z.array(IndexPartner).nullish().transform((r) => r ?? []),
  meta: z.looseObject({ totalCount: z.number().nullish() }).nullish(),
});
