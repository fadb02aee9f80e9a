// ISO 3166-1 alpha-2 codes (what Click2Contract and Zap builders write) -> Procountor's country enum.
import { COUNTRIES } from './enums';
import type { Country } from './schemas';

/** Where Procountor's name is not the plain English short name. */
const SPECIAL: Record<string, Country> = {
  SH: 'ASCENSION_AND_TRISTAN_DA_CUNHA_SAINT_HELENA',
  VE: 'BOLIVARIAN_REPUBLIC_OF_VENEZUELA',
  BN: 'BRUNEI_DARUSSALAM',
  CV: 'CABO_VERDE',
  CG: 'CONGO',
  CZ: 'CZECH_REPUBLIC',
  KP: 'DEMOCRATIC_PEOPLE_S_REPUBLIC_OF_KOREA',
  FK: 'FALKLAND_ISLANDS_MALVINAS',
  FM: 'FEDERATED_STATES_OF_MICRONESIA',
  HM: 'HEARD_ISLAND_AND_MCDONALD_ISLANDS',
  VA: 'HOLY_SEE_VATICAN_CITY_STATE',
  HK: 'HONG_KONG',
  IR: 'ISLAMIC_REPUBLIC_OF_IRAN',
  XK: 'KOSOVO_TEMPORARY',
  LA: 'LAO_PEOPLE_S_DEMOCRATIC_REPUBLIC',
  MO: 'MACAO',
  MM: 'MYANMAR',
  PN: 'PITCAIRN',
  BO: 'PLURINATIONAL_STATE_OF_BOLIVIA',
  TW: 'PROVINCE_OF_CHINA_TAIWAN',
  KR: 'REPUBLIC_OF_KOREA',
  MD: 'REPUBLIC_OF_MOLDOVA',
  RU: 'RUSSIAN_FEDERATION',
  BL: 'SAINT_BARTHELEMY',
  KN: 'SAINT_KITTS_AND_NEVIS',
  LC: 'SAINT_LUCIA',
  MF: 'SAINT_MARTIN_FRENCH_PART',
  PM: 'SAINT_PIERRE_AND_MIQUELON',
  VC: 'SAINT_VINCENT_AND_THE_GRENADINES',
  BQ: 'SINT_EUSTATIUS_AND_SABA_BONAIRE',
  SX: 'SINT_MAARTEN_DUTCH_PART',
  GS: 'SOUTH_GEORGIA_AND_THE_SOUTH_SANDWICH_ISLANDS',
  PS: 'STATE_OF_PALESTINE',
  SZ: 'SWAZILAND',
  SY: 'SYRIAN_ARAB_REPUBLIC',
  CD: 'THE_DEMOCRATIC_REPUBLIC_OF_THE_CONGO',
  MK: 'THE_FORMER_YUGOSLAV_REPUBLIC_OF_MACEDONIA',
  TR: 'TURKEY',
  GB: 'UNITED_KINGDOM_OF_GREAT_BRITAIN_AND_NORTHERN_IRELAND',
  UK: 'UNITED_KINGDOM_OF_GREAT_BRITAIN_AND_NORTHERN_IRELAND',
  TZ: 'UNITED_REPUBLIC_OF_TANZANIA',
  UM: 'UNITED_STATES_MINOR_OUTLYING_ISLANDS',
  US: 'UNITED_STATES_OF_AMERICA',
  VN: 'VIET_NAM',
  // Not an ISO 3166 code: the prefix of Northern Ireland's VAT numbers, and how a Zap names it (Windsor Framework).
  XI: 'NORTHERN_IRELAND_TEMPORARY',
};

/** English names that are not Procountor's enum names. */
const NAMED: Record<string, Country> = { NORTHERN_IRELAND: 'NORTHERN_IRELAND_TEMPORARY' };

const KNOWN = new Set<string>(COUNTRIES);
const englishNames = new Intl.DisplayNames('en', { type: 'region' });

const enumName = (text: string) =>
  text
    .toUpperCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/&/g, 'AND')
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_|_$/g, '');

/** Procountor's country for an ISO code or an English country name; undefined when there is none. */
export const toProcountorCountry = (input: string | null | undefined): Country | undefined => {
  const text = (input ?? '').trim();
  if (!text) return undefined;
  if (/^[a-z]{2}$/i.test(text)) {
    const code = text.toUpperCase();
    if (SPECIAL[code]) return SPECIAL[code];
    let name: string | undefined;
    try {
      name = englishNames.of(code);
    } catch {
      return undefined;
    }
    const candidate = name ? enumName(name) : '';
    return KNOWN.has(candidate) ? (candidate as Country) : undefined;
  }
  const candidate = enumName(text);
  return KNOWN.has(candidate) ? (candidate as Country) : NAMED[candidate];
};

let isoByCountry: Map<Country, string> | undefined;

/**
 * The ISO 3166-1 alpha-2 code of one of Procountor's countries (SWEDEN -> SE): what EU membership and the invoice
 * language are decided by. Built once from the same mapping the other way, so the two always agree.
 */
export const isoCountryOf = (country: Country): string | undefined => {
  if (!isoByCountry) {
    isoByCountry = new Map();
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    for (const a of letters) {
      for (const b of letters) {
        const code = `${a}${b}`;
        // Old and alias codes (DD, UK, YU…) name a country whose own code is another one: keep the country's own.
        const own = Intl.getCanonicalLocales(`und-${code}`)[0] === `und-${code}`;
        const found = own ? toProcountorCountry(code) : undefined;
        if (found && !isoByCountry.has(found)) isoByCountry.set(found, code);
      }
    }
  }
  return isoByCountry.get(country);
};
