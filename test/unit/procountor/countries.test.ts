import { isoCountryOf, toProcountorCountry } from '../../../lib/procountor/countries';

describe('countries', () => {
  it("knows every country's ISO code back from Procountor's name", () => {
    for (const code of ['SE', 'DE', 'GR', 'GB', 'US', 'AX', 'FI']) expect(isoCountryOf(toProcountorCountry(code)!)).toBe(code);
  });
});
