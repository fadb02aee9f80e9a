import { rateTypeFor } from '../../../lib/invoice/currency';

describe("the rate type of a foreign-currency invoice, from the company's setting", () => {
  it('takes the account currency buying rate when the company uses daily or month-end rates, and says why', () => {
    expect(rateTypeFor(undefined, 'DAILY_EXCHANGE_RATE')).toEqual({
      rateType: 'ACCOUNT_CURRENCY_BUYING_RATE',
      why: 'as your Procountor company uses daily exchange rates, and Procountor then takes the buying rate on sales invoices',
    });
    expect(rateTypeFor(undefined, 'LAST_DAY_OF_THE_MONTH').rateType).toBe('ACCOUNT_CURRENCY_BUYING_RATE');
  });

  it("keeps Procountor's rate when the company uses it, or names none, and says which", () => {
    expect(rateTypeFor(undefined, 'PROCOUNTOR_FIXED_RATE')).toEqual({
      rateType: 'PROCOUNTOR_ACCOUNTING_EXCHANGE_RATE',
      why: "as your Procountor company uses Procountor's rate",
    });
    expect(rateTypeFor(undefined, null)).toEqual({
      rateType: 'PROCOUNTOR_ACCOUNTING_EXCHANGE_RATE',
      why: "as your Procountor company's Basic company info names no other rate",
    });
  });

  it("lets the step's Exchange Rate Type win over the company's setting", () => {
    expect(rateTypeFor('PROCOUNTOR_ACCOUNTING_EXCHANGE_RATE', 'DAILY_EXCHANGE_RATE')).toEqual({
      rateType: 'PROCOUNTOR_ACCOUNTING_EXCHANGE_RATE',
      why: 'as chosen in Exchange Rate Type',
    });
  });
});
