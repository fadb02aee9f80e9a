import { checkedBusinessId, identifierTypeFor } from '../../../lib/procountor/customers';

describe('foreign identifiers', () => {
  it('stores a VAT number with its own country as the identifier type, whatever country the address gives', () => {
    expect(identifierTypeFor('SE', 'SWEDEN', 'SE556677889901')).toBe('SE');
    expect(identifierTypeFor('GR', 'GREECE', 'EL094259216')).toBe('EL');
    expect(identifierTypeFor('FI', 'FINLAND', 'DE 136 695 976')).toBe('DE');
    expect(identifierTypeFor('FI', 'FINLAND', '0737546-2')).toBeUndefined();
    expect(checkedBusinessId('DE 136 695 976', 'DE')).toBe('DE136695976');
    expect(checkedBusinessId('556677-8899', 'SE')).toBe('556677-8899');
  });
});
