// EU VAT: which countries are member states, what a member state's VAT number looks like (format and check digits,
// by the jsvat library rather than hand-kept tables), and the words EU law asks an invoice to carry when no VAT is
// charged on a sale to a business in another member state. Pure.
import { checkVAT, countries } from 'jsvat';

/** The 27 member states (ISO 3166-1 alpha-2). Their VAT numbers start with the same code, but Greece's with EL. */
const EU_MEMBER_STATES = new Set([
  'AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT',
  'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK',
]); // prettier-ignore

export const isEuMemberState = (isoCountry: string | undefined) => !!isoCountry && EU_MEMBER_STATES.has(isoCountry.toUpperCase());

const isoCountryOfPrefix = (prefix: string) => (prefix === 'EL' ? 'GR' : prefix);

const memberStateRules = countries.filter((c) => EU_MEMBER_STATES.has(c.codes[0]!));
/** Northern Ireland's `XI` numbers have the format and check digits of the UK's `GB` numbers (the Windsor Framework). */
const ukRules = countries.filter((c) => c.codes[0] === 'GB');

/** A prefix whose numbers count for EU VAT: the member states' and, for goods, Northern Ireland's `XI`. */
const hasEuVatNumbers = (isoCountry: string) => EU_MEMBER_STATES.has(isoCountry) || isoCountry === 'XI';

/** Checks a number written with its prefix; an `XI` number by the UK's rules, as `GB` with the same digits. */
const checkNumber = (written: string) => {
  if (!written.startsWith('XI')) return checkVAT(written, memberStateRules);
  const checked = checkVAT(`GB${written.slice(2)}`, ukRules);
  return { ...checked, value: checked.value ? `XI${checked.value.slice(2)}` : checked.value };
};

export type VatNumber =
  /** A member state's VAT number, or Northern Ireland's, written the one way (`SE556677889901`, `EL094259216`, `XI…`). */
  | { kind: 'eu'; normalised: string; isoCountry: string; prefix: string }
  /** Begins with a member state's prefix but is not a valid VAT number of that state. */
  | { kind: 'invalid'; input: string; isoCountry: string; reason: string }
  /** Not written as an EU VAT number at all (a national registration number, another country's tax ID). */
  | { kind: 'other'; input: string };

/**
 * Reads a VAT number however people write it (`DE 136 695 976`, `se556677889901`, `ATU13585627`, `EL-094259216`),
 * and checks its format and check digits. Greece's `GR…` is read as its VAT prefix `EL…`; Northern Ireland's `XI…` is
 * read too (goods sold there follow EU rules).
 */
export const parseEuVatNumber = (input: string): VatNumber => {
  const compact = input.replace(/[\s.\-/]/g, '').toUpperCase();
  const prefix = compact.slice(0, 2) === 'GR' ? 'EL' : compact.slice(0, 2);
  const isoCountry = isoCountryOfPrefix(prefix);
  if (!/^[A-Z]{2}/.test(compact) || !hasEuVatNumbers(isoCountry)) return { kind: 'other', input };
  const written = `${prefix}${compact.slice(2)}`;
  const checked = checkNumber(written);
  if (checked.isValid) return { kind: 'eu', normalised: checked.value ?? written, isoCountry, prefix };
  const reason = checked.isValidFormat ? 'its check digits do not match' : `it does not have the format of a VAT number of ${regionName(isoCountry)}`;
  return { kind: 'invalid', input, isoCountry, reason };
};

const regionNames = new Intl.DisplayNames('en', { type: 'region' });
/** "Sweden", "Germany": a country's English name for messages. */
export const regionName = (isoCountry: string) => {
  // XI is not an ISO 3166 code but the VAT prefix Northern Ireland's numbers carry (and this app's code for it).
  if (isoCountry.toUpperCase() === 'XI') return 'Northern Ireland';
  try {
    return regionNames.of(isoCountry.toUpperCase()) ?? isoCountry;
  } catch {
    return isoCountry;
  }
};

/**
 * What an invoice for a business in another member state says when it charges no VAT: "Reverse charge" for services
 * (Directive 2006/112/EC, Article 226(11a), on a supply taxed at the buyer under Article 196) and the exemption of an
 * intra-Community supply of goods (Article 138), each with the buyer's VAT number.
 */
export const euVatNote = (supply: 'services' | 'goods', buyerVatNumber: string) =>
  supply === 'services'
    ? `Reverse charge: VAT is due from the buyer (Article 196, Council Directive 2006/112/EC). Buyer's VAT number ${buyerVatNumber}.`
    : `Intra-Community supply of goods, exempt from VAT (Article 138, Council Directive 2006/112/EC). Buyer's VAT number ${buyerVatNumber}.`;
