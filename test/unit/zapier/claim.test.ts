// How a run waiting for a claim spaces its z.cache calls (issue 24, item 5).
import { backoffMs } from '../../../lib/zapier/claim';

describe('backoffMs', () => {
  it('doubles from 100 ms up to 2 s, half fixed and half at random', () => {
    expect([0, 1, 2, 3, 4, 5, 9].map((n) => backoffMs(n, () => 0))).toEqual([50, 100, 200, 400, 800, 1000, 1000]);
    expect([0, 1, 2, 3, 4, 5, 9].map((n) => backoffMs(n, () => 1))).toEqual([100, 200, 400, 800, 1600, 2000, 2000]);
  });

  it('spends at least 16 s over its 20 waits, so a claim held for a usual step is waited out without more calls', () => {
    const shortest = Array.from({ length: 20 }, (_, n) => backoffMs(n, () => 0)).reduce((a, b) => a + b, 0);
    expect(shortest).toBeGreaterThanOrEqual(16_000);
  });
});
