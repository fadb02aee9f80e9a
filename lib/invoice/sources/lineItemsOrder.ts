// Customer fields and line items mapped in a Zap step -> the invoice engine's neutral order. Reads leniently what
// Zapier hands over (numbers as text in either decimal style, line items as objects, JSON, or comma-joined lists) and
// names the line and field of anything it cannot read. Pure.
import { fitsWindows1252 } from '../../procountor/charset';
import { InputError } from '../../zapier/errors';
import { decimal, flag, text } from '../../zapier/inputs';
import type { InvoiceOrder, LineKind, OrderLine, OrderOptions, OrderVocabulary } from '../order';
import { lineLabel } from '../orderChecks';
import { identifierTypeFor } from '../../procountor/customers';
import { uniqueKeyOrderKey } from '../../procountor/invoices';
import { customerCountry, mappedCustomer } from './customerFields';

/** Long enough for any order, deal or form entry ID, short enough to leave the invoice's additional information room. */
const MAX_UNIQUE_KEY_LENGTH = 100;

const LINE_ITEM_FIELDS = ['name', 'code', 'quantity', 'unit', 'unit_price', 'discount_percent', 'vat_percent', 'description', 'kind'] as const;
type LineItemField = (typeof LINE_ITEM_FIELDS)[number];
type RawLine = Partial<Record<LineItemField, unknown>>;

const lineItemWords = (uniqueKey: string): OrderVocabulary => ({
  label: `Order "${uniqueKey}"`,
  lineNoun: 'line item',
  fixLinesWhere: 'in the Line Items of this step',
  fixCustomerWhere: 'in the customer fields of this step',
  lineFields: {
    name: 'Product Name',
    code: 'Product Code',
    quantity: 'Quantity',
    unit: 'Unit',
    unitPrice: 'Unit Price',
    discountPercent: 'Discount %',
    vatPercent: 'VAT %',
    kind: 'Kind',
  },
  customerFields: {
    name: 'name',
    businessId: 'Business ID',
    street: 'Street Address',
    postalCode: 'Postal Code',
    city: 'City',
    email: 'Email',
    contactName: 'Contact Person',
  },
  currencyField: 'the Currency field of this step',
});

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const splitList = (value: unknown): string[] => (text(value) ?? '').split(',').map((part) => part.trim());

/**
 * A step that is not line-item aware hands over one "line" whose fields are lists: arrays, or text joined with commas.
 * Those become one line per position, but only when name, quantity and price all have the same number of entries, so
 * a name with a comma ("Hosting, 12 months") or a Finnish decimal ("39,90") alone never splits a line.
 */
const spreadLists = (line: RawLine): RawLine[] => {
  const arrays = LINE_ITEM_FIELDS.filter((field) => Array.isArray(line[field]));
  if (arrays.length) {
    const count = Math.max(...arrays.map((field) => (line[field] as unknown[]).length));
    return Array.from({ length: count }, (_, i) =>
      Object.fromEntries(LINE_ITEM_FIELDS.map((field) => [field, Array.isArray(line[field]) ? (line[field] as unknown[])[i] : line[field]])),
    );
  }
  const counts = (['name', 'quantity', 'unit_price'] as const).map((field) => (typeof line[field] === 'string' ? splitList(line[field]).length : 1));
  const count = counts[0]!;
  if (count < 2 || counts.some((c) => c !== count)) return [line];
  return Array.from({ length: count }, (_, i) =>
    Object.fromEntries(
      LINE_ITEM_FIELDS.map((field) => {
        const parts = typeof line[field] === 'string' ? splitList(line[field]) : undefined;
        return [field, parts && parts.length === count ? parts[i] : line[field]];
      }),
    ),
  );
};

/** The line items as Zapier hands them over: an array of objects, one object, JSON text, or lists in one object. */
export const rawLineItems = (value: unknown): RawLine[] => {
  let parsed = value;
  if (typeof value === 'string' && value.trim().startsWith('[')) {
    try {
      parsed = JSON.parse(value);
    } catch {
      throw new InputError(
        'Line Items is text that looks like a list but cannot be read. Map each field of the line items into the Line Items fields instead.',
      );
    }
  }
  if (parsed === undefined || parsed === null || parsed === '') return [];
  const list = Array.isArray(parsed) ? parsed : [parsed];
  if (!list.every(isRecord)) {
    throw new InputError('Line Items must be filled in field by field (Product Name, Quantity, Unit Price…). Map each field of your line items there.');
  }
  const lines = (list as RawLine[]).flatMap(spreadLists);
  // Zapier sends an empty row when the user added a line and left it blank.
  return lines.filter((line) => LINE_ITEM_FIELDS.some((field) => text(line[field]) !== undefined));
};

