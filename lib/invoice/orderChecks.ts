// Whether an order can become an invoice, and if not, exactly what to fix, in the words of the order's source
// (a Pricing Table line in a proposal, a line item in a Zap step). Pure.
import { FIELD_LIMITS, MAX_ABS_QUANTITY, MAX_ABS_UNIT_PRICE } from '../procountor/limits';
import type { InvoiceChannel } from '../procountor/schemas';
import { recognisedUnit, UNIT_EXAMPLES } from '../procountor/units';
import type { InvoiceOrder, OrderLine, OrderVocabulary } from './order';

const tooLong = (value: string | null | undefined, max: number) => (value?.trim().length ?? 0) > max;

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** `Pricing Table line 2 ("Hosting")`: the line's number as the user counts, and its name when it has one. */
export const lineLabel = (words: OrderVocabulary, index: number, name: string | undefined) =>
  `${capitalised(words.lineNoun)} ${index + 1}${name?.trim() ? ` ("${name.trim().slice(0, 60)}")` : ''}`;

/** What stops one line, in the words of the order's source. */
const lineProblems = ({ words, lineRules }: InvoiceOrder, item: OrderLine, i: number): string[] => {
  const f = words.lineFields;
  const problems: string[] = [];
  const line = lineLabel(words, i, item.name);
  if (!item.name?.trim()) problems.push(`${line} has no ${f.name}. Give every ${words.lineNoun} a ${f.name}.`);
  if (!Number.isFinite(item.quantity) || item.quantity === 0) problems.push(`${line} has no ${f.quantity}. Give it a ${f.quantity} other than 0.`);
  else if (item.quantity < 0 && !lineRules.allowNegativeQuantities) {
    problems.push(
      `${line} has the ${f.quantity} ${item.quantity}, below zero. Use a positive ${f.quantity}, or turn on "Allow Negative Quantities (Credit Lines)" if this line is meant as a credit.`,
    );
  }
  if (!Number.isFinite(item.unitPrice)) problems.push(`${line} has no ${f.unitPrice}.`);
  // A negative price credits as a negative quantity does, and is as often a mapping mistake: the same switch lets it through.
  else if (item.unitPrice < 0 && !lineRules.allowNegativeQuantities) {
    problems.push(
      `${line} has the ${f.unitPrice} ${item.unitPrice}, below zero. Use a positive ${f.unitPrice}, or turn on "Allow Negative Quantities (Credit Lines)" if this line is meant as a credit.`,
    );
  }
  if (Math.abs(item.quantity) > MAX_ABS_QUANTITY || Math.abs(item.unitPrice) > MAX_ABS_UNIT_PRICE) {
    problems.push(
      `${line} has a ${f.quantity} or ${f.unitPrice} too large for an invoice (${item.quantity} × ${item.unitPrice}). Check it ${words.fixLinesWhere}.`,
    );
  }
  if (tooLong(item.name, FIELD_LIMITS.product))
    problems.push(`${line} has a ${f.name} longer than ${FIELD_LIMITS.product} characters. Shorten it ${words.fixLinesWhere}.`);
  if (tooLong(item.code, FIELD_LIMITS.code)) problems.push(`${line} has a ${f.code} longer than ${FIELD_LIMITS.code} characters.`);
  if (!lineRules.unknownUnitsAsPiece && item.unit?.trim() && !recognisedUnit(item.unit)) {
    problems.push(
      `${line} has the ${f.unit} "${item.unit.trim().slice(0, 40)}", which Procountor does not know. Use a unit such as ${UNIT_EXAMPLES} (or leave it empty for pieces).`,
    );
  }
  const discount = item.discountPercent;
  if (!Number.isFinite(discount) || discount < 0 || discount > 100) {
    problems.push(`${line} has a ${f.discountPercent} of ${discount} %; a discount must be from 0 to 100 %.`);
  }
  return problems;
};

/** Problems that stop the invoice, each a sentence a Zap builder can act on; empty when the order is fine. */
export const orderProblems = (order: InvoiceOrder, channel: InvoiceChannel | undefined): string[] => {
  const { words, customer } = order;
  const problems: string[] = [];
  if (!order.lines.length) {
    problems.push(`${words.label} has no lines. Add at least one ${words.lineNoun} ${words.fixLinesWhere}.`);
  }
  order.lines.forEach((item, i) => problems.push(...lineProblems(order, item, i)));
  const c = words.customerFields;
  if (!customer.name?.trim()) {
    problems.push(`${words.label} has no customer ${c.name}. Fill in the customer's ${c.name} ${words.fixCustomerWhere}.`);
  }
  const fieldLimits: Array<[string, string | undefined, number]> = [
    [c.name, customer.name, FIELD_LIMITS.name],
    [c.street, customer.street, FIELD_LIMITS.street],
    [c.postalCode, customer.postalCode, FIELD_LIMITS.zip],
    [c.city, customer.city, FIELD_LIMITS.city],
    [c.email, customer.email, FIELD_LIMITS.email],
    [c.contactName, customer.contactName, FIELD_LIMITS.contactPersonName],
    [c.businessId, customer.businessId, FIELD_LIMITS.identifier],
  ];
  for (const [field, value, max] of fieldLimits) {
    if (tooLong(value, max))
      problems.push(`${words.label} has a customer ${field} longer than Procountor's ${max} characters. Shorten it ${words.fixCustomerWhere}.`);
  }
  if (channel === 'MAIL') {
    const missing = (
      [
        [c.street, customer.street],
        [c.postalCode, customer.postalCode],
        [c.city, customer.city],
      ] as const
    )
      .filter(([, value]) => !value?.trim())
      .map(([field]) => field);
    if (missing.length) {
      problems.push(
        `${words.label} is missing the customer's ${missing.join(', ')}, which a paper invoice needs. ` +
          `Fill in the ${c.street}, ${c.postalCode} and ${c.city} ${words.fixCustomerWhere}, or choose e-mail as the invoice channel.`,
      );
    }
  }
  if (channel === 'EMAIL' && !customer.email?.trim()) {
    problems.push(
      `${words.label} has no customer ${c.email}, which an e-mailed invoice needs. Add the customer's ${c.email} ${words.fixCustomerWhere}, or choose another invoice channel.`,
    );
  }
  return problems;
};

/** All problems in one message, with the source's tip when lines or the address are what needs fixing. */
export const haltMessage = (problems: string[], words: OrderVocabulary) => {
  const tipFits = words.templateTip && problems.some((p) => p.includes(capitalised(words.lineNoun)) || p.includes(words.customerFields.street));
  return [...problems, ...(tipFits ? [words.templateTip!] : [])].join(' ');
};
