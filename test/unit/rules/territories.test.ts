// Where the VAT Directive places a customer (reference/eu-vat-rules.md, "Territories"): one case per row.
import { territoryOf } from '../../../lib/rules/territories';

describe('territories', () => {
  it.each([
    ['FI', { kind: 'finland', name: 'Finland' }],
    ['AX', { kind: 'aland', name: 'Åland Islands' }],
    ['SE', { kind: 'eu', name: 'Sweden', vatCountry: 'SE' }],
    ['GR', { kind: 'eu', name: 'Greece', vatCountry: 'GR' }],
    ['MC', { kind: 'eu', name: 'Monaco', vatCountry: 'FR', countsAs: 'France' }],
    ['XI', { kind: 'northernIreland', name: 'Northern Ireland', vatCountry: 'XI' }],
    ['GB', { kind: 'outside', name: 'United Kingdom' }],
    ['IM', { kind: 'outside', name: 'Isle of Man' }],
    ['JE', { kind: 'outside', name: 'Jersey' }],
    ['GG', { kind: 'outside', name: 'Guernsey' }],
    ['NO', { kind: 'outside', name: 'Norway' }],
    ['GP', { kind: 'outside', name: 'Guadeloupe' }],
  ])('places %s', (iso, territory) => {
    expect(territoryOf(iso)).toEqual(territory);
  });
});