/** A line's Kind as Zapier hands it over (`goods`, `Services`), or what to fix, naming the line. */
const kindOf = (value: unknown, line: string): { kind?: LineKind; problem?: string } => {
  const written = text(value);
  if (!written) return {};
  const kind = written.toLowerCase();
  if (kind === 'goods' || kind === 'services') return { kind };
  return { problem: `${line}: Kind "${written.slice(0, 40)}" is neither goods nor services. Pick one, or leave it empty for "What You Sell Abroad".` };
};

/** The unique key as written, checked: it becomes the invoice's searchable marker. */
const checkedUniqueKey = (value: unknown) => {
  const key = text(value);
  if (!key) {
    throw new InputError('Map the deal, order or form entry ID into "Unique Key": it is what keeps a replayed step from making a second invoice.');
  }
  if (key.length > MAX_UNIQUE_KEY_LENGTH) {
    throw new InputError(`Unique Key is ${key.length} characters long; use at most ${MAX_UNIQUE_KEY_LENGTH}, such as the order ID alone.`);
  }
  // Rewritten to fit Procountor, `shop🚀1` would become `shop1`: two orders, one marker. Refused instead.
  if (!fitsWindows1252(key)) {
    throw new InputError(
      `Unique Key "${key.slice(0, 40)}" has characters Procountor cannot store (it accepts only the Windows-1252 character set), so it could not tell this order from another. Map an ID made of letters, digits and punctuation, such as the order number.`,
    );
  }
  if (/[[\]]/.test(key)) {
    throw new InputError(`Unique Key "${key.slice(0, 40)}" contains "[" or "]", which the invoice's marker uses. Use the ID without brackets.`);
  }
  return key;
};

/** The order for this step's fields; throws one message naming every line and field it cannot read. */
export const lineItemsToOrder = (input: Record<string, unknown>, options: OrderOptions): InvoiceOrder => {
  const uniqueKey = checkedUniqueKey(input.unique_key);
  const words = lineItemWords(uniqueKey);
  const businessId = text(input.business_id);
  const { written: isoCountry, country, countryGiven } = customerCountry(text(input.country), businessId);
  if (!country) throw new InputError(`Country "${isoCountry}" is not a country Procountor knows. Use a two-letter code such as FI or SE.`);

  const problems: string[] = [];
  const f = words.lineFields;
  const lines = rawLineItems(input.line_items).map((raw, i): OrderLine => {
    const name = text(raw.name) ?? '';
    const number = (field: LineItemField, label: string): number | undefined => {
      try {
        return decimal(raw[field], label);
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        problems.push(`${lineLabel(words, i, name)}: ${error.message}`);
        return Number.NaN;
      }
    };
    const kind = kindOf(raw.kind, lineLabel(words, i, name));
    if (kind.problem) problems.push(kind.problem);
    return {
      name,
      kind: kind.kind,
      code: text(raw.code),
      description: text(raw.description),
      // An empty quantity means one, as on a receipt.
      quantity: number('quantity', f.quantity) ?? 1,
      unit: text(raw.unit),
      unitPrice: number('unit_price', f.unitPrice) ?? Number.NaN,
      discountPercent: number('discount_percent', f.discountPercent) ?? 0,
      vatPercent: number('vat_percent', f.vatPercent),
    };
  });
  if (problems.length) throw new InputError(problems.join(' '));

  return {
    idempotencyKey: uniqueKeyOrderKey(uniqueKey),
    heading: text(input.heading) ?? `Order ${uniqueKey}`,
    customer: {
      ...mappedCustomer(input, 'customer_name', country),
      countryGiven,
      businessId,
      identifierType: identifierTypeFor(isoCountry, country, businessId),
    },
    lines,
    pricesIncludeVat: flag(input.prices_include_vat, false),
    currency: text(input.currency)?.toUpperCase(),
    options,
    lineRules: { allowNegativeQuantities: flag(input.allow_negative_quantities, false), unknownUnitsAsPiece: false },
    words,
  };
};
