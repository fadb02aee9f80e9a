import { finnishDate, helsinkiDayStartSeconds } from '../../lib/rules/dates';

describe('Helsinki dates as Slack messages use them', () => {
  it('writes a date as Finns do, and nothing for what is not a date', () => {
    expect(finnishDate('2026-12-08')).toBe('8.12.2026');
    expect(finnishDate('2026-12-08T10:15:00')).toBe('8.12.2026');
    expect([finnishDate(''), finnishDate(null), finnishDate('8.12.2026')]).toEqual([undefined, undefined, undefined]);
  });

  it('starts a Helsinki day at its midnight, in winter and in summer time', () => {
    expect(helsinkiDayStartSeconds('2026-11-30')).toBe(Date.parse('2026-11-29T22:00:00Z') / 1000);
    expect(helsinkiDayStartSeconds('2026-07-01')).toBe(Date.parse('2026-06-30T21:00:00Z') / 1000);
  });
});
