// Finnish VAT rates by date: which percent Finland had on an invoice date. Pure.

/** Finland's general VAT rate went 24 -> 25.5 on 2024-09-01, and the reduced 14 -> 13.5 on 2026-01-01. */
const FINNISH_RATE_PERIODS: Array<{ percent: number; from?: string; until?: string }> = [
  { percent: 25.5, from: '2024-09-01' },
  { percent: 24, until: '2024-08-31' },
  { percent: 14, until: '2025-12-31' },
  { percent: 13.5, from: '2026-01-01' },
  { percent: 10 },
  { percent: 0 },
];

/**
 * Whether Finland's rate table allows `percent` on `isoDate`. A percent Finland never had (a foreign rate the company
 * uses) is not the table's to judge, and passes.
 */
export const finnishRateAllowsOn = (percent: number, isoDate: string): boolean => {
  const period = FINNISH_RATE_PERIODS.find((p) => p.percent === percent);
  if (!period) return true;
  return (!period.from || isoDate >= period.from) && (!period.until || isoDate <= period.until);
};
