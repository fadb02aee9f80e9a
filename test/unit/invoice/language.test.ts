import { contractToOrder } from '../../../lib/invoice/sources/contractOrder';
import type { OrderOptions } from '../../../lib/invoice/order';
import { invoiceLanguage } from '../../../lib/invoice/language';
import { SAMPLE_CONTRACT } from '../../../lib/fields/contract';

/** A contract to a customer in `country`, with the step's options. */
const order = (country: string, options: OrderOptions = {}) =>
  contractToOrder({ ...SAMPLE_CONTRACT, customer: { ...SAMPLE_CONTRACT.customer, country } }, options);

describe('the invoice language', () => {
  it.each(Object.entries({ FI: 'FINNISH', SE: 'SWEDISH', AX: 'SWEDISH', DK: 'DANISH', NO: 'NORWEGIAN', EE: 'ESTONIAN', DE: 'ENGLISH', US: 'ENGLISH' }))(
    'follows a customer in %s with %s when the step names none',
    (country, language) => {
      expect(invoiceLanguage(order(country)).code).toBe(language);
    },
  );

  it("says why: the step's choice, or the customer's country", () => {
    expect(invoiceLanguage(order('SE', { language: 'ENGLISH' }))).toEqual({ code: 'ENGLISH', reason: 'as chosen in Invoice Language' });
    expect(invoiceLanguage(order('DE')).reason).toBe("by the customer's country (Germany), which has no Procountor invoice language of its own");
  });
});
