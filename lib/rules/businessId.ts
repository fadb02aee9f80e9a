// Finnish business IDs (Y-tunnus): the one normaliser and checker; and the key any business ID is known by.
import { parseEuVatNumber } from './euVat';

export type BusinessId = { kind: 'finnish'; canonical: string; digits: string; vat: string } | { kind: 'invalid'; input: string; reason: string };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2];

/** The check digit for seven digits, or undefined when the remainder is 1 (no valid ID has those digits). */
export const businessIdCheckDigit = (sevenDigits: string): number | undefined => {
  const sum = [...sevenDigits].reduce((acc, digit, i) => acc + Number(digit) * WEIGHTS[i]!, 0);
  const remainder = sum % 11;
  if (remainder === 1) return undefined;
  return remainder === 0 ? 0 : 11 - remainder;
};

/**
 * The labels people paste with a Finnish business ID, as letterheads and registers print them: Y-tunnus (Finnish),
 * FO-nummer (Swedish), Business ID, and VAT or ALV number, whose Finnish form is the same ID behind `FI`.
 */
const LABEL = /^(?:y[\s-]?tunnus|business[\s-]?id|fo[\s-]?nummer|(?:vat|alv)(?:[\s-]?(?:number|numero|nro|nr|no|id)\b)?)\.?\s*:?\s*/i;

/** Something shaped like one business ID (seven digits and a check digit, hyphen or not), to tell two IDs apart. */
const ID_SHAPED = /\d{6,7}\s*-?\s*\d/g;

/**
 * Reads a Finnish business ID however people write it: `0737546-2`, `07375462`, `FI07375462`,
 * ` 0737546 - 2 `, `fi0737546-2`, `FI-07375462`, old six-digit IDs without the leading zero, and any of these after
 * its label (`Y-tunnus: 0737546-2`, `Business ID 0737546-2`, `VAT FI07375462`). Text holding anything else, such as
 * a second ID, is not read.
 */
export const parseFinnishBusinessId = (input: string): BusinessId => {
  const unlabelled = input.trim().replace(LABEL, '');
  const compact = unlabelled.replace(/\s+/g, '').toUpperCase().replace(/^FI-?/, '');
  const m = /^(\d{6,7})-?(\d)$/.exec(compact);
  if (!m) {
    if ((unlabelled.match(ID_SHAPED) ?? []).length > 1) {
      return { kind: 'invalid', input, reason: "it holds more than one business ID; keep only the customer's own" };
    }
    return { kind: 'invalid', input, reason: 'it should look like 1234567-8 (seven digits, a hyphen and a check digit)' };
  }
  const body = m[1]!.padStart(7, '0');
  const check = Number(m[2]);
  const expected = businessIdCheckDigit(body);
  if (expected === undefined || expected !== check) {
    return { kind: 'invalid', input, reason: 'its check digit does not match' };
  }
  return { kind: 'finnish', canonical: `${body}-${check}`, digits: `${body}${check}`, vat: `FI${body}${check}` };
};

/** The spellings under which a Finnish business ID may be stored in Procountor, the usual one first. */
export const storedSpellings = (id: Extract<BusinessId, { kind: 'finnish' }>) => [id.canonical, id.digits, id.vat];

/** Whether two identifiers name the same company, whatever their spelling (Finnish business IDs and EU VAT numbers). */
export const sameBusinessId = (a: string | undefined | null, b: string | undefined | null): boolean =>
  !!businessIdKey(a) && businessIdKey(a) === businessIdKey(b);

export const invalidBusinessIdMessage = (id: Extract<BusinessId, { kind: 'invalid' }>, field = 'Business ID') =>
  `"${id.input}" is not a valid Finnish business ID (${id.reason}). Check the ${field} field; ` +
  'for a foreign company, choose its identifier type instead of "Finnish business ID".';

/**
 * The key an identifier is known by, however it is written: a Finnish business ID's canonical form (`0737546-2` for
 * `FI07375462`), an EU VAT number's (`DE136695976` for `DE 136 695 976`), else the text in capitals.
 */
export const businessIdKey = (identifier: string | null | undefined): string | undefined => {
  const raw = identifier?.trim();
  if (!raw) return undefined;
  const finnish = parseFinnishBusinessId(raw);
  if (finnish.kind === 'finnish') return finnish.canonical;
  const vat = parseEuVatNumber(raw);
  return vat.kind === 'eu' ? vat.normalised : raw.toUpperCase();
};
