import { contractOutput, SAMPLE_CONTRACT } from '../../../lib/fields/contract';
import { Contract } from '../../../lib/click2contract/schemas';

describe('contract output', () => {
  it('flattens the contract and turns the Pricing Table into line items with totals', () => {
    const output = contractOutput(SAMPLE_CONTRACT, 'contract.accepted');
    expect(output).toEqual(
      expect.objectContaining({
        id: 'ctr_8f2k1',
        number: 'C-1042',
        customer_company: 'Asiakas Oy',
        customer_business_id: '0737546-2',
        total_excluding_vat: 9118.8,
        vat_total: 2325.29,
        total_including_vat: 11444.09,
        line_count: 2,
      }),
    );
    expect(output.line_items[1]).toEqual(expect.objectContaining({ name: 'Hosting, 12 months', code: '', unit: 'month', total_excluding_vat: 478.8 }));
  });

  it('leaves the totals a line without a VAT % decides empty, and that VAT % empty, never counting it at 0 %', () => {
    const items = SAMPLE_CONTRACT.pricing_table!.items.map((item, i) => (i === 1 ? { ...item, vat_percent: null } : item));
    const output = contractOutput({ ...SAMPLE_CONTRACT, pricing_table: { ...SAMPLE_CONTRACT.pricing_table!, items } }, 'contract.accepted');
    expect(output).toEqual(expect.objectContaining({ total_excluding_vat: 9118.8, vat_total: null, total_including_vat: null, lines_without_vat: 1 }));
    expect(output.line_items[1]).toEqual(expect.objectContaining({ vat_percent: null, total_excluding_vat: 478.8, total_including_vat: null }));
  });

  it('reads a contract with no Pricing Table and missing address parts without failing', () => {
    const contract = Contract.parse({ id: 'ctr_x', status: 'accepted', customer: { company_name: 'X Oy', address: null }, pricing_table: null });
    const output = contractOutput(contract, 'contract.sent_to_procountor');
    expect(output).toEqual(expect.objectContaining({ has_pricing_table: false, line_count: 0, line_items: [], customer_address: '', total_including_vat: 0 }));
    // Zapier types these as date-times: an empty one is null, never ''.
    expect(output).toEqual(expect.objectContaining({ accepted_at: null, sent_to_procountor_at: null, event_type: 'contract.sent_to_procountor' }));
  });
});
