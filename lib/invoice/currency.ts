// The invoice's currency: the order's own (a Pricing Table's, the step's Currency), else the company's; an invoice in
// another currency than the company keeps its books in carries Procountor's exchange rate for the invoice date.
import type { ProcountorClient } from '../procountor/client';
import type { CompanyData } from '../procountor/companyData';
import { CURRENCIES } from '../procountor/enums';
import type { Currency, ExchangeRateType } from '../procountor/schemas';
import type { InvoiceOrder } from './order';

export interface InvoiceCurrency {
  currency: Currency;
  /** `paymentInfo.currencyRate`: units of the invoice's currency per one unit of the company's (1 when they are the same). */
  rate: number;
  /** "11.2 SEK per 1 EUR, Procountor's accounting exchange rate for 2026-11-24 (why that rate)"; empty when no rate was needed. */
  rateNote: string;
}

const RATE_NAMES: Record<ExchangeRateType, string> = {
  PROCOUNTOR_ACCOUNTING_EXCHANGE_RATE: "Procountor's accounting exchange rate",
  ACCOUNT_CURRENCY_BUYING_RATE: 'the account currency buying rate',
};

const isCurrency = (code: string): code is Currency => (CURRENCIES as readonly string[]).includes(code);

const DENSITY_NAMES: Record<string, string> = {
  DAILY_EXCHANGE_RATE: 'daily exchange rates',
  LAST_DAY_OF_THE_MONTH: "the month's last day's exchange rates",
};

/**
 * The rate type a foreign-currency invoice takes, and why: the step's Exchange Rate Type, else the company's setting.
 * Procountor: "if you have specified the use of a rate other than the Procountor rate in Basic company info, the account
 * currency buying rate will be used on sales invoices" (reference/procountor-use-cases.md, Currencies).
 */
export const rateTypeFor = (chosen: ExchangeRateType | undefined, density: string | null): { rateType: ExchangeRateType; why: string } => {
  if (chosen) return { rateType: chosen, why: 'as chosen in Exchange Rate Type' };
  if (!density) return { rateType: 'PROCOUNTOR_ACCOUNTING_EXCHANGE_RATE', why: "as your Procountor company's Basic company info names no other rate" };
  if (density === 'PROCOUNTOR_FIXED_RATE') return { rateType: 'PROCOUNTOR_ACCOUNTING_EXCHANGE_RATE', why: "as your Procountor company uses Procountor's rate" };
  const uses = DENSITY_NAMES[density] ?? `the rate "${density}"`;
  return {
    rateType: 'ACCOUNT_CURRENCY_BUYING_RATE',
    why: `as your Procountor company uses ${uses}, and Procountor then takes the buying rate on sales invoices`,
  };
};

/** The currency and its rate, or the problem that stops the invoice (nothing is written before). */
export const invoiceCurrency = async (
  client: ProcountorClient,
  order: InvoiceOrder,
  company: CompanyData,
  invoiceDate: string,
): Promise<{ value?: InvoiceCurrency; problem?: string }> => {
  const { words } = order;
  const code = order.currency ?? company.currency;
  if (!isCurrency(code) || !isCurrency(company.currency)) {
    return {
      problem: `${words.label} is priced in "${code}", which is not a currency code Procountor knows (ISO 4217, such as EUR or SEK). Change ${words.currencyField}.`,
    };
  }
  if (code === company.currency) return { value: { currency: code, rate: 1, rateNote: '' } };
  const { rateType, why } = rateTypeFor(order.options.exchangeRateType, company.currencyRateSearchDensity);
  const answer = await client.getExchangeRate({ baseCurrency: company.currency, currency: code, day: invoiceDate, rateType });
  const rate = answer?.rate;
  if (typeof rate !== 'number' || !(rate > 0)) {
    return {
      problem:
        `Procountor has no exchange rate for ${code} against ${company.currency} on ${invoiceDate} (${RATE_NAMES[rateType]}), so ${words.label} cannot be invoiced in ${code}. ` +
        `Change ${words.currencyField}, or choose another Exchange Rate Type.`,
    };
  }
  // Procountor does not say which way the rate runs; it is read as currencyRate is published: foreign units per one of the company's.
  return {
    value: { currency: code, rate, rateNote: `${rate} ${code} per 1 ${company.currency}, ${RATE_NAMES[rateType]} for ${answer?.day ?? invoiceDate} (${why})` },
  };
};
