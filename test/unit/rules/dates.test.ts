import { finnishDate, helsinkiDateTime, helsinkiDayStartSeconds } from '../../../lib/rules/dates';

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

describe('Helsinki date-times as Procountor writes them', () => {
  it('writes Helsinki local time to the second, with no zone', () => {
    expect(helsinkiDateTime(new Date('2026-07-01T12:34:56.789Z'))).toBe('2026-07-01T15:34:56');
    expect(helsinkiDateTime(new Date('2026-01-01T12:34:56Z'))).toBe('2026-01-01T14:34:56');
  });
});
