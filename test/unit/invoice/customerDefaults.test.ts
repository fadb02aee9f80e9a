import { withCustomerRecord } from '../../../lib/invoice/customerDefaults';
import { invoiceLanguage } from '../../../lib/invoice/language';
import { contractToOrder } from '../../../lib/invoice/sources/contractOrder';
import { lineItemsToOrder } from '../../../lib/invoice/sources/lineItemsOrder';
import { SAMPLE_CONTRACT } from '../../../lib/fields/contract';
import type { CustomerRecord } from '../../../lib/procountor/customers';
import type { OrderOptions } from '../../../lib/invoice/order';
import { lineItemsOrder } from '../../support/lineItems';

const SWEDISH_RECORD: CustomerRecord = { language: 'SWEDISH', country: 'SWEDEN', identifier: 'SE556677889901', identifierType: 'SE' } as CustomerRecord;
const contractOrder = (customer: Record<string, unknown>, options: OrderOptions = {}) =>
  contractToOrder({ ...SAMPLE_CONTRACT, customer: { ...SAMPLE_CONTRACT.customer, ...customer } }, options);

describe("an existing customer's own data from Procountor", () => {
  it('remembers whether the order named a country, or only fell back to Finland', () => {
    expect(contractOrder({ country: null, business_id: null }).customer).toEqual(expect.objectContaining({ country: 'FINLAND', countryGiven: false }));
    expect(contractOrder({ country: 'FI' }).customer.countryGiven).toBe(true);
    // An EU VAT number names its country: that is a reason, not a default.
    expect(contractOrder({ country: null, business_id: 'SE556677889901' }).customer).toEqual(
      expect.objectContaining({ country: 'SWEDEN', countryGiven: true }),
    );
    expect(lineItemsToOrder(lineItemsOrder({ business_id: undefined }), {}).customer.countryGiven).toBe(false);
  });

  it("takes the record's country, VAT number and language where the order has none, and says so", () => {
    const { order, sentence } = withCustomerRecord(contractOrder({ country: null, business_id: null }), SWEDISH_RECORD);
    expect(order.customer).toEqual(expect.objectContaining({ country: 'SWEDEN', businessId: 'SE556677889901', identifierType: 'SE', language: 'SWEDISH' }));
    expect(sentence).toBe("The customer's country (Sweden) and Business ID SE556677889901, as stored for the customer in Procountor.");
    expect(invoiceLanguage(order)).toEqual({ code: 'SWEDISH', reason: 'as stored for the customer in Procountor' });
  });

  it("keeps the order's own country and business ID; the step's Invoice Language beats the record's", () => {
    const { order, sentence } = withCustomerRecord(contractOrder({ country: 'FI' }, { language: 'FINNISH' }), SWEDISH_RECORD);
    expect(order.customer).toEqual(expect.objectContaining({ country: 'FINLAND', businessId: '0737546-2' }));
    expect(sentence).toBe('');
    expect(invoiceLanguage(order).reason).toBe('as chosen in Invoice Language');
  });

  it("prefers the record's language to the one the customer's country only suggests", () => {
    const { order } = withCustomerRecord(contractOrder({ country: 'FI' }), { language: 'SWEDISH' } as CustomerRecord);
    expect(invoiceLanguage(order).code).toBe('SWEDISH');
  });

  it('reads a record leniently: nothing stored, nothing taken; a stored ID it cannot use is left, its type read from the number', () => {
    const bare = contractOrder({ country: null, business_id: null });
    expect(withCustomerRecord(bare, {} as CustomerRecord)).toEqual({ order: expect.objectContaining({ customer: bare.customer }), sentence: '' });
    expect(withCustomerRecord(bare, undefined).order).toBe(bare);
    expect(withCustomerRecord(bare, { identifier: '1234567-8', identifierType: 'YHD' } as CustomerRecord).sentence).toBe('');
    expect(withCustomerRecord(bare, { identifier: 'DE136695976' } as CustomerRecord).order.customer).toEqual(
      expect.objectContaining({ businessId: 'DE136695976', identifierType: 'DE' }),
    );
  });
});
