import { euVatNote, isEuMemberState, parseEuVatNumber, regionName } from '../../../lib/rules/euVat';

describe('EU VAT numbers', () => {
  it.each([
    ['SE556677889901', 'SE556677889901', 'SE'],
    ['DE 136 695 976', 'DE136695976', 'DE'],
    ['ATU13585627', 'ATU13585627', 'AT'],
    ['el094259216', 'EL094259216', 'GR'],
    ['GR094259216', 'EL094259216', 'GR'],
    ['se-5566.7788.9901', 'SE556677889901', 'SE'],
    // Northern Ireland (Windsor Framework): the UK's format and check digits under the XI prefix.
    ['XI 980 7806 84', 'XI980780684', 'XI'],
  ])('reads %j as the VAT number %s of %s', (input, normalised, isoCountry) => {
    expect(parseEuVatNumber(input)).toEqual(expect.objectContaining({ kind: 'eu', normalised, isoCountry }));
  });

  it('says why a member state prefix with a wrong number is not a VAT number', () => {
    expect(parseEuVatNumber('DE123456789')).toEqual(expect.objectContaining({ kind: 'invalid', reason: 'its check digits do not match' }));
    expect(parseEuVatNumber('SE5566')).toEqual(
      expect.objectContaining({ kind: 'invalid', reason: expect.stringContaining('format of a VAT number of Sweden') }),
    );
  });

  it('checks an XI number by the check digits of the same GB number, and leaves GB numbers outside', () => {
    expect(parseEuVatNumber('XI980780685')).toEqual(expect.objectContaining({ kind: 'invalid', isoCountry: 'XI', reason: 'its check digits do not match' }));
    expect(parseEuVatNumber('GB980780684').kind).toBe('other');
    expect(regionName('XI')).toBe('Northern Ireland');
  });

  it('leaves numbers without a member state prefix alone: a Swedish organisation number, a US tax ID, a Norwegian VAT number', () => {
    for (const other of ['556677-8899', '12-3456789', 'NO923609016MVA']) expect(parseEuVatNumber(other).kind).toBe('other');
  });

  it('prints what EU law asks for, with the buyer VAT number', () => {
    expect(euVatNote('services', 'SE556677889901')).toMatch(/^Reverse charge.*Article 196.*SE556677889901\.$/);
    expect(euVatNote('goods', 'DE136695976')).toMatch(/^Intra-Community supply.*Article 138.*DE136695976\.$/);
  });
});

describe('member states and country names', () => {
  it('knows the 27 member states by ISO code, in any case, and nothing else', () => {
    expect(['SE', 'de', 'GR', 'FI'].map(isEuMemberState)).toEqual([true, true, true, true]);
    // Greece's VAT prefix EL is not its ISO code; Åland, Norway and the UK are outside the EU's VAT area.
    expect(['EL', 'AX', 'NO', 'GB', '', undefined].map(isEuMemberState)).toEqual([false, false, false, false, false, false]);
  });

  it('names a country in English for messages, and keeps a code Intl cannot read as it is', () => {
    expect([regionName('SE'), regionName('ax'), regionName('GR')]).toEqual(['Sweden', 'Åland Islands', 'Greece']);
    expect(regionName('X1')).toBe('X1');
  });
});
