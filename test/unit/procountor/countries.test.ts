import { isoCountryOf, toProcountorCountry } from '../../../lib/procountor/countries';

describe('countries', () => {
  it("knows every country's ISO code back from Procountor's name", () => {
    for (const code of ['SE', 'DE', 'GR', 'GB', 'US', 'AX', 'FI']) expect(isoCountryOf(toProcountorCountry(code)!)).toBe(code);
  });

  it('names Northern Ireland XI, as its VAT numbers do, both ways', () => {
    expect(toProcountorCountry('XI')).toBe('NORTHERN_IRELAND_TEMPORARY');
    expect(toProcountorCountry('Northern Ireland')).toBe('NORTHERN_IRELAND_TEMPORARY');
    expect(isoCountryOf('NORTHERN_IRELAND_TEMPORARY')).toBe('XI');
    expect(['MC', 'IM', 'JE', 'GG'].map((code) => isoCountryOf(toProcountorCountry(code)!))).toEqual(['MC', 'IM', 'JE', 'GG']);
  });
});
