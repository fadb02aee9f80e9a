import {
  businessIdCheckDigit,
  businessIdKey,
  invalidBusinessIdMessage,
  parseFinnishBusinessId,
  sameBusinessId,
  storedSpellings,
  type BusinessId,
} from '../../../lib/rules/businessId';

describe('Finnish business IDs', () => {
  it.each(['0737546-2', '07375462', 'FI07375462', ' 0737546 - 2 ', 'fi0737546-2', '737546-2'])('reads %j as 0737546-2', (input) => {
    expect(parseFinnishBusinessId(input)).toEqual({
      kind: 'finnish',
      canonical: '0737546-2',
      digits: '07375462',
      vat: 'FI07375462',
    });
  });

  it.each(['0737546-2', '0836922-4', '2077474-0'])('accepts the valid ID %s', (id) => {
    expect(parseFinnishBusinessId(id).kind).toBe('finnish');
  });

  it('rejects a wrong check digit', () => {
    expect(parseFinnishBusinessId('2077474-1')).toEqual(expect.objectContaining({ kind: 'invalid', reason: 'its check digit does not match' }));
  });

  it('rejects digits whose remainder is 1, which no valid ID has', () => {
    // 0000012: 1*4 + 2*2 = 8 ... find a body with remainder 1 by search, so the rule is exercised, not assumed.
    const body = Array.from({ length: 10000 }, (_, i) => String(i).padStart(7, '0')).find((b) => businessIdCheckDigit(b) === undefined)!;
    expect(body).toBeDefined();
    for (let d = 0; d <= 9; d++) expect(parseFinnishBusinessId(`${body}-${d}`).kind).toBe('invalid');
  });

  it('computes check digit 0 for remainder 0', () => {
    expect(businessIdCheckDigit('0000000')).toBe(0);
    expect(parseFinnishBusinessId('0000000-0').kind).toBe('finnish');
  });

  it.each(['', 'abc', '12345-6', '123456789', '0737546_2', 'SE5560360793'])('rejects the malformed %j', (input) => {
    expect(parseFinnishBusinessId(input).kind).toBe('invalid');
  });

  it('compares identifiers across spellings, and foreign ones as plain text', () => {
    expect(sameBusinessId('FI07375462', '0737546-2')).toBe(true);
    expect(sameBusinessId('0737546-2', '0836922-4')).toBe(false);
    expect(sameBusinessId('SE556036079301', 'se556036079301 ')).toBe(true);
    expect(sameBusinessId(undefined, '0737546-2')).toBe(false);
  });

  it('finds one company under every spelling of its VAT number, and keeps Finnish business IDs as they were', () => {
    expect(businessIdKey('DE 136 695 976')).toBe('DE136695976');
    expect(sameBusinessId('de136695976', 'DE 136 695 976')).toBe(true);
    expect(sameBusinessId('SE556677889901', 'DE136695976')).toBe(false);
    expect(businessIdKey('FI07375462')).toBe('0737546-2');
    expect(sameBusinessId('0737546-2', 'fi 07375462')).toBe(true);
  });
});

describe('business IDs as Procountor stores them and as messages name them', () => {
  it('looks a Finnish business ID up under each spelling Procountor may hold, the usual one first', () => {
    const id = parseFinnishBusinessId('FI07375462') as Extract<BusinessId, { kind: 'finnish' }>;
    expect(storedSpellings(id)).toEqual(['0737546-2', '07375462', 'FI07375462']);
  });

  it('keys a foreign identifier as its text in capitals, and nothing as no key', () => {
    expect(businessIdKey(' us 12-3456789 ')).toBe('US 12-3456789');
    expect([businessIdKey('  '), businessIdKey(null)]).toEqual([undefined, undefined]);
  });

  it('says what is wrong with a business ID, which field to check, and what to do for a foreign company', () => {
    const invalid = parseFinnishBusinessId('2077474-1') as Extract<BusinessId, { kind: 'invalid' }>;
    expect(invalidBusinessIdMessage(invalid, 'Customer Business ID')).toBe(
      '"2077474-1" is not a valid Finnish business ID (its check digit does not match). Check the Customer Business ID field; for a foreign company, choose its identifier type instead of "Finnish business ID".',
    );
    expect(invalidBusinessIdMessage(invalid)).toContain('Check the Business ID field');
  });
});
