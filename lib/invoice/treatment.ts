// An invoice's VAT treatment: which of the company's sales VAT statuses the invoice and each row carry, what the printed
// invoice must say when no VAT is charged to a business in another EU country, and one sentence that tells the Zap
// builder and the accountant what was chosen and why. Never a silent guess: every choice is in the sentence. Pure.
// Each rule below returns what it decides, or the sentence that says what to fix; vatTreatment picks the rule.
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

/** The treatment, or the problems that stop it (each a sentence naming what to fix); nothing is written before. */
type Outcome = { treatment?: VatTreatment; problems: string[] };

/** What one rule decided, or the sentence that says what to fix instead. */
type Ruling<T> = { value: T; problem?: undefined } | { value?: undefined; problem: string };

const problemsIn = (...rulings: Array<Ruling<unknown> | undefined>) => rulings.flatMap((ruling) => (ruling?.problem === undefined ? [] : [ruling.problem]));

const outcome = (treatment: VatTreatment, problems: string[]): Outcome => (problems.length ? { problems } : { treatment, problems });

const statusText = (status: SalesVatStatus) => `VAT status ${status.id}${status.description ? ` (${status.description})` : ''}`;

const KIND_NAMES: Record<VatStatusKind, string> = {
  domestic: 'domestic sales ("Domestic")',
  outsideEu: 'sales outside the EU ("Outside of the EU")',
  euGoods: 'EU sales of goods ("EU community sales (product)")',
  euServices: 'EU sales of services ("EU community sales (service)", reverse charge)',
};

/** The customer's country: its ISO code (Finland when Procountor's name is not known) and its English name. */
const customerCountry = (order: InvoiceOrder) => {
  const iso = isoCountryOf(order.customer.country) ?? 'FI';
  return { iso, name: regionName(iso) };
};

/** The company's sales VAT status of this kind, or what to switch on in Procountor. */
export const statusOfKind = (order: InvoiceOrder, statuses: SalesVatStatus[], kind: VatStatusKind): Ruling<SalesVatStatus> => {
  const found = statuses.find((s) => s.kind === kind);
  if (found) return { value: found };
  return {
    problem: `Your Procountor company has no sales VAT status for ${KIND_NAMES[kind]}, which ${order.words.label} needs. Switch it on in Procountor (${VAT_DEFAULTS_PLACE}), or pick the status in "VAT Status".`,
  };
};

/** Which lines charge no VAT, in line order (a line without a VAT % of its own takes the order's default). */
export const zeroRatedLines = (order: InvoiceOrder): boolean[] => order.lines.map((line) => lineVat(order, line) === 0);

/** Each line's own status when lines at 0 % and lines with VAT share the invoice; undefined when one status fits all. */
export const rowStatuses = (zeroRated: boolean[], zeroStatus: SalesVatStatus, withVat: SalesVatStatus | undefined) =>
  withVat ? zeroRated.map((zero) => (zero ? zeroStatus.id : withVat.id)) : undefined;

/** The buyer's VAT number, which an EU sale without VAT cannot do without: present, valid, and of the buyer's country. */
export const buyerVatNumber = (order: InvoiceOrder, what: string): Ruling<string> => {
  const { words, customer } = order;
  const country = customerCountry(order);
  const field = words.customerFields.businessId;
  const given = customer.businessId?.trim();
  const where = `${field} ${words.fixCustomerWhere}`;
  if (!given) {
    return {
      problem: `${words.label} is ${what} to ${country.name} without VAT, which needs the buyer's VAT number. Put it in ${where} (such as SE556677889901).`,
    };
  }
  const parsed = parseEuVatNumber(given);
  if (parsed.kind === 'other') {
    return {
      problem: `"${given}" in ${field} is not an EU VAT number; ${what} to ${country.name} without VAT needs the buyer's, starting with its country code (such as SE556677889901). Correct ${where}.`,
    };
  }
  if (parsed.kind === 'invalid') return { problem: `"${given}" in ${field} is not a valid VAT number (${parsed.reason}). Check it in ${where}.` };
  if (parsed.isoCountry !== country.iso) {
    return {
      problem: `"${given}" in ${field} is a VAT number of ${regionName(parsed.isoCountry)}, but the customer's country is ${country.name}. Correct the one that is wrong ${words.fixCustomerWhere}.`,
    };
  }
  return { value: parsed.normalised };
};

/** An EU sale without VAT: what the printed invoice says, the buyer's VAT number, and what the sale is, in words. */
export const euSupply = (order: InvoiceOrder, kind: 'euGoods' | 'euServices'): Ruling<{ note: string; buyerVatNumber: string; what: string }> => {
  const supply = kind === 'euGoods' ? 'goods' : 'services';
  const vat = buyerVatNumber(order, `an EU sale of ${supply}`);
  if (vat.value === undefined) return vat;
  const how = supply === 'goods' ? 'intra-Community supply' : 'reverse charge';
  return { value: { note: euVatNote(supply, vat.value), buyerVatNumber: vat.value, what: `EU sale of ${supply} to ${vat.value}: ${how}` } };
};

