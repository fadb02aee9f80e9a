// An invoice's VAT treatment: which of the company's sales VAT statuses each row carries (decided per line: what it
// sells, at what VAT, to whom and where, lineTreatment.ts), what the printed invoice must say when no VAT is charged to
// a business in the EU, and one sentence that tells the Zap builder and the accountant what was chosen and why, with a
// warning where the rules leave a doubt the step cannot settle. Never a silent guess. Pure.
import { VAT_DEFAULTS_PLACE, vatStatusLabel, type SalesVatStatus, type VatStatusKind } from '../procountor/vat';
import { euVatNote } from '../rules/euVat';
import type { Territory } from '../rules/territories';
import {
  buyerIn,
  customerTerritory,
  lineKind,
  outsideConsumerWarning,
  rowProblemSentence,
  servicesWithVatWarning,
  zeroRatedRow,
  type Buyer,
  type KindRuling,
  type RowProblem,
  type RowRuling,
  type Ruling,
} from './lineTreatment';
import type { InvoiceOrder } from './order';
import { lineLabel } from './orderChecks';
import { lineVat } from './prepare';

export interface VatTreatment {
  /** The invoice's VAT status (Procountor requires one on every sales invoice). */
  vatStatus: number;
  /** Each line's own status, in line order, when the lines need different ones (a row's status overrides the invoice's). */
  rowStatuses?: number[];
  /** "EU sale of services to SE556677889901: reverse charge, VAT status 19 (EU community sales (service))". */
  sentence: string;
  /** What the printed invoice must say (EU law), one legal text a line, before the order marker in the additional information. */
  note?: string;
  /** The buyer's VAT number, for `counterParty.taxCode` and `identifier` as in Procountor's EU example invoice. */
  buyerVatNumber?: string;
  /** What the rules leave in doubt and the step cannot settle (`vat_warning`): the Zap can act on it. */
  warning?: string;
}

/** The treatment, or the problems that stop it (each a sentence naming what to fix); nothing is written before. */
type Outcome = { treatment?: VatTreatment; problems: string[] };

const problemsIn = (...rulings: Array<Ruling<unknown> | undefined>) => rulings.flatMap((ruling) => (ruling?.problem === undefined ? [] : [ruling.problem]));

const statusText = (status: SalesVatStatus) => `VAT status ${status.id}${status.description ? ` (${status.description})` : ''}`;

