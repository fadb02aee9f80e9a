import { SAMPLE_CONTRACT } from '../../../../lib/fields/contract';
import { Contract } from '../../../../lib/click2contract/schemas';
import { contractProblems } from '../../../../lib/invoice/sources/contractOrder';

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
