import { salesVatStatuses, vatStatusKind } from '../../../lib/procountor/vat';

describe("the company's VAT statuses", () => {
  it('reads "Non-EU service sales" beside "EU community sales (service)" as two statuses of different meanings', () => {
    const vats = {
      vatInformation: [],
      vatStatuses: [
        { vatStatus: 40, description: 'Non-EU service sales', sales: true },
        { vatStatus: 19, description: 'EU community sales (service)', sales: true },
      ],
    };
    expect(salesVatStatuses(vats as never).map((s) => s.kind)).toEqual(['outsideEu', 'euServices']);
  });

  it.each([
    [1, 'Domestic', 'domestic'],
    [1, 'Kotimaan myynti', 'domestic'],
    [3, 'Outside of the EU', 'outsideEu'],
    [44, 'EU:n ulkopuolinen myynti', 'outsideEu'],
    [5, 'EU community sales (product)', 'euGoods'],
    [21, 'Tavaroiden yhteisömyynti', 'euGoods'],
    [19, 'EU community sales (service)', 'euServices'],
    [22, 'Palveluiden yhteisömyynti', 'euServices'],
    [11, 'Construction services, reverse charge', undefined],
    [12, 'No VAT handling', undefined],
    // Never an EU status when the description says the sale is outside the EU, whatever else it names.
    [31, 'Non-EU service sales', 'outsideEu'],
    [32, 'Non EU sales of goods', 'outsideEu'],
    [33, 'EU:n ulkopuolinen palvelumyynti', 'outsideEu'],
    [34, 'Services outside the EU', 'outsideEu'],
  ])('recognises %i %j by its description', (id, description, kind) => {
    expect(vatStatusKind(id, description)).toBe(kind);
  });

  it("trusts Procountor's published numbers only for a status listed without a description, never a number alone", () => {
    expect(vatStatusKind(5, '')).toBe('euGoods');
    expect(vatStatusKind(19, null)).toBeUndefined();
    expect(vatStatusKind(3, 'EU community sales (product)')).toBe('euGoods');
  });

  it('lists only the statuses allowed for sales', () => {
    const statuses = salesVatStatuses({
      vatInformation: [],
      vatStatuses: [
        { vatStatus: 1, description: 'Domestic', sales: true },
        { vatStatus: 7, description: 'Purchases', sales: false },
      ],
    });
    expect(statuses).toEqual([{ id: 1, description: 'Domestic', kind: 'domestic' }]);
  });
});