const KIND_NAMES: Record<VatStatusKind, string> = {
  domestic: 'domestic sales ("Domestic")',
  outsideEu: 'sales outside the EU ("Outside of the EU")',
  euGoods: 'EU sales of goods ("EU community sales (product)")',
  euServices: 'EU sales of services ("EU community sales (service)", reverse charge)',
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

const hasVatCountry = (t: Territory): t is Territory & { vatCountry: string } => t.kind === 'eu' || t.kind === 'northernIreland';

/** The buyer, read once and only when a line's row depends on it (an EU state; Northern Ireland for goods). */
const buyerOnce = (order: InvoiceOrder, territory: Territory, what: string) => {
  let ruling: Ruling<Buyer> | undefined;
  return {
    read: () => {
      if (!hasVatCountry(territory)) return undefined;
      ruling ??= buyerIn(order, territory, what);
      return ruling.value;
    },
    problem: () => ruling?.problem,
  };
};

/** What a row of this kind is, in words, before its status: "EU sale of services to SE556677889901: reverse charge,". */
const rowWhat = (kind: VatStatusKind, territory: Territory, buyer: Buyer | undefined): string => {
  const vat = buyer?.business ? buyer.vatNumber : '';
  const asFrance = territory.kind === 'eu' && territory.countsAs ? ` (${territory.name} counts as ${territory.countsAs}, Article 7)` : '';
  if (kind === 'euGoods') {
    if (territory.kind === 'northernIreland') return `Sale of goods to Northern Ireland (${vat}): intra-Community supply under the Windsor Framework,`;
    return `EU sale of goods to ${vat}: intra-Community supply${asFrance},`;
  }
  if (kind === 'euServices') return `EU sale of services to ${vat}: reverse charge${asFrance},`;
  if (territory.kind === 'aland') return 'Sale of goods to the Åland Islands, across the tax border:';
  if (territory.kind === 'northernIreland') return 'Sale of services to Northern Ireland, outside the EU for services:';
  return `Sale outside the EU (${territory.name}):`;
};

/** "Pricing Table line 1" or "Pricing Table lines 2 and 3". */
const lineNumbers = (order: InvoiceOrder, lines: number[]) => {
  const numbers = lines.map((i) => String(i + 1));
  const list = numbers.length > 1 ? `${numbers.slice(0, -1).join(', ')} and ${numbers.at(-1)}` : numbers[0];
  return `${order.words.lineNoun}${lines.length > 1 ? 's' : ''} ${list}`;
};

interface Decided {
  territory: Territory;
  rows: VatStatusKind[];
  statusOf: Map<VatStatusKind, SalesVatStatus>;
  kinds: KindRuling[];
  buyer?: Buyer;
}

/** The one sentence: each kind of row and its status, which lines take it when kinds differ, and what said a line's kind. */
const sentenceOf = (order: InvoiceOrder, { territory, rows, statusOf, kinds, buyer }: Decided): string => {
  const { words } = order;
  const used = [...new Set(rows)];
  const domestic = statusOf.get('domestic');
  if (used.length === 1 && used[0] === 'domestic') {
    if (territory.kind === 'finland') return `Domestic sale: ${statusText(domestic!)}.`;
    return `Sale to ${territory.name} with VAT on every ${words.lineNoun}: ${statusText(domestic!)}, as ${words.label} charges Finnish VAT.`;
  }
  const abroad = used.filter((kind) => kind !== 'domestic');
  const parts = abroad.map((kind) => {
    const which =
      abroad.length > 1
        ? ` for ${lineNumbers(
            order,
            rows.flatMap((k, i) => (k === kind ? [i] : [])),
          )}`
        : used.length > 1
          ? ` for ${words.lineNoun}s at 0 %`
          : '';
    return `${rowWhat(kind, territory, buyer)} ${statusText(statusOf.get(kind)!)}${which}`;
  });
  if (domestic && used.includes('domestic')) parts.push(`${words.lineNoun}s with VAT: ${statusText(domestic)}`);
  const said = rows.flatMap((kind, i) => (kind !== 'domestic' && kinds[i]!.by ? [`${lineNumbers(order, [i])} is ${kinds[i]!.kind} by ${kinds[i]!.by}`] : []));
  return `${parts.join('; ')}.${said.length ? ` ${said.join('; ')}.` : ''}`;
};

/** The legal texts the printed invoice carries: one for each kind of EU row, in the order the rows first need them. */
const legalTexts = (rows: VatStatusKind[], buyer: Buyer | undefined) => {
  if (!buyer?.business) return undefined;
  const texts = [...new Set(rows)].flatMap((kind) =>
    kind === 'euGoods' ? [euVatNote('goods', buyer.vatNumber)] : kind === 'euServices' ? [euVatNote('services', buyer.vatNumber)] : [],
  );
  return texts.length ? texts.join('\n') : undefined;
};

/** Each line's row, or every problem at once (the lines named, grouped by cause). */
const rowsOf = (order: InvoiceOrder, territory: Territory, kinds: KindRuling[]) => {
  const zero = zeroRatedLines(order);
  const zeroKinds = [...new Set(kinds.filter((_, i) => zero[i]).map((k) => k.kind ?? 'goods or services'))].join(' and ');
  const buyer = buyerOnce(order, territory, `a sale of ${zeroKinds}`);
  const rulings: RowRuling[] = order.lines.map((_, i) => (zero[i] ? zeroRatedRow(territory, kinds[i]!.kind, buyer.read) : { status: 'domestic' }));
  const byCause = new Map<RowProblem, number[]>();
  rulings.forEach((r, i) => r.problem && byCause.set(r.problem, [...(byCause.get(r.problem) ?? []), i]));
  const problems = [...byCause].map(([cause, lines]) => rowProblemSentence(order, territory, cause, lines));
  const buyerProblem = buyer.problem();
  if (buyerProblem) problems.unshift(buyerProblem);
  return { rows: rulings.map((r) => r.status ?? 'domestic'), problems, buyer: buyer.read() };
};

/** Every line decided on its own: the statuses its rows need, or what stops them. */
const perLine = (order: InvoiceOrder, statuses: SalesVatStatus[], territory: Territory): Outcome => {
  const kinds = order.lines.map((line) => lineKind(order, line));
  const { rows, problems, buyer } = rowsOf(order, territory, kinds);
  if (problems.length) return { problems };
  const used = [...new Set(rows)];
  const found = used.map((kind) => [kind, statusOfKind(order, statuses, kind)] as const);
  const missing = problemsIn(...found.map(([, ruling]) => ruling));
  if (missing.length) return { problems: missing };
  const statusOf = new Map(found.map(([kind, ruling]) => [kind, ruling.value!]));
  const header = statusOf.get(used.find((kind) => kind !== 'domestic') ?? 'domestic')!;
  const warnings = [servicesWithVatWarning(order, territory, kinds), outsideConsumerWarning(order, territory, kinds)].filter(Boolean);
  const eu = rows.some((kind) => kind === 'euGoods' || kind === 'euServices');
  return {
    problems: [],
    treatment: {
      vatStatus: header.id,
      rowStatuses: used.length > 1 ? rows.map((kind) => statusOf.get(kind)!.id) : undefined,
      sentence: sentenceOf(order, { territory, rows, statusOf, kinds, buyer }),
      note: legalTexts(rows, buyer),
      buyerVatNumber: eu && buyer?.business ? buyer.vatNumber : undefined,
      warning: warnings.length ? warnings.join(' ') : undefined,
    },
  };
};

/** A picked EU status: the buyer must be a business of an EU state (Northern Ireland for goods) with its VAT number. */
const chosenEuSupply = (order: InvoiceOrder, chosen: SalesVatStatus, territory: Territory): Ruling<Buyer & { business: true }> => {
  const supply = chosen.kind === 'euGoods' ? 'goods' : 'services';
  const label = vatStatusLabel(chosen);
  if (!hasVatCountry(territory) || (territory.kind === 'northernIreland' && supply === 'services')) {
    return {
      problem: `VAT Status ${label} is for EU sales of ${supply}, but the customer is in ${territory.name}. Pick another status, or leave VAT Status empty.`,
    };
  }
  const buyer = buyerIn(order, territory, `an EU sale of ${supply}`);
  if (buyer.problem !== undefined) return buyer;
  if (!buyer.value.business) {
    return {
      problem: `VAT Status ${label} is an EU sale of ${supply}, which needs the buyer's VAT number. Put it in ${order.words.customerFields.businessId} ${order.words.fixCustomerWhere}.`,
    };
  }
  return { value: buyer.value };
};

/** The step's own VAT Status wins, for the whole invoice, unless the lines contradict it: the engine says what it means. */
export const chosenStatus = (order: InvoiceOrder, statuses: SalesVatStatus[], id: number): Outcome => {
  const chosen = statuses.find((s) => s.id === id);
  if (!chosen) {
    const listed = statuses.map(vatStatusLabel).join(', ') || 'none';
    return { problems: [`VAT Status ${id} is not one of your Procountor company's sales VAT statuses (${listed}). Pick one from the dropdown.`] };
  }
  const problems: string[] = [];
  // Procountor: "With any status other than Domestic, the VAT percent is 0" ("VAT status").
  const charging = order.lines.flatMap((line, i) => ((lineVat(order, line) ?? 1) !== 0 ? [lineLabel(order.words, i, line.name)] : []));
  if (chosen.kind !== 'domestic' && charging.length) {
    problems.push(
      `VAT Status ${vatStatusLabel(chosen)} is not Domestic, so every ${order.words.lineNoun} must be at 0 % VAT (Procountor: "With any status other than Domestic, the VAT percent is 0"), but ${charging.join(', ')} ${charging.length > 1 ? 'charge' : 'charges'} VAT. Pick a Domestic status, or leave VAT Status empty to let the step choose line by line.`,
    );
  }
  const territory = customerTerritory(order);
  const eu = territory.value && (chosen.kind === 'euGoods' || chosen.kind === 'euServices') ? chosenEuSupply(order, chosen, territory.value) : undefined;
  problems.push(...problemsIn(eu));
  if (problems.length) return { problems };
  const buyer = eu?.value;
  const what = buyer ? ` (${rowWhat(chosen.kind!, territory.value!, buyer).replace(/[,:]$/, '')})` : '';
  const note = buyer ? euVatNote(chosen.kind === 'euGoods' ? 'goods' : 'services', buyer.vatNumber) : undefined;
  return {
    problems: [],
    treatment: { vatStatus: chosen.id, note, buyerVatNumber: buyer?.vatNumber, sentence: `${statusText(chosen)}, as chosen in VAT Status${what}.` },
  };
};

/** The treatment, or the problems that stop it (each a sentence naming what to fix); nothing is written before. */
export const vatTreatment = (order: InvoiceOrder, statuses: SalesVatStatus[]): Outcome => {
  if (order.options.vatStatus !== undefined) return chosenStatus(order, statuses, order.options.vatStatus);
  const territory = customerTerritory(order);
  if (territory.problem !== undefined) return { problems: [territory.problem] };
  return perLine(order, statuses, territory.value);
};
