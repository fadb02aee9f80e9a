import {
  addDays,
  finnishDate,
  helsinkiDateTime,
  helsinkiDateTimeWithOffset,
  helsinkiDayStartSeconds,
  todayInHelsinki,
  toIsoDate,
} from '../../../lib/rules/dates';

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

describe("Helsinki's business day", () => {
  it('is today in Helsinki, which starts before midnight UTC', () => {
    expect(todayInHelsinki(new Date('2026-06-30T20:30:00Z'))).toBe('2026-06-30');
    expect(todayInHelsinki(new Date('2026-06-30T21:30:00Z'))).toBe('2026-07-01');
  });

  it('adds days across months, years and leap days', () => {
    expect(addDays('2026-12-28', 14)).toBe('2027-01-11');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('reads a date as it is and a timestamp as its Helsinki day; anything else is no date', () => {
    expect(toIsoDate(' 2026-11-24 ')).toBe('2026-11-24');
    expect(toIsoDate('2026-11-24T23:30:00Z')).toBe('2026-11-25');
    expect([toIsoDate('2026-02-30'), toIsoDate('soon'), toIsoDate(''), toIsoDate(undefined)]).toEqual([undefined, undefined, undefined, undefined]);
  });

  it("gives a Procountor date-time Helsinki's offset of that day, and leaves other text as it is", () => {
    expect(helsinkiDateTimeWithOffset('2026-07-01T10:00:00')).toBe('2026-07-01T10:00:00+03:00');
    expect(helsinkiDateTimeWithOffset('2026-01-15T08:30')).toBe('2026-01-15T08:30:00+02:00');
    expect([helsinkiDateTimeWithOffset('not a time'), helsinkiDateTimeWithOffset(null)]).toEqual(['not a time', '']);
  });
});
