// Text bound for Procountor: Windows-1252 only, within the published lengths.
import { fitsWindows1252, shortenAtWord, toWindows1252 } from '../../../lib/procountor/charset';

describe('Windows-1252', () => {
  it.each([
    ['Asiakas Oy – “Pääkonttori” ’s €5 … Å Ä Ö Š Ž œ ™', 'Asiakas Oy – “Pääkonttori” ’s €5 … Å Ä Ö Š Ž œ ™'],
    ['Łódź Sp. z o.o.', 'Lódz Sp. z o.o.'],
    ['Hosting 🚀', 'Hosting'],
    ['Website → renewal', 'Website -> renewal'],
    ['Kőszeg Ŕ čaj', 'Koszeg R caj'],
    ['zero\u200bwidth and narrow\u202fspace', 'zerowidth and narrow space'],
    ['👨‍👩‍👧 family 🇫🇮', 'family'],
    ['Ελλάδα', 'Ellada'],
  ])('%j becomes %j', (input, expected) => {
    const out = toWindows1252(input);
    expect(out).toBe(expected);
    expect(fitsWindows1252(out)).toBe(true);
  });

  it('leaves text Procountor can store exactly as it is', () => {
    const text = '  Two  spaces, tabs\tand\nlines stay  ';
    expect(toWindows1252(text)).toBe(text);
  });

  it('never leaves half an emoji or a lone surrogate', () => {
    const out = toWindows1252('a🚀b👍🏽c\u{1F3F3}\u{FE0F}\u{200D}\u{1F308}d');
    expect(out).toBe('abcd');
    expect(/[\uD800-\uDFFF]/.test(out)).toBe(false);
  });
});

describe('shortening', () => {
  it('cuts at a word boundary near the end, marks the cut, and stays within the limit', () => {
    const out = shortenAtWord('Annual maintenance of the customer portal including hosting and support', 40);
    expect(out).toBe('Annual maintenance of the customer…');
    expect(out.length).toBeLessThanOrEqual(40);
  });

  it('cuts a single long word where the room ends, never inside an emoji', () => {
    expect(shortenAtWord('x'.repeat(150), 100)).toHaveLength(100);
    const emoji = shortenAtWord('ab🚀🚀🚀🚀', 5);
    expect(emoji).toBe('ab🚀…');
  });

  it('returns text within the limit unchanged', () => {
    expect(shortenAtWord('Design sprint', 100)).toBe('Design sprint');
  });
});
