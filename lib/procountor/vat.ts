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
 * Finland's general VAT rate went 24 -> 25.5 on 2024-09-01, and the reduced 14 -> 13.5 on 2026-01-01.
 * A rate is valid for an invoice date when the company uses it and Finland had it on that date.
 */
const FINNISH_RATE_PERIODS: Array<{ percent: number; from?: string; until?: string }> = [
  { percent: 25.5, from: '2024-09-01' },
  { percent: 24, until: '2024-08-31' },
  { percent: 14, until: '2025-12-31' },
  { percent: 13.5, from: '2026-01-01' },
  { percent: 10 },
  { percent: 0 },
];

export const finnishVatValidOn = (percent: number, isoDate: string): boolean => {
  const period = FINNISH_RATE_PERIODS.find((p) => p.percent === percent);
  if (!period) return false;
  return (!period.from || isoDate >= period.from) && (!period.until || isoDate <= period.until);
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
