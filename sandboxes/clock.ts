// The sandboxes' Helsinki clock: both Finnish services write local Helsinki times (Click2Contract with the offset,
// Procountor without a zone).
const HELSINKI = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki', dateStyle: 'short', timeStyle: 'medium', hourCycle: 'h23' });

/** The Helsinki wall-clock time of an instant, `YYYY-MM-DDTHH:MM:SS`, and its offset from UTC in minutes. */
export const helsinkiWallClock = (date = new Date()) => {
  const text = HELSINKI.format(date).replace(' ', 'T');
  return { text, offsetMinutes: Math.round((Date.parse(`${text}Z`) - Math.floor(date.getTime() / 1000) * 1000) / 60000) };
};
