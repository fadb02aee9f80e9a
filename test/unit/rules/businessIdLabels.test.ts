// Business IDs pasted with their label (issue 24, item 8): read as the one canonical Finnish business ID, or halted
// with the field named when the text is not exactly one valid ID.
import { businessIdKey, invalidBusinessIdMessage, parseFinnishBusinessId, sameBusinessId } from '../../../lib/rules/businessId';
import { checkedBusinessId, identifierTypeFor } from '../../../lib/procountor/customers';

const READ = { kind: 'finnish', canonical: '1572860-0', digits: '15728600', vat: 'FI15728600' };

describe('business IDs with their label', () => {
  it.each([
    'Y-tunnus: 1572860-0',
    'Y-tunnus 1572860-0',
    'y-tunnus:1572860-0',
    'Y tunnus 1572860-0',
    'Business ID 1572860-0',
    'Business ID: 1572860-0',
    'business-id: 15728600',
    'FO-nummer 1572860-0',
    'FO-nummer: 1572860-0',
    'VAT FI15728600',
    'VAT: FI 1572860-0',
    'VAT number FI15728600',
    'VAT no. FI15728600',
    'ALV-numero FI15728600',
    'ALV-nro: FI 1572860-0',
    ' Y-tunnus:  1572860 - 0 ',
  ])('reads %j as 1572860-0', (input) => {
    expect(parseFinnishBusinessId(input)).toEqual(READ);
  });

  it.each(['FI 1572860-0', 'FI-15728600', 'FI-1572860-0', 'fi15728600', 'fi 15728600', 'FI15728600'])('reads the FI prefix in %j', (input) => {
    expect(parseFinnishBusinessId(input)).toEqual(READ);
  });

  it('keeps the check digit: a labelled ID with a wrong one is refused', () => {
    expect(parseFinnishBusinessId('Y-tunnus: 1572860-1')).toEqual({
      kind: 'invalid',
      input: 'Y-tunnus: 1572860-1',
      reason: 'its check digit does not match',
    });
  });

  it.each(['1572860-0, 0737546-2', 'Y-tunnus: 1572860-0 / 0737546-2', '1572860-0 1572860-0', 'Y-tunnus 1572860-0, VAT FI07375462'])(
    'refuses %j, which holds more than one business ID',
    (input) => {
      expect(parseFinnishBusinessId(input)).toEqual(expect.objectContaining({ kind: 'invalid', reason: expect.stringContaining('more than one business ID') }));
    },
  );

  it.each(['Y-tunnus:', 'Business ID', 'VAT', 'Y-tunnus: pending', 'see the contract', 'Y-tunnus: 1572860-0 (old)', 'ID 1572860-0', 'FIN 1572860-0'])(
    'refuses %j, which is not one business ID',
    (input) => {
      expect(parseFinnishBusinessId(input).kind).toBe('invalid');
    },
  );

  it('names the field and quotes the text as written when it halts', () => {
    const parsed = parseFinnishBusinessId('Y-tunnus: 1572860-0, 0737546-2');
    if (parsed.kind !== 'invalid') throw new Error('expected it to be refused');
    const message = invalidBusinessIdMessage(parsed, 'Business ID');
    expect(message).toContain('"Y-tunnus: 1572860-0, 0737546-2"');
    expect(message).toContain('Check the Business ID field');
    expect(() => checkedBusinessId('Y-tunnus: 1572860-1', undefined, 'Business ID')).toThrow(/check digit does not match.*Check the Business ID field/);
  });

  it('stores, finds and compares a labelled ID as the canonical one', () => {
    expect(checkedBusinessId('Y-tunnus: 1572860-0')).toBe('1572860-0');
    expect(checkedBusinessId('VAT: FI 1572860-0', 'YHD')).toBe('1572860-0');
    expect(businessIdKey('FO-nummer 1572860-0')).toBe('1572860-0');
    expect(sameBusinessId('Business ID: 1572860-0', 'FI15728600')).toBe(true);
    expect(identifierTypeFor('FI', 'FINLAND', 'Y-tunnus: 1572860-0')).toBeUndefined();
  });

  it('leaves foreign VAT numbers and other identifier types as they were', () => {
    expect(parseFinnishBusinessId('VAT SE556677889901').kind).toBe('invalid');
    expect(identifierTypeFor('SE', 'SWEDEN', 'SE556677889901')).toBe('SE');
    expect(identifierTypeFor('FI', 'FINLAND', 'DE 136 695 976')).toBe('DE');
    expect(checkedBusinessId('DE 136 695 976', 'DE')).toBe('DE136695976');
    expect(checkedBusinessId('556677-8899', 'SE')).toBe('556677-8899');
    expect(businessIdKey('SE556677889901')).toBe('SE556677889901');
  });
});
