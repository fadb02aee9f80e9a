// Currencies and exchange rates (GET /currencies, /currencies/company, /currencies/latest, /currencies/exchangerate),
// from reference/procountor-endpoints-26.04.md and the schemas CompanyCurrency, Currencies, CurrencyGroupRates and
// CurrencyExchangeRate. The rates are the sandbox's own (Procountor's come from Finnish Customs and Nordea).
import { json } from '../http';
import { badRequest, errors, queryProblems, oneOf } from './answers';
import { fullObject } from './published';
import { procountorDateTime, type SandboxRoutes } from './state';

/** GET /currencies/exchangerate `rateType`, and GET /currencies/latest's numbers for them (1-6, in this order). */
const RATE_TYPES = [
  'PROCOUNTOR_ACCOUNTING_EXCHANGE_RATE',
  'ACCOUNT_CURRENCY_AVERAGE_RATE',
  'ACCOUNT_CURRENCY_BUYING_RATE',
  'ACCOUNT_CURRENCY_SELLING_RATE',
  'CASH_BUYING_RATE',
  'CASH_CURRENCY_SALE_EXCHANGE_RATE',
] as const;
type RateType = (typeof RATE_TYPES)[number];

/**
 * Units of each currency per 1 EUR: the accounting rate, which Procountor fixes for a calendar year, and the bank's
 * rates around it. A currency that is not here (ISK, say) has no rate, as Procountor answers 404 for one it has none of.
 */
const PER_EURO: Record<string, number> = { EUR: 1, SEK: 11.2, NOK: 11.6, DKK: 7.46, USD: 1.08, GBP: 0.85, CHF: 0.94 };
const SPREAD: Record<RateType, number> = {
  PROCOUNTOR_ACCOUNTING_EXCHANGE_RATE: 1,
  ACCOUNT_CURRENCY_AVERAGE_RATE: 1.001,
  ACCOUNT_CURRENCY_BUYING_RATE: 1.012,
  ACCOUNT_CURRENCY_SELLING_RATE: 0.988,
  CASH_BUYING_RATE: 1.04,
  CASH_CURRENCY_SALE_EXCHANGE_RATE: 0.96,
};

/** Units of `currency` per 1 `base` (the direction PaymentInfo.currencyRate is published in), or undefined. */
const exchangeRate = (base: string, currency: string, type: RateType = 'PROCOUNTOR_ACCOUNTING_EXCHANGE_RATE') => {
  const from = PER_EURO[base];
  const to = PER_EURO[currency];
  if (from === undefined || to === undefined) return undefined;
  if (base === currency) return 1;
  return Number(((to / from) * SPREAD[type]).toFixed(6));
};

const isDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));

export const currencyRoutes = ({ api, state }: SandboxRoutes) => {
  api('GET', '/currencies/company', () => json(200, fullObject('CompanyCurrency', { companyCurrency: state.companyCurrency })));
  api('GET', '/currencies', () => json(200, fullObject('Currencies', { currencies: Object.keys(PER_EURO) })));

  // "The latest currency rates for the company's base currency, by rate type: 1 Procountor Accounting Exchange Rate, …,
  // 6 Cash sale exchange rate"; "400 when rateType is not one of 1-6".
  api('GET', '/currencies/latest', (req) => {
    const problems = queryProblems(req, [['rateType', oneOf(['1', '2', '3', '4', '5', '6']), () => 'rateType must be a number from 1 to 6.']]);
    if (problems.length) return badRequest(problems);
    const type = RATE_TYPES[Number(req.query.get('rateType') ?? 1) - 1]!;
    const base = state.companyCurrency;
    const rates = Object.keys(PER_EURO)
      .filter((code) => code !== base)
      .map((currencyCode) => ({ currencyCode, currencyRate: exchangeRate(base, currencyCode, type) }));
    return json(200, fullObject('CurrencyGroupRates', { baseCurrency: base, currencyDate: procountorDateTime().slice(0, 10), rates }));
  });

  // baseCurrency, currency, day and rateType are all required; "400 Exchange query contains invalid data", "404 Exchange
  // rate was not found for provided currency".
  api('GET', '/currencies/exchangerate', (req) => {
    const missing = ['baseCurrency', 'currency', 'day', 'rateType'].filter((name) => !req.query.get(name));
    const problems = [
      ...missing.map((field) => ({ status: 400, field, message: `${field} is required.` })),
      ...queryProblems(req, [
        ['rateType', oneOf(RATE_TYPES), (type) => `Unknown rateType "${type}".`],
        ['day', isDate, () => 'day must be a date such as 2011-10-01.'],
      ]),
    ];
    if (problems.length) return badRequest(problems);
    const [base, currency, day] = ['baseCurrency', 'currency', 'day'].map((name) => req.query.get(name)!.toUpperCase());
    const rate = exchangeRate(base!, currency!, req.query.get('rateType') as RateType);
    if (rate === undefined) return errors(404, [{ message: `Exchange rate was not found for ${currency} against ${base}.` }]);
    return json(200, fullObject('CurrencyExchangeRate', { queryDay: day, currency, day, rate }));
  });
};
