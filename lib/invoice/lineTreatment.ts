// Each line's VAT treatment abroad, decided per line and per customer: what the line sells (goods or services), where
// the customer is (territories.ts), whether the buyer is a business (a valid VAT number of its state) or a consumer,
// and so which kind of sales VAT status its row takes, or the sentence that says what to fix. Pure.
// Source: ../../reference/eu-vat-rules.md (Council Directive 2006/112/EC by article; the Finnish Tax Administration on
// Åland; the Windsor Framework).
import { isoCountryOf } from '../procountor/countries';
import type { VatStatusKind } from '../procountor/vat';
import { parseEuVatNumber, regionName } from '../rules/euVat';
import { territoryOf, type Territory } from '../rules/territories';
import type { InvoiceOrder, LineKind, OrderLine } from './order';
import { lineLabel } from './orderChecks';
import { lineVat } from './prepare';

/** What one rule decided, or the sentence that says what to fix instead. */
export type Ruling<T> = { value: T; problem?: undefined } | { value?: undefined; problem: string };

/** The customer's territory, or the sentence that stops the order: a country the app cannot place never becomes Finland. */
export const customerTerritory = (order: InvoiceOrder): Ruling<Territory> => {
  const iso = isoCountryOf(order.customer.country);
  if (iso) return { value: territoryOf(iso) };
  return {
    problem: `The customer's country ${order.customer.country} is not one this app can place for VAT (inside or outside the EU). Give the country as its two-letter code, such as DE or NO, ${order.words.fixCustomerWhere}.`,
  };
};

/** A line's kind and what said it (undefined `by`: the step's What You Sell Abroad, or its default, services). */
export interface KindRuling {
  kind?: LineKind;
  by?: string;
}

const codeMatches = (pattern: string, code: string) => {
  const p = pattern.trim().toUpperCase();
  const c = code.trim().toUpperCase();
  return p.endsWith('*') ? c.startsWith(p.slice(0, -1)) : c === p;
};

/** What a line sells: its own Kind, else the step's goods rules (product codes, then units), else What You Sell Abroad. */
export const lineKind = (order: InvoiceOrder, line: OrderLine): KindRuling => {
  if (line.kind) return { kind: line.kind, by: `its ${order.words.lineFields.kind}` };
  const { goodsCodes = [], goodsUnits = [], foreignSales } = order.options;
  const code = line.code?.trim();
  const byCode = code ? goodsCodes.find((pattern) => pattern.trim() && codeMatches(pattern, code)) : undefined;
  if (byCode) return { kind: 'goods', by: `product code ${byCode.trim()} in Goods Product Codes` };
  const unit = line.unit?.trim().toLowerCase();
  const byUnit = unit ? goodsUnits.find((u) => u.trim().toLowerCase() === unit) : undefined;
  if (byUnit) return { kind: 'goods', by: `unit "${line.unit!.trim()}" in Goods Units` };
  if (foreignSales === 'per_line') return {};
  return { kind: foreignSales ?? 'services' };
};

/** Who buys: a business with a VAT number of the territory's VAT country, or a consumer (no business ID at all). */
export type Buyer = { business: true; vatNumber: string } | { business: false };

/**
 * The buyer, where its VAT number decides (an EU state, Northern Ireland for goods): no business ID means a consumer
 * (Implementing Regulation 282/2011, Art. 18: a valid VAT number is the evidence of a business); a business ID that is
 * not a valid VAT number of that state stops the order, as the buyer is then a business whose number is wrong.
 */
export const buyerIn = (order: InvoiceOrder, territory: Territory & { vatCountry: string }, what: string): Ruling<Buyer> => {
  const { words, customer } = order;
  const field = words.customerFields.businessId;
  const given = customer.businessId?.trim();
  if (!given) return { value: { business: false } };
  const where = `${field} ${words.fixCustomerWhere}`;
  const countsAs = territory.kind === 'eu' ? territory.countsAs : undefined;
  const country = `${territory.name}${countsAs ? ` (which counts as ${countsAs} for VAT)` : ''}`;
  const parsed = parseEuVatNumber(given);
  if (parsed.kind === 'other') {
    return {
      problem: `"${given}" in ${field} is not an EU VAT number; ${what} to ${country} without VAT needs the buyer's, starting with its country code (such as ${territory.vatCountry === 'XI' ? 'XI123456782' : 'SE556677889901'}). Correct ${where}.`,
    };
  }
  if (parsed.kind === 'invalid') return { problem: `"${given}" in ${field} is not a valid VAT number (${parsed.reason}). Check it in ${where}.` };
  if (parsed.isoCountry !== territory.vatCountry) {
    return {
      problem: `"${given}" in ${field} is a VAT number of ${regionName(parsed.isoCountry)}, but the customer's country is ${country}. Correct the one that is wrong ${words.fixCustomerWhere}.`,
    };
  }
  return { value: { business: true, vatNumber: parsed.normalised } };
};

/** Whether the buyer is a business as far as a warning needs to know: a valid VAT number in the EU, any business ID outside. */
const looksLikeBusiness = (order: InvoiceOrder, territory: Territory): boolean => {
  const given = order.customer.businessId?.trim();
  if (!given) return false;
  if (territory.kind !== 'eu') return true;
  const parsed = parseEuVatNumber(given);
  return parsed.kind === 'eu' && parsed.isoCountry === territory.vatCountry;
};

/** A line's row: the kind of status it takes, or the problem naming the line. `consumer` marks an EU consumer's line. */
export type RowRuling = { status: VatStatusKind; problem?: undefined } | { status?: undefined; problem: RowProblem };

