// An order made ready for Procountor: its text fitted, every check run, its lines as the products and rows they become.
// Pure.
import type { CompanyData } from '../procountor/companyData';
import type { ProductWanted } from '../procountor/products';
import type { Currency, InvoiceChannel } from '../procountor/schemas';
import { toProcountorUnit } from '../procountor/units';
import { normaliseProductName } from '../rules/productMatch';
import { fitOrderForProcountor } from './fitText';
import { fitUnitPrices } from './unitPrices';
import type { InvoiceOrder, OrderLine } from './order';
import { orderProblems } from './orderChecks';
import { vatProblems } from './companyRules';

export interface PreparedOrder {
  order: InvoiceOrder;
  problems: string[];
  adjustments: string[];
}

/**
 * An order checked (orderChecks.ts, the company's VAT rates) and fitted to Procountor (fitText.ts) before anything is
 * written. Called twice: before any
 * request, with the channel the user chose and no company data, and after the reads, with the company's VAT rates and
 * the channel the customer's record decides; nothing is written until the second call finds no problem.
 */
export const prepareOrder = (order: InvoiceOrder, context: { channel?: InvoiceChannel; invoiceDate: string; company?: CompanyData }): PreparedOrder => {
  // Text first: the checks below judge the text Procountor will get, and every change is listed for the output.
  const fitted = fitOrderForProcountor(order);
  const priced = fitUnitPrices(fitted.order);
  order = priced.order;
  const problems = [...fitted.problems, ...orderProblems(order, context.channel)];
  if (context.company) {
    const vats = order.lines.map((line) => ({ name: line.name, vatPercent: lineVat(order, line) }));
    problems.push(...vatProblems(vats, context.company.vatRates, context.invoiceDate, order.words));
  }
  return { order, problems, adjustments: [...fitted.adjustments, ...priced.adjustments] };
};

/** A line's VAT: its own, else the order's default. */
export const lineVat = (order: InvoiceOrder, line: OrderLine) => line.vatPercent ?? order.options.defaultVatPercent;

/** Lines that name the same product (by code, else by normalised name) share one product. */
export const productKey = (line: OrderLine) => (line.code?.trim() ? `code:${line.code.trim().toLowerCase()}` : `name:${normaliseProductName(line.name)}`);

/** The products the order's lines need, one per product key, as the catalogue finds or makes them, priced in the invoice's currency. */
export const wantedProducts = (order: InvoiceOrder, currency: Currency): Array<[string, ProductWanted]> => {
  const distinct = new Map<string, OrderLine>();
  for (const line of order.lines) if (!distinct.has(productKey(line))) distinct.set(productKey(line), line);
  return [...distinct].map(([key, line]) => [
    key,
    {
      name: line.name.trim(),
      code: line.code?.trim() || undefined,
      unit: toProcountorUnit(line.unit),
      price: line.unitPrice,
      vatPercent: lineVat(order, line),
      currency,
    },
  ]);
};
