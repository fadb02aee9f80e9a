// Dates: Procountor wants YYYY-MM-DD with no zone; the business day is Helsinki's, decided here once.
const BUSINESS_TIME_ZONE = 'Europe/Helsinki';

const isoDateIn = (instant: Date, timeZone = BUSINESS_TIME_ZONE) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);

export const todayInHelsinki = (now = new Date()) => isoDateIn(now);

export const addDays = (isoDate: string, days: number) => {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
};

/** Accepts YYYY-MM-DD or any ISO timestamp (read as a Helsinki business day); undefined when it is neither. */
export const toIsoDate = (value: string | undefined): string | undefined => {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) {
    return Number.isNaN(Date.parse(`${trimmed}T00:00:00Z`)) || new Date(`${trimmed}T00:00:00Z`).toISOString().slice(0, 10) !== trimmed ? undefined : trimmed;
  }
  const instant = new Date(trimmed);
  return Number.isNaN(instant.getTime()) ? undefined : isoDateIn(instant);
};

/**
 * The Helsinki wall-clock time of an instant, `YYYY-MM-DDTHH:MM:SS` with no zone: how Procountor writes its date-times
 * (a record's `version`, a `versionStartDate`).
 */
const wallClock = new Intl.DateTimeFormat('sv-SE', { timeZone: BUSINESS_TIME_ZONE, dateStyle: 'short', timeStyle: 'medium', hourCycle: 'h23' });
export const helsinkiDateTime = (instant: Date) => wallClock.format(instant).replace(' ', 'T');

const offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone: BUSINESS_TIME_ZONE, timeZoneName: 'longOffset' });

/**
 * A Procountor date-time (`YYYY-MM-DDTHH:MM:SS`, Finnish local time, no zone) as ISO 8601 with Helsinki's offset on
 * that day, the form Zapier expects of a date-time output. Text that is not such a date-time comes back as it is.
 */
export const helsinkiDateTimeWithOffset = (local: string | null | undefined): string => {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?/.exec(local ?? '');
  if (!m) return local ?? '';
  const wallClock = `${m[1]}T${m[2]}${m[3] ?? ':00'}`;
  // The offset at that wall-clock time, read as UTC first and corrected once (exact except inside the DST hour).
  const guess = new Date(`${wallClock}Z`);
  const name = offsetFormat.formatToParts(guess).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT+02:00';
  const offset = name === 'GMT' ? '+00:00' : name.replace('GMT', '');
  return `${wallClock}${offset}`;
};

/** A date as Finns write it, "8.12.2026", from `YYYY-MM-DD` (or the date of a date-time); undefined for anything else. */
export const finnishDate = (iso: string | null | undefined): string | undefined => {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '');
  return m ? `${Number(m[3])}.${Number(m[2])}.${m[1]}` : undefined;
};

/** The Unix time (seconds) at which a Helsinki business day begins: where a search "from that date on" starts. */
export const helsinkiDayStartSeconds = (isoDate: string) => {
  const offset = /([+-])(\d{2}):(\d{2})$/.exec(helsinkiDateTimeWithOffset(`${isoDate}T00:00:00`));
  const minutes = offset ? (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3])) : 0;
  return Date.parse(`${isoDate}T00:00:00Z`) / 1000 - minutes * 60;
};

/** Whole days from one YYYY-MM-DD to another (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