/** Why a line at 0 % cannot be invoiced so: grouped by cause, so one sentence names every line it applies to. */
export type RowProblem = 'kindUnknown' | 'alandServices' | 'euConsumerServices' | 'euConsumerGoods';

/** The row of a line at 0 % VAT to a customer abroad (the buyer is read only where it decides). */
export const zeroRatedRow = (territory: Territory, kind: LineKind | undefined, buyer: () => Buyer | undefined): RowRuling => {
  if (territory.kind === 'finland') return { status: 'domestic' };
  if (territory.kind === 'outside') return { status: 'outsideEu' };
  if (territory.kind === 'northernIreland' && kind === 'services') return { status: 'outsideEu' };
  if (!kind) return { problem: 'kindUnknown' };
  if (territory.kind === 'aland') return kind === 'goods' ? { status: 'outsideEu' } : { problem: 'alandServices' };
  const who = buyer();
  if (!who) return { status: kind === 'goods' ? 'euGoods' : 'euServices' }; // the buyer's own problem is said once
  if (!who.business) return { problem: kind === 'goods' ? 'euConsumerGoods' : 'euConsumerServices' };
  return { status: kind === 'goods' ? 'euGoods' : 'euServices' };
};

/** What stops lines at 0 %, one sentence per cause naming its lines. */
export const rowProblemSentence = (order: InvoiceOrder, territory: Territory, problem: RowProblem, lines: number[]): string => {
  const { words } = order;
  const named = lines.map((i) => lineLabel(words, i, order.lines[i]!.name)).join(', ');
  const where = territory.name;
  const asBusiness = `or, if the buyer is a business, put its VAT number in ${words.customerFields.businessId} ${words.fixCustomerWhere}`;
  switch (problem) {
    case 'kindUnknown':
      return `${named} ${lines.length > 1 ? 'are' : 'is'} at 0 % VAT to ${where}, where goods and services are taxed differently, but nothing says which ${lines.length > 1 ? 'they sell' : 'it sells'}. Say it in ${words.lineFields.kind}, or choose goods or services in "What You Sell Abroad".`;
    case 'alandServices':
      return `${named}: services sold to the Åland Islands from mainland Finland carry Finnish VAT (the Finnish Tax Administration, "Åland's special status"), not 0 %. Give ${lines.length > 1 ? 'them' : 'it'} the Finnish VAT rate ${words.fixLinesWhere}, or mark ${lines.length > 1 ? 'them' : 'it'} as goods if ${lines.length > 1 ? 'they are' : 'it is'}.`;
    case 'euConsumerServices':
      return `${named}: services at 0 % to a buyer in ${where} with no VAT number, so a consumer. General services to consumers in the EU carry Finnish VAT (Article 45, Council Directive 2006/112/EC); electronically supplied, telecom and broadcasting services are taxed in the consumer's country through the OSS (Article 58). Give ${lines.length > 1 ? 'them' : 'it'} the Finnish VAT rate ${words.fixLinesWhere}, ${asBusiness}.`;
    case 'euConsumerGoods':
      return `${named}: goods at 0 % to a buyer in ${where} with no VAT number, so a consumer. Goods sold to consumers in the EU carry Finnish VAT until your distance sales pass the EU threshold (then the consumer's country's VAT, through the OSS). Give ${lines.length > 1 ? 'them' : 'it'} the VAT rate that applies ${words.fixLinesWhere}, ${asBusiness}.`;
  }
};

/** Lines that charge Finnish VAT on services to a business abroad: Art. 44 taxes those where the buyer is. */
export const servicesWithVatWarning = (order: InvoiceOrder, territory: Territory, kinds: KindRuling[]): string | undefined => {
  if (territory.kind === 'finland' || territory.kind === 'aland' || !looksLikeBusiness(order, territory)) return undefined;
  const lines = order.lines.flatMap((line, i) => ((lineVat(order, line) ?? 1) !== 0 && kinds[i]!.kind === 'services' ? [i] : []));
  if (!lines.length) return undefined;
  const named = lines.map((i) => lineLabel(order.words, i, order.lines[i]!.name)).join(', ');
  const inEu = territory.kind === 'eu';
  return `${named} ${lines.length > 1 ? 'charge' : 'charges'} Finnish VAT on services to a business in ${territory.name}: general services to a business abroad are taxed where the buyer is (Article 44, Council Directive 2006/112/EC), so invoiced at 0 %${inEu ? ' with the reverse charge' : ''}, unless they concern land or buildings in Finland, or admission to an event held here (Articles 47 and 53). Check the VAT % ${order.words.fixLinesWhere}.`;
};

/** Services at 0 % to a buyer outside the EU with no business ID: a consumer's are outside EU VAT only under Art. 59. */
export const outsideConsumerWarning = (order: InvoiceOrder, territory: Territory, kinds: KindRuling[]): string | undefined => {
  const outside = territory.kind === 'outside' || territory.kind === 'northernIreland';
  if (!outside || order.customer.businessId?.trim()) return undefined;
  const lines = order.lines.flatMap((line, i) => (lineVat(order, line) === 0 && kinds[i]!.kind !== 'goods' ? [i] : []));
  if (!lines.length) return undefined;
  return `The buyer in ${territory.name} has no business ID, so may be a consumer: services to a consumer outside the EU are outside EU VAT only when Article 59 names them (consultancy, engineering, legal, accounting, advertising, data processing, information, banking, staff, hire of movables, electronically supplied or telecom services); others carry Finnish VAT (Article 45). Check ${lines.map((i) => lineLabel(order.words, i, order.lines[i]!.name)).join(', ')}.`;
};
