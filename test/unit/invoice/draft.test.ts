import { SAMPLE_CONTRACT } from '../../../lib/fields/contract';
import { Contract } from '../../../lib/click2contract/schemas';
import { contractToOrder } from '../../../lib/invoice/sources/contractOrder';
import { toInvoiceDraft, type DraftLine } from '../../../lib/invoice/draft';
import { Invoice } from '../../../lib/procountor/schemas';

const customer = {
  partnerId: 5001,
  name: 'Asiakas Oy',
  businessId: '0737546-2',
  email: 'laskut@asiakas.fi',
  contactName: 'Maija Meikäläinen',
  street: 'Mannerheimintie 1 A 5',
  postalCode: '00100',
  city: 'Helsinki',
  country: 'FINLAND' as const,
};
const lines: DraftLine[] = [
  {
    productId: 7001,
    productName: 'Design sprint',
    productCode: 'DS-01',
    unit: 'WEEK',
    quantity: 2,
    unitPrice: 4800,
    discountPercent: 10,
    vatPercent: 25.5,
    description: 'Two-week sprint',
  },
  { productId: 7002, productName: 'Hosting, 12 months', unit: 'MONTH', quantity: 12, unitPrice: 39.899, discountPercent: 0, vatPercent: 25.5 },
];
const bankAccount = { iban: 'FI4250001510000023', bic: 'OKOYFIHH', currency: 'EUR' };
const options = {
  invoiceDate: '2026-11-24',
  paymentTermDays: 14,
  bankAccount,
  channel: 'EMAIL' as const,
  language: 'FINNISH' as const,
  treatment: { vatStatus: 1 },
  currency: { currency: 'EUR' as const, rate: 1 },
};

describe('toInvoiceDraft', () => {
  const draft = toInvoiceDraft(contractToOrder(SAMPLE_CONTRACT, {}), customer, lines, options);

  it('is a valid Procountor SALES_INVOICE', () => {
    expect(Invoice.safeParse(draft).success).toBe(true);
    expect(draft.type).toBe('SALES_INVOICE');
    expect(draft.partnerId).toBe(5001);
  });

  it('sets the due date from the payment term, EUR at rate 1, and an empty reference so Procountor generates one', () => {
    expect(draft.paymentInfo).toEqual(
      expect.objectContaining({ dueDate: '2026-12-08', currency: 'EUR', currencyRate: 1, bankReferenceCode: '', paymentMethod: 'BANK_TRANSFER' }),
    );
    expect(draft.paymentInfo.bankAccount).toEqual({ accountNumber: 'FI4250001510000023' });
    expect(draft.vatStatus).toBe(1);
    expect(draft.language).toBe('FINNISH');
  });

  it('carries product id, code, mapped unit, price, discount and VAT on each row, a price with the decimals Procountor keeps', () => {
    // Every field of the line, under Procountor's names: the product's name is the row's product text, its description the explanation.
    const { productName, description, ...same } = lines[0]!;
    expect(same).toEqual({ productId: 7001, productCode: 'DS-01', unit: 'WEEK', quantity: 2, unitPrice: 4800, discountPercent: 10, vatPercent: 25.5 });
    expect(draft.invoiceRows[0]).toEqual(expect.objectContaining({ ...same, product: productName, explanationText: description }));
    expect(draft.invoiceRows[1]!.unitPrice).toBe(39.899);
  });

  it('addresses the counter party and billing address from the contract', () => {
    expect(draft.counterParty).toEqual(
      expect.objectContaining({ identifier: '0737546-2', email: 'laskut@asiakas.fi', contactPersonName: 'Maija Meikäläinen' }),
    );
    expect(draft.counterParty.counterPartyAddress).toEqual({
      name: 'Asiakas Oy',
      street: 'Mannerheimintie 1 A 5',
      zip: '00100',
      city: 'Helsinki',
      country: 'FINLAND',
    });
    expect(draft.billingAddress).toEqual(draft.counterParty.counterPartyAddress);
  });

  it('shows the contract number to the buyer and carries the searchable contract marker', () => {
    expect(draft.agreementNumber).toBe('C-1042');
    expect(draft.additionalInformation).toBe('Contract C-1042: Website renewal 2027 [C2C:ctr_8f2k1]');
  });

  it('follows the Pricing Table on whether unit prices include VAT', () => {
    const gross = Contract.parse({ ...SAMPLE_CONTRACT, pricing_table: { ...SAMPLE_CONTRACT.pricing_table, prices_include_vat: true } });
    expect(toInvoiceDraft(contractToOrder(gross, {}), customer, lines, options).extraInfo).toEqual({ accountingByRow: false, unitPricesIncludeVat: true });
    expect(draft.extraInfo.unitPricesIncludeVat).toBe(false);
  });

  it('adds the e-invoice address only for e-invoices', () => {
    const einvoice = toInvoiceDraft(
      contractToOrder(SAMPLE_CONTRACT, {}),
      { ...customer, einvoiceAddress: '003707375462', einvoiceOperator: '003721291126' },
      lines,
      { ...options, channel: 'ELECTRONIC_INVOICE' },
    );
    expect(einvoice.counterParty.einvoiceAddress).toEqual({ address: '003707375462', operator: '003721291126' });
    expect(draft.counterParty.einvoiceAddress).toBeUndefined();
  });
});
