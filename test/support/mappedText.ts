// Text as a Zap may map it into a Slack message (emoji, right-to-left marks, <!channel>, &<>, half an emoji, up to
// 100,000 characters), and what every message built from it must satisfy: the property tests of the message share these.
import fc from 'fast-check';
import { MAX_BLOCK_TEXT, MAX_FALLBACK_TEXT } from '../../lib/slack/message';
import { checkMessage, hasBrokenSurrogate } from '../../sandboxes/slack/rules';

const fragment = fc.oneof(
  fc.constantFrom(
    '👨‍👩‍👧‍👦',
    '👍🏽',
    '🇫🇮',
    '🏳️‍🌈',
    '😀',
    'e\u0301',
    '\u200f',
    '\u202e',
    '\u200e',
    'مرحبا',
    'שלום',
    '<!channel>',
    '<!here>',
    '<!everyone>',
    '<@U0BOT>',
    '@channel',
    '&',
    '<',
    '>',
    '&amp;',
    '*bold*',
    '<https://x.test|click>',
    '\n',
    ' ',
    '\t',
    '\u00a0',
    '\ud83d',
    '\ude00',
    'Asiakas Oy',
    'ä',
    '€',
  ),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
);

/** Short texts, or fragments repeated out to a length of up to 100,000 (cut wherever that falls, even mid-emoji). */
export const mappedText = fc.oneof(
  { weight: 3, arbitrary: fc.array(fragment, { maxLength: 30 }).map((parts) => parts.join('')) },
  {
    weight: 1,
    arbitrary: fc
      .record({ parts: fc.array(fragment, { minLength: 1, maxLength: 20 }), length: fc.integer({ min: 2_000, max: 100_000 }) })
      .map(({ parts, length }) => {
        const unit = parts.join('') || 'x';
        return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
      }),
  },
);

export const textOf = (blocks: any[]): string[] =>
  blocks
    .flatMap((b) => [b.text?.text, ...(b.fields ?? []).map((f: any) => f.text), ...(b.elements ?? []).map((e: any) => e.text)])
    .filter((t) => t !== undefined);

/** What Slack would accept, and what our own rules promise on top: a fallback within 3,000 with nothing unescaped. */
export const expectSlackAccepts = (message: { text: string; blocks: object[] }) => {
  expect(checkMessage(message)).toEqual(expect.objectContaining({ ok: true }));
  const texts = textOf(message.blocks as any[]);
  expect(texts.join('').length).toBeLessThanOrEqual(MAX_BLOCK_TEXT);
  for (const t of texts) expect(t.trim()).not.toBe('');
  expect(message.text.length).toBeLessThanOrEqual(MAX_FALLBACK_TEXT);
  expect(hasBrokenSurrogate(message.text)).toBe(false);
  expect(message.text).not.toMatch(/[<>]|&(?!amp;|lt;|gt;)/);
};
