import { SAMPLE_CONTRACT } from '../../lib/fields/contract';
import { Contract } from '../../lib/click2contract/schemas';
import { contractProblems, contractToOrder, contractWords } from '../../lib/invoice/sources/contractOrder';
import { toInvoiceDraft, type DraftLine } from '../../lib/invoice/draft';
import { chooseChannel, paymentTermFrom, vatProblems } from '../../lib/invoice/companyRules';
import { Invoice } from '../../lib/procountor/schemas';

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

  it('carries product id, code, mapped unit, price, discount and VAT on each row, rounding a price once to the cent', () => {
    // Every field of the line, under Procountor's names: the product's name is the row's product text, its description the explanation.
    const { productName, description, ...same } = lines[0]!;
    expect(same).toEqual({ productId: 7001, productCode: 'DS-01', unit: 'WEEK', quantity: 2, unitPrice: 4800, discountPercent: 10, vatPercent: 25.5 });
    expect(draft.invoiceRows[0]).toEqual(expect.objectContaining({ ...same, product: productName, explanationText: description }));
    expect(draft.invoiceRows[1]!.unitPrice).toBe(39.9);
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

describe('invoice rules', () => {
  const words = contractWords(SAMPLE_CONTRACT);
  it('accepts 25.5/13.5/10/0 in 2026 and refuses 24 and 14, naming the line and the usable rates', () => {
    const rates = [25.5, 13.5, 10, 0];
    expect(
      vatProblems(
        [
          { name: 'A', vatPercent: 25.5 },
          { name: 'B', vatPercent: 13.5 },
          { name: 'C', vatPercent: 0 },
        ],
        rates,
        '2026-11-24',
        words,
      ),
    ).toEqual([]);
    const [problem] = vatProblems([{ name: 'Old rate', vatPercent: 24 }], [25.5, 24, 14, 13.5, 10, 0], '2026-11-24', words);
    expect(problem).toContain('Pricing Table line 1 ("Old rate") has VAT 24 %');
    expect(problem).toContain('25.5 %, 13.5 %, 10 %, 0 %');
  });

  it('accepts 24 before September 2024 and 14 before 2026, and refuses a rate the company does not use', () => {
    const all = [25.5, 24, 14, 13.5, 10, 0];
    expect(vatProblems([{ name: 'A', vatPercent: 24 }], all, '2024-08-31', words)).toEqual([]);
    expect(vatProblems([{ name: 'A', vatPercent: 24 }], all, '2024-09-01', words)).toHaveLength(1);
    expect(vatProblems([{ name: 'A', vatPercent: 14 }], all, '2025-12-31', words)).toEqual([]);
    expect(vatProblems([{ name: 'A', vatPercent: 14 }], all, '2026-01-01', words)).toHaveLength(1);
    expect(vatProblems([{ name: 'A', vatPercent: 20 }], [25.5, 20], '2026-11-24', words)).toEqual([]);
    expect(vatProblems([{ name: 'A', vatPercent: 23 }], all, '2026-11-24', words)).toHaveLength(1);
    expect(vatProblems([{ name: 'A', vatPercent: undefined }], all, '2026-11-24', words)[0]).toContain('has no VAT %');
  });

  it('picks e-invoice, then e-mail, then mail, unless a channel is chosen', () => {
    expect(chooseChannel(undefined, { einvoiceAddress: 'x', einvoiceOperator: 'y', email: 'e' })).toBe('ELECTRONIC_INVOICE');
    expect(chooseChannel(undefined, { einvoiceAddress: 'x', email: 'e' })).toBe('EMAIL');
    expect(chooseChannel(undefined, {})).toBe('MAIL');
    expect(chooseChannel('MAIL', { email: 'e' })).toBe('MAIL');
  });

  it("uses the chosen payment term, else the customer's, else 14 days", () => {
    expect(paymentTermFrom(30, '21')).toBe(30);
    expect(paymentTermFrom(undefined, '21')).toBe(21);
    expect(paymentTermFrom(undefined, undefined)).toBe(14);
    expect(paymentTermFrom(undefined, 'soon')).toBe(14);
  });
});

describe('contract checks', () => {
  const base = SAMPLE_CONTRACT;
  it('passes a complete accepted contract', () => {
    expect(contractProblems(base, 'MAIL')).toEqual([]);
  });

  it.each([
    [
      'no Pricing Table',
      { pricing_table: null },
      undefined,
      'has no Pricing Table, so there are no invoice lines. Add a Pricing Table to the proposal template.',
    ],
    ['an empty Pricing Table', { pricing_table: { ...base.pricing_table, items: [] } }, undefined, 'has an empty Pricing Table'],
    ['no company name', { customer: { ...base.customer, company_name: ' ' } }, undefined, 'has no customer company name'],
    ['a proposal not accepted', { status: 'sent' }, undefined, 'is "sent", not accepted'],
    ['no postal code for a paper invoice', { customer: { ...base.customer, postal_code: null } }, 'MAIL', "missing the customer's Postal code"],
    ['no e-mail for an e-mailed invoice', { customer: { ...base.customer, email: null } }, 'EMAIL', 'has no customer e-mail'],
    ['a zero quantity', { pricing_table: { ...base.pricing_table, items: [{ ...base.pricing_table!.items[0], quantity: 0 }] } }, undefined, 'has no quantity'],
  ])('explains %s', (_what, over, channel, message) => {
    const contract = Contract.parse({ ...base, ...over });
    expect(contractProblems(contract, channel as any).join(' ')).toContain(message);
  });
});
