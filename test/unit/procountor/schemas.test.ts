import { BusinessPartnerAnswer, InvoiceAnswer, ProductSearchResult } from '../../../lib/procountor/schemas';

describe('reading Procountor answers', () => {
  it('takes null for every optional field and keeps unknown fields and values', () => {
    const partner = BusinessPartnerAnswer.parse({
      id: 5001,
      name: 'Asiakas Oy',
      type: 'CUSTOMER',
      registryInfo: null,
      address: { specifier: null, street: null },
      paymentInfo: { paymentTermDays: null },
      invoicingInfo: null,
      newField: 'added in 26.10',
      version: null,
    });
    expect(partner.registryInfo).toBeNull();
    expect(ProductSearchResult.parse({ results: null, meta: null }).results).toEqual([]);
    expect(InvoiceAnswer.parse({ id: 9001, status: 'SOME_NEW_STATUS', invoiceNumber: null, paymentInfo: null }).status).toBe('SOME_NEW_STATUS');
  });
});
