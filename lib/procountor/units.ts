// Free-text units as people type them in proposals -> Procountor's unit enum.
import type { InvoiceRowUnit } from './schemas';
import { INVOICE_ROW_UNITS, PRODUCT_UNITS } from './enums';

const ALIASES: Record<string, InvoiceRowUnit> = {
  kpl: 'PIECE',
  pcs: 'PIECE',
  pc: 'PIECE',
  piece: 'PIECE',
  pieces: 'PIECE',
  st: 'PIECE',
  stk: 'PIECE',
  ea: 'PIECE',
  each: 'PIECE',
  unit: 'PIECE',
  units: 'PIECE',
  h: 'HOUR',
  hr: 'HOUR',
  hrs: 'HOUR',
  hour: 'HOUR',
  hours: 'HOUR',
  t: 'HOUR',
  tunti: 'HOUR',
  tuntia: 'HOUR',
  timme: 'HOUR',
  timmar: 'HOUR',
  min: 'MINUTE',
  minute: 'MINUTE',
  minutes: 'MINUTE',
  minuutti: 'MINUTE',
  pv: 'DAY',
  d: 'DAY',
  day: 'DAY',
  days: 'DAY',
  paiva: 'DAY',
  paivaa: 'DAY',
  dag: 'DAY',
  dagar: 'DAY',
  vk: 'WEEK',
  wk: 'WEEK',
  week: 'WEEK',
  weeks: 'WEEK',
  viikko: 'WEEK',
  viikkoa: 'WEEK',
  vecka: 'WEEK',
  kk: 'MONTH',
  kuukausi: 'MONTH',
  kuukautta: 'MONTH',
  mo: 'MONTH',
  mon: 'MONTH',
  month: 'MONTH',
  months: 'MONTH',
  man: 'MONTH',
  manad: 'MONTH',
  v: 'YEAR',
  vuosi: 'YEAR',
  vuotta: 'YEAR',
  y: 'YEAR',
  yr: 'YEAR',
  year: 'YEAR',
  years: 'YEAR',
  ar: 'YEAR',
  kg: 'KILOGRAM',
  g: 'GRAM',
  l: 'LITER',
  litra: 'LITER',
  m: 'METER',
  km: 'KILOMETER',
  m2: 'SQUARE_METER',
  'm²': 'SQUARE_METER',
  m3: 'CUBIC_METER',
  'm³': 'CUBIC_METER',
  kwh: 'KILOWATT_HOUR',
  erä: 'LOT',
  era: 'LOT',
  lot: 'LOT',
  hlö: 'PERSON',
  hlo: 'PERSON',
  person: 'PERSON',
  persons: 'PERSON',
  henkilö: 'PERSON',
  sivu: 'PAGE',
  page: 'PAGE',
  pages: 'PAGE',
  set: 'SET',
  sarja: 'SERIES',
  box: 'BOX',
  laatikko: 'BOX',
  pkt: 'PARCEL',
  paketti: 'PARCEL',
};

const fold = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\.$/, '');

const ROW_UNITS = new Set<string>(INVOICE_ROW_UNITS);
const PRODUCT_UNIT_SET = new Set<string>(PRODUCT_UNITS);

/** Procountor's unit for a free-text unit, or undefined when the text names none Procountor knows. */
export const recognisedUnit = (text: string | null | undefined): InvoiceRowUnit | undefined => {
  if (!text?.trim()) return undefined;
  const upper = text
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '_');
  if (ROW_UNITS.has(upper) && PRODUCT_UNIT_SET.has(upper)) return upper as InvoiceRowUnit;
  return ALIASES[text.trim().toLowerCase()] ?? ALIASES[fold(text)];
};

/** Procountor's unit for a free-text unit; PIECE when it is empty or unknown. */
export const toProcountorUnit = (text: string | null | undefined): InvoiceRowUnit => recognisedUnit(text) ?? 'PIECE';

/** A few of the units people type, for messages that ask for a known one. */
export const UNIT_EXAMPLES = 'kpl, h, pv, vk, kk, v, kg, l, m, erä';