/** The step's own VAT Status wins, for the whole invoice: the engine only says what it means. */
export const chosenStatus = (order: InvoiceOrder, statuses: SalesVatStatus[], id: number): Outcome => {
  const chosen = statuses.find((s) => s.id === id);
  if (!chosen) {
    const listed = statuses.map(vatStatusLabel).join(', ') || 'none';
    return { problems: [`VAT Status ${id} is not one of your Procountor company's sales VAT statuses (${listed}). Pick one from the dropdown.`] };
  }
  const eu = chosen.kind === 'euGoods' || chosen.kind === 'euServices' ? euSupply(order, chosen.kind) : undefined;
  const supply = eu?.value;
  const sentence = `${statusText(chosen)}, as chosen in VAT Status${supply ? ` (${supply.what})` : ''}.`;
  return outcome({ vatStatus: chosen.id, note: supply?.note, buyerVatNumber: supply?.buyerVatNumber, sentence }, problemsIn(eu));
};

/** A sale in Finland, or abroad with VAT on every line: Domestic, as Finnish VAT is charged. */
export const vatOnEveryLine = (order: InvoiceOrder, statuses: SalesVatStatus[]): Outcome => {
  const domestic = statusOfKind(order, statuses, 'domestic');
  if (domestic.problem !== undefined) return { problems: [domestic.problem] };
  const { words } = order;
  const country = customerCountry(order);
  const sentence =
    country.iso !== 'FI'
      ? `Sale to ${country.name} with VAT on every ${words.lineNoun}: ${statusText(domestic.value)}, as ${words.label} charges Finnish VAT.`
      : `Domestic sale: ${statusText(domestic.value)}.`;
  return { treatment: { vatStatus: domestic.value.id, sentence }, problems: [] };
};

/** Åland is outside the EU's VAT area for goods only: services sold there from mainland Finland are domestic sales. */
export const alandServices = (order: InvoiceOrder, statuses: SalesVatStatus[]): Outcome => {
  const domestic = statusOfKind(order, statuses, 'domestic');
  if (domestic.problem !== undefined) return { problems: [domestic.problem] };
  const sentence = `Sale of services to the Åland Islands: ${statusText(domestic.value)}, as Finnish VAT law taxes services sold there as domestic sales; lines at 0 % keep 0 %, check them.`;
  return { treatment: { vatStatus: domestic.value.id, sentence }, problems: [] };
};

/** The kind of status lines at 0 % abroad take: an EU supply of goods or services (the step says which), or outside the EU. */
export const zeroRatedKind = (order: InvoiceOrder): Exclude<VatStatusKind, 'domestic'> => {
  if (!isEuMemberState(customerCountry(order).iso)) return 'outsideEu';
  return order.options.foreignSales === 'goods' ? 'euGoods' : 'euServices';
};

/** Lines at 0 % to a customer abroad: the EU or outside-EU status, and Domestic for any lines that charge VAT. */
export const zeroRatedAbroad = (order: InvoiceOrder, statuses: SalesVatStatus[], zeroRated: boolean[]): Outcome => {
  const kind = zeroRatedKind(order);
  const zero = statusOfKind(order, statuses, kind);
  const eu = kind === 'outsideEu' ? undefined : euSupply(order, kind);
  const domestic = zeroRated.every(Boolean) ? undefined : statusOfKind(order, statuses, 'domestic');
  const problems = problemsIn(zero, eu, domestic);
  if (zero.value === undefined || problems.length) return { problems };
  const { lineNoun } = order.words;
  const withVat = domestic?.value;
  const what = eu?.value ? `${eu.value.what},` : `Sale outside the EU (${customerCountry(order).name}):`;
  const rows = withVat ? ` for ${lineNoun}s at 0 %; ${lineNoun}s with VAT: ${statusText(withVat)}` : '';
  return {
    treatment: {
      vatStatus: zero.value.id,
      rowStatuses: rowStatuses(zeroRated, zero.value, withVat),
      note: eu?.value?.note,
      buyerVatNumber: eu?.value?.buyerVatNumber,
      sentence: `${what} ${statusText(zero.value)}${rows}.`,
    },
    problems,
  };
};

/** The treatment, or the problems that stop it (each a sentence naming what to fix); nothing is written before. */
export const vatTreatment = (order: InvoiceOrder, statuses: SalesVatStatus[]): Outcome => {
  if (order.options.vatStatus !== undefined) return chosenStatus(order, statuses, order.options.vatStatus);
  const zeroRated = zeroRatedLines(order);
  const { iso } = customerCountry(order);
  if (iso === 'FI' || !zeroRated.some(Boolean)) return vatOnEveryLine(order, statuses);
  if (iso === 'AX' && order.options.foreignSales !== 'goods') return alandServices(order, statuses);
  return zeroRatedAbroad(order, statuses, zeroRated);
};
