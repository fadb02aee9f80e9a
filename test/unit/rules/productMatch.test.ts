import { bestProductMatch, nameFilters, normaliseProductName, productNameSimilarity, sameCode, SIMILARITY_THRESHOLD } from '../../../lib/rules/productMatch';

describe('product names', () => {
  it('normalises case, whitespace, punctuation and Nordic letters', () => {
    expect(normaliseProductName('  Design-Sprint ')).toBe('design sprint');
    expect(normaliseProductName('Päivä-työ, Åland')).toBe('paiva tyo aland');
    expect(normaliseProductName('Hosting, 12 months')).toBe('hosting 12 months');
  });

  it.each([
    ['Design Sprint', 'design sprint '],
    ['Design Sprint', 'Design-sprint'],
    ['Design sprint', 'Design sprints'],
    ['Hosting, 12 months', 'Hosting 12 months'],
    ['Ylläpito', 'Yllapito'],
  ])('treats %j and %j as the same product', (a, b) => {
    expect(productNameSimilarity(a, b)).toBeGreaterThanOrEqual(SIMILARITY_THRESHOLD);
  });

  it.each([
    ['Design sprint', 'Design review'],
    ['Hosting 12 months', 'Hosting 24 months'],
    ['Consulting', 'Training'],
    ['Logo design', 'Website design'],
    ['Licence 10 users', 'Licence 100 users'],
    ['Catalogue item 4999', 'Catalogue item 499'],
  ])('keeps %j and %j apart', (a, b) => {
    expect(productNameSimilarity(a, b)).toBeLessThan(SIMILARITY_THRESHOLD);
  });

  it('prefers the most similar name, and breaks ties by unit, then price', () => {
    const candidates = [
      { id: 1, name: 'Design sprint', unit: 'DAY', price: 100 },
      { id: 2, name: 'Design-sprint', unit: 'WEEK', price: 100 },
      { id: 3, name: 'Design sprint', unit: 'WEEK', price: 4800 },
      { id: 4, name: 'Design sprints', unit: 'WEEK', price: 4800 },
    ];
    expect(bestProductMatch({ name: 'design sprint', unit: 'WEEK', price: 4800 }, candidates)?.product.id).toBe(3);
    expect(bestProductMatch({ name: 'design sprint', unit: 'DAY' }, candidates)?.product.id).toBe(1);
    expect(bestProductMatch({ name: 'Brand workshop' }, candidates)).toBeUndefined();
  });
});

describe('product codes and name searches', () => {
  it('matches codes ignoring case and spacing at the ends; a missing code matches nothing', () => {
    expect(sameCode(' HOST-12 ', 'host-12')).toBe(true);
    expect(sameCode('HOST-12', 'HOST-24')).toBe(false);
    expect([sameCode(null, null), sameCode('', ''), sameCode(undefined, 'HOST-12')]).toEqual([false, false, false]);
  });

  it('searches Procountor for the whole name first, then its two longest words of three letters or more', () => {
    expect(nameFilters('Design-sprint workshop')).toEqual(['Design-sprint workshop', 'workshop', 'Design']);
    expect(nameFilters('  Hosting   12 ')).toEqual(['Hosting 12', 'Hosting']);
    expect([nameFilters('Design'), nameFilters('AB'), nameFilters('  ')]).toEqual([['Design'], ['AB'], []]);
  });
});
