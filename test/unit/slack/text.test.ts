import { cut, cutThenEscape, CUT_MARKER, escapeMrkdwn, split, wellFormed } from '../../../lib/slack/text';

describe('cutting text', () => {
  it('never cuts inside an emoji', () => {
    const family = '👨‍👩‍👧‍👦';
    const cutText = cut(`${'a'.repeat(10)}${family}${'b'.repeat(10)}`, 10 + family.length + CUT_MARKER.length - 1);
    expect(cutText).toBe(`${'a'.repeat(10)}${CUT_MARKER}`);
    expect(cut(`${'a'.repeat(10)}${family}${'b'.repeat(10)}`, 10 + family.length + CUT_MARKER.length)).toBe(`${'a'.repeat(10)}${family}${CUT_MARKER}`);
  });

  it('never splits a flag or an accented letter between sections', () => {
    const text = '🇫🇮'.repeat(2000) + 'e\u0301'.repeat(2000);
    const pieces = split(text, 3000);
    expect(pieces.join('')).toBe(text);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(3000);
      expect(piece.startsWith('\u0301')).toBe(false);
      expect(wellFormed(piece)).toBe(piece);
    }
  });

  it('cuts before escaping, so an entity is never left as &am…', () => {
    const result = cutThenEscape('&'.repeat(100), 40);
    expect(result).toBe(`${'&amp;'.repeat(6)}${CUT_MARKER}`);
    expect(result.length).toBeLessThanOrEqual(40);
  });

  it('replaces half an emoji in the input, which Slack cannot store', () => {
    expect(wellFormed('a\ud83d b \ude00 c 😀')).toBe('a\ufffd b \ufffd c 😀');
  });

  it('escapes what Slack would read as markup in the fallback text', () => {
    expect(escapeMrkdwn('a < b > c & @channel @everyone')).toBe('a &lt; b &gt; c &amp; @\u200bchannel @\u200beveryone');
  });
});
