import type { VatInformation } from './schemas';

/** The sales VAT percentages the company uses in Finland (or, failing that, anywhere), highest first. */
export const salesVatRates = (vats: VatInformation): number[] => {
  const countries = vats.vatInformation;
  const finnish = countries.filter((c) => !c.country || /^(FI|FINLAND)$/i.test(c.country));
  const source = finnish.length ? finnish : countries;
  const rates = source.flatMap((c) => c.percentages.filter((p) => p.sales !== false).flatMap((p) => (typeof p.vatPercent === 'number' ? [p.vatPercent] : [])));
  return [...new Set(rates)].sort((a, b) => b - a);
};

/**
 * The invoice's VAT status, which Procountor requires on sales invoices ("Required for all invoices except travel
 * invoices and expense claims"): the company's domestic sales status from GET /vats/default, else its first sales
 * status. Undefined when the company lists none; the invoice step then says so before creating anything.
 */
export const salesVatStatus = (vats: VatInformation): number | undefined => {
  const sales = (vats.vatStatuses ?? []).filter((s) => s.sales !== false && typeof s.vatStatus === 'number');
  const domestic = sales.find((s) => /domestic|kotimaa/i.test(s.description ?? ''));
  return (domestic ?? [...sales].sort((a, b) => a.vatStatus! - b.vatStatus!)[0])?.vatStatus ?? undefined;
};
