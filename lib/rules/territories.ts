// Where a customer is, as the VAT Directive places it: Finland, the Åland Islands, a member state of the EU VAT area
// (Monaco counting as France), Northern Ireland (in the EU for goods only), or outside the EU. Pure.
// Source: ../../reference/eu-vat-rules.md ("Territories"), from Council Directive 2006/112/EC Arts. 6 and 7 and the
// Windsor Framework.
import { isEuMemberState, regionName } from './euVat';

export type Territory =
  /** Mainland Finland: the seller's own country. */
  | { kind: 'finland'; name: string }
  /** Art. 6: outside the EU VAT area for goods (a tax border); services sold there are taxed as in mainland Finland. */
  | { kind: 'aland'; name: string }
  /** A member state; `vatCountry` is the state whose VAT numbers the buyer has (Monaco: France, Art. 7). */
  | { kind: 'eu'; name: string; vatCountry: string; countsAs?: string }
  /** The Windsor Framework: EU VAT rules for goods (XI VAT numbers), the UK's (outside the EU) for services. */
  | { kind: 'northernIreland'; name: string; vatCountry: 'XI' }
  /** Outside the EU VAT area: Norway, the UK, the Isle of Man, the Channel Islands, the Canary Islands… */
  | { kind: 'outside'; name: string };

/** Art. 7: transactions with Monaco are treated as transactions with France. */
const COUNTS_AS: Record<string, string> = { MC: 'FR' };

/** The territory of an ISO 3166-1 alpha-2 code (`XI` for Northern Ireland, as its VAT numbers are written). */
export const territoryOf = (isoCountry: string): Territory => {
  const iso = isoCountry.toUpperCase();
  const name = regionName(iso);
  if (iso === 'FI') return { kind: 'finland', name };
  if (iso === 'AX') return { kind: 'aland', name };
  if (iso === 'XI') return { kind: 'northernIreland', name, vatCountry: 'XI' };
  const countsAs = COUNTS_AS[iso];
  if (countsAs) return { kind: 'eu', name, vatCountry: countsAs, countsAs: regionName(countsAs) };
  if (isEuMemberState(iso)) return { kind: 'eu', name, vatCountry: iso };
  return { kind: 'outside', name };
};
