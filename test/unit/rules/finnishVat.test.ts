import { finnishRateAllowsOn } from '../../../lib/rules/finnishVat';

describe('Finnish VAT rates by invoice date', () => {
  it('moves the general rate from 24 % to 25.5 % on 1 September 2024', () => {
    expect([finnishRateAllowsOn(24, '2024-08-31'), finnishRateAllowsOn(24, '2024-09-01')]).toEqual([true, false]);
    expect([finnishRateAllowsOn(25.5, '2024-08-31'), finnishRateAllowsOn(25.5, '2024-09-01')]).toEqual([false, true]);
  });

  it('moves the reduced rate from 14 % to 13.5 % on 1 January 2026', () => {
    expect([finnishRateAllowsOn(14, '2025-12-31'), finnishRateAllowsOn(14, '2026-01-01')]).toEqual([true, false]);
    expect([finnishRateAllowsOn(13.5, '2025-12-31'), finnishRateAllowsOn(13.5, '2026-01-01')]).toEqual([false, true]);
  });

  it('allows 10 % and 0 % on any date', () => {
    for (const date of ['2020-01-01', '2026-11-24']) expect([finnishRateAllowsOn(10, date), finnishRateAllowsOn(0, date)]).toEqual([true, true]);
  });

  it("leaves a rate Finland never had (another country's) to the company's own list", () => {
    expect(finnishRateAllowsOn(20, '2026-11-24')).toBe(true);
  });
});
