// An invoice's VAT treatment: which of the company's sales VAT statuses the invoice and each row carry, what the printed
// invoice must say when no VAT is charged to a business in another EU country, and one sentence that tells the Zap
// builder and the accountant what was chosen and why. Never a silent guess: every choice is in the sentence. Pure.
import { isoCountryOf } from '../procountor/countries';
import { VAT_DEFAULTS_PLACE, vatStatusLabel, type SalesVatStatus, type VatStatusKind } from '../procountor/vat';
import { euVatNote, isEuMemberState, parseEuVatNumber, regionName } from '../rules/euVat';
import type { InvoiceOrder } from './order';
import { lineVat } from './prepare';

export interface VatTreatment {
  /** The invoice's VAT status (Procountor requires one on every sales invoice). */
  vatStatus: number;
  /** Each line's own status, in line order, when the lines need different ones (a row's status overrides the invoice's). */
  rowStatuses?: number[];
  /** "EU sale of services to SE556677889901: reverse charge, VAT status 19 (EU community sales (service))". */
  sentence: string;
  /** What the printed invoice must say (EU law), before the order marker in the additional information. */
  note?: string;
  /** The buyer's VAT number, for `counterParty.taxCode` and `identifier` as in Procountor's EU example invoice. */
  buyerVatNumber?: string;
}

const statusText = (status: SalesVatStatus) => `VAT status ${status.id}${status.description ? ` (${status.description})` : ''}`;

const KIND_NAMES: Record<VatStatusKind, string> = {
  domestic: 'domestic sales ("Domestic")',
  outsideEu: 'sales outside the EU ("Outside of the EU")',
  euGoods: 'EU sales of goods ("EU community sales (product)")',
  euServices: 'EU sales of services ("EU community sales (service)", reverse charge)',
};

/** The treatment, or the problems that stop it (each a sentence naming what to fix); nothing is written before. */
export const vatTreatment = (order: InvoiceOrder, statuses: SalesVatStatus[]): { treatment?: VatTreatment; problems: string[] } => {
  const { words, customer, options } = order;
  const problems: string[] = [];
  const isoCountry = isoCountryOf(customer.country) ?? 'FI';
  const country = regionName(isoCountry);
  const statusOf = (kind: VatStatusKind) => {
    const found = statuses.find((s) => s.kind === kind);
    if (!found) {
      problems.push(
        `Your Procountor company has no sales VAT status for ${KIND_NAMES[kind]}, which ${words.label} needs. Switch it on in Procountor (${VAT_DEFAULTS_PLACE}), or pick the status in "VAT Status".`,
      );
    }
    return found;
  };

  /** The buyer's VAT number, which an EU sale without VAT cannot do without: present, valid, and of the buyer's country. */
  const buyerVatNumber = (what: string) => {
    const field = words.customerFields.businessId;
    const given = customer.businessId?.trim();
    const where = `${field} ${words.fixCustomerWhere}`;
    if (!given) {
      problems.push(`${words.label} is ${what} to ${country} without VAT, which needs the buyer's VAT number. Put it in ${where} (such as SE556677889901).`);
      return undefined;
    }
    const parsed = parseEuVatNumber(given);
    if (parsed.kind === 'other') {
      problems.push(
        `"${given}" in ${field} is not an EU VAT number; ${what} to ${country} without VAT needs the buyer's, starting with its country code (such as SE556677889901). Correct ${where}.`,
      );
    } else if (parsed.kind === 'invalid') {
      problems.push(`"${given}" in ${field} is not a valid VAT number (${parsed.reason}). Check it in ${where}.`);
    } else if (parsed.isoCountry !== isoCountry) {
      problems.push(
        `"${given}" in ${field} is a VAT number of ${regionName(parsed.isoCountry)}, but the customer's country is ${country}. Correct the one that is wrong ${words.fixCustomerWhere}.`,
      );
    } else return parsed.normalised;
    return undefined;
  };

  const euTreatment = (kind: 'euGoods' | 'euServices') => {
    const supply = kind === 'euGoods' ? 'goods' : 'services';
    const vat = buyerVatNumber(`an EU sale of ${supply}`);
    return vat
      ? {
          note: euVatNote(supply, vat),
          buyerVatNumber: vat,
          what: `EU sale of ${supply} to ${vat}: ${supply === 'goods' ? 'intra-Community supply' : 'reverse charge'},`,
        }
      : undefined;
  };

  const done = (treatment: VatTreatment) => (problems.length ? { problems } : { treatment, problems });

  // The step's own choice wins, for the whole invoice: the engine only says what it means.
  if (options.vatStatus !== undefined) {
    const chosen = statuses.find((s) => s.id === options.vatStatus);
    if (!chosen) {
      const listed = statuses.map(vatStatusLabel).join(', ') || 'none';
      return {
        problems: [`VAT Status ${options.vatStatus} is not one of your Procountor company's sales VAT statuses (${listed}). Pick one from the dropdown.`],
      };
    }
    const eu = chosen.kind === 'euGoods' || chosen.kind === 'euServices' ? euTreatment(chosen.kind) : undefined;
    return done({
      vatStatus: chosen.id,
      note: eu?.note,
      buyerVatNumber: eu?.buyerVatNumber,
      sentence: `${statusText(chosen)}, as chosen in VAT Status${eu ? ` (${eu.what.replace(/,$/, '')})` : ''}.`,
    });
  }

  const zeroRated = order.lines.map((line) => lineVat(order, line) === 0);
  const foreign = isoCountry !== 'FI';
  if (!foreign || !zeroRated.some(Boolean)) {
    const domestic = statusOf('domestic');
    if (!domestic) return { problems };
    const sentence = foreign
      ? `Sale to ${country} with VAT on every ${words.lineNoun}: ${statusText(domestic)}, as ${words.label} charges Finnish VAT.`
      : `Domestic sale: ${statusText(domestic)}.`;
    return done({ vatStatus: domestic.id, sentence });
  }

  // Åland is outside the EU's VAT area for goods only: services sold there from mainland Finland are domestic sales.
  if (isoCountry === 'AX' && options.foreignSales !== 'goods') {
    const domestic = statusOf('domestic');
    if (!domestic) return { problems };
    const sentence = `Sale of services to the Åland Islands: ${statusText(domestic)}, as Finnish VAT law taxes services sold there as domestic sales; lines at 0 % keep 0 %, check them.`;
    return done({ vatStatus: domestic.id, sentence });
  }

  const kind: VatStatusKind = isEuMemberState(isoCountry) ? (options.foreignSales === 'goods' ? 'euGoods' : 'euServices') : 'outsideEu';
  const status = statusOf(kind);
  const eu = kind === 'outsideEu' ? undefined : euTreatment(kind);
  const mixed = zeroRated.some((zero) => !zero);
  const domestic = mixed ? statusOf('domestic') : undefined;
  if (!status || (mixed && !domestic)) return { problems };
  const what = eu?.what ?? `Sale outside the EU (${country}):`;
  const rows = mixed
    ? { rowStatuses: zeroRated.map((zero) => (zero ? status.id : domestic!.id)), also: `; ${words.lineNoun}s with VAT: ${statusText(domestic!)}` }
    : undefined;
  return done({
    vatStatus: status.id,
    rowStatuses: rows?.rowStatuses,
    note: eu?.note,
    buyerVatNumber: eu?.buyerVatNumber,
    sentence: `${what} ${statusText(status)}${rows ? ` for ${words.lineNoun}s at 0 %` : ''}${rows?.also ?? ''}.`,
  });
};
