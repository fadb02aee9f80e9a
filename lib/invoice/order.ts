// The neutral invoice order: what the invoice engine turns into a Procountor customer, products and an Unfinished
// invoice. Every source (a Click2Contract contract, line items mapped in a Zap) is mapped to this shape by a thin
// adapter; the engine knows nothing of where an order came from beyond the words it uses in messages.
import type { Customer } from '../procountor/customers';
import type { ExchangeRateType, InvoiceChannel, Language } from '../procountor/schemas';

export interface OrderLine {
  name: string;
  code?: string;
  description?: string;
  quantity: number;
  /** Free text as the user wrote it (`kpl`, `h`, `month`); the engine maps it to Procountor's unit. */
  unit?: string;
  unitPrice: number;
  discountPercent: number;
  /** Undefined when the source left it out; the order's default VAT then applies. */
  vatPercent?: number;
  /** What the line sells, when its source says (a line item's Kind); else the step's goods rules and What You Sell Abroad. */
  kind?: LineKind;
}

/** What a line sells: the VAT Directive taxes goods and services abroad by different rules. */
export type LineKind = 'goods' | 'services';

export interface OrderOptions {
  invoiceDate?: string;
  paymentTermDays?: number;
  bankAccountIban?: string;
  channel?: InvoiceChannel;
  /** Undefined: the customer's country decides (languageForCountry). */
  language?: Language;
  notes?: string;
  defaultVatPercent?: number;
  /**
   * What lines at 0 % VAT abroad sell when nothing else says: services (reverse charge in the EU, the default) or goods;
   * `per_line`: every such line must say (its Kind, or the goods rules below), or the order halts naming it.
   */
  foreignSales?: LineKind | 'per_line';
  /** Product codes whose lines are goods (`LC-100`, or a prefix ending in `*`: `HW-*`), as the Zap builder lists them. */
  goodsCodes?: string[];
  /** Units whose lines are goods (`kpl`, `pcs`), compared as written, case aside. */
  goodsUnits?: string[];
  /** A sales VAT status of the company's that overrides the one the engine would choose, for the whole invoice. */
  vatStatus?: number;
  /** The rate a foreign-currency invoice takes: Procountor's accounting exchange rate unless the step asks otherwise. */
  exchangeRateType?: ExchangeRateType;
}

/** The words messages use for this order's source, so both actions share every sentence. */
export interface OrderVocabulary {
  /** "Contract C-1042", "Order 1042": the order as a whole. */
  label: string;
  /** "Pricing Table line", "Line item": one line, followed by its number. */
  lineNoun: string;
  /** Where the user fixes a line: "in the Pricing Table", "in the Line Items of this step". */
  fixLinesWhere: string;
  /** Where the user fixes customer data: "in the proposal", "in the customer fields of this step". */
  fixCustomerWhere: string;
  /**
   * Each line field as the user sees it ("quantity" in a Pricing Table, "Quantity" among the Line Items of a step),
   * so a message about a bad line names the field the user has to change.
   */
  lineFields: Record<'name' | 'code' | 'quantity' | 'unit' | 'unitPrice' | 'discountPercent' | 'vatPercent' | 'kind', string>;
  /** Each customer field as the user sees it ("Address" in a proposal, "street address" in this step). */
  customerFields: Record<'name' | 'businessId' | 'street' | 'postalCode' | 'city' | 'email' | 'contactName', string>;
  /** Where the order's currency comes from: "the Pricing Table currency", "Currency". */
  currencyField: string;
  /** Added once to a halt about lines or the address, when the source has a known fix (Click2Contract's template tip). */
  templateTip?: string;
}

/**
 * Which lines a source may carry. Added to the order (beyond the lead's first shape) because the two sources differ
 * here by design: a Pricing Table's negative line is a deliberate credit and its free-text unit has always fallen
 * back to "piece", while mapped line items come from other apps, where a negative quantity or an unknown unit is far
 * more often a mapping mistake; there the user opts in to credits with a switch.
 */
interface OrderLineRules {
  allowNegativeQuantities: boolean;
  /** When false, a unit Procountor does not know halts the order instead of becoming "piece". */
  unknownUnitsAsPiece: boolean;
}

export interface InvoiceOrder {
  /**
   * What makes the order exactly-once: the engine writes `[<idempotencyKey>]` into the invoice's additional
   * information (the field Procountor's invoice search reads) and looks for it before creating anything.
   * `C2C:<contract id>` for contracts, `KEY:<unique key>` for mapped line items.
   */
  idempotencyKey: string;
  /** Shown to the buyer before the marker in the additional information, e.g. "Contract C-1042: Website renewal". */
  heading: string;
  /** Procountor's agreement number, when the source has one (the contract number). */
  agreementNumber?: string;
  customer: Customer;
  lines: OrderLine[];
  pricesIncludeVat: boolean;
  /** ISO 4217, as the source gives it; undefined: the company's own currency. */
  currency?: string;
  options: OrderOptions;
  lineRules: OrderLineRules;
  words: OrderVocabulary;
}
