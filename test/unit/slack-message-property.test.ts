// Generated text against the message builder: whatever a Zap maps in (emoji, right-to-left marks, <!channel>, &<>,
// half an emoji, 100,000 characters), every message it builds is one Slack accepts, by the sandbox's checks.
import fc from 'fast-check';
import { invoiceAlertMessage } from '../../lib/invoiceMessage/alertMessage';
import { customMessage, MAX_BLOCK_TEXT, MAX_FALLBACK_TEXT } from '../../lib/slack/message';
import { cut, CUT_MARKER, split, wellFormed } from '../../lib/slack/text';
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
const text = fc.oneof(
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

const textOf = (blocks: any[]): string[] =>
  blocks
    .flatMap((b) => [b.text?.text, ...(b.fields ?? []).map((f: any) => f.text), ...(b.elements ?? []).map((e: any) => e.text)])
    .filter((t) => t !== undefined);

/** What Slack would accept, and what our own rules promise on top: a fallback within 3,000 with nothing unescaped. */
const expectSlackAccepts = (message: { text: string; blocks: object[] }) => {
  expect(checkMessage(message)).toEqual(expect.objectContaining({ ok: true }));
  const texts = textOf(message.blocks as any[]);
  expect(texts.join('').length).toBeLessThanOrEqual(MAX_BLOCK_TEXT);
  for (const t of texts) expect(t.trim()).not.toBe('');
  expect(message.text.length).toBeLessThanOrEqual(MAX_FALLBACK_TEXT);
  expect(hasBrokenSurrogate(message.text)).toBe(false);
  expect(message.text).not.toMatch(/[<>]|&(?!amp;|lt;|gt;)/);
};

const graphemes = (s: string) => Array.from(new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(s));

describe('message builder, generated text', () => {
  it('builds an alert Slack accepts from any mapped values', () => {
    fc.assert(
      fc.property(
        fc.record({
          invoiceNumber: fc.option(fc.oneof(fc.integer(), text), { nil: null }),
          customerName: fc.option(text, { nil: undefined }),
          contractNumber: fc.option(text, { nil: undefined }),
          total: fc.option(fc.double({ noNaN: true }), { nil: null }),
          currency: fc.option(fc.oneof(fc.constantFrom('EUR', 'SEK', 'usd'), text), { nil: undefined }),
          dueDate: fc.option(fc.oneof(fc.constant('2026-12-08'), text), { nil: undefined }),
          status: fc.option(text, { nil: undefined }),
          notes: fc.option(text, { nil: undefined }),
        }),
        (alert) => expectSlackAccepts(invoiceAlertMessage(alert)),
      ),
      { numRuns: 150 },
    );
  });

  it('builds a custom message Slack accepts, losing only what is past the budget (and says so)', () => {
    fc.assert(
      // Post to Slack sends the alert instead of a blank message.
      fc.property(
        text.filter((m) => m.trim() !== ''),
        (message) => {
          const built = customMessage(message);
          expectSlackAccepts(built);
          const shown = textOf(built.blocks as any[]).join('');
          const wasCut = shown.endsWith(CUT_MARKER);
          const visible = (s: string) => s.replace(/\s/g, '');
          const original = visible(wellFormed(message));
          if (wasCut) expect(original.startsWith(visible(shown.slice(0, -CUT_MARKER.length)))).toBe(true);
          else expect(visible(shown)).toBe(original);
          expect(wasCut).toBe(wellFormed(message).length > MAX_BLOCK_TEXT);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('cuts and splits only between whole characters', () => {
    fc.assert(
      // Boundaries do not depend on length; 20,000 characters keep the reference segmentation quick.
      fc.property(text, fc.integer({ min: 8, max: 5_000 }), (raw, max) => {
        const whole = wellFormed(raw.slice(0, 20_000));
        const segments = graphemes(whole);
        const boundaries = new Set([0, ...segments.map((g) => g.index + g.segment.length)]);
        // A single "character" longer than the limit (a run of combining marks) has no boundary to split at.
        const splittable = segments.every((g) => g.segment.length <= max);
        const kept = cut(whole, max);
        expect(kept.length).toBeLessThanOrEqual(max);
        if (kept !== whole) expect(boundaries.has(kept.length - CUT_MARKER.length)).toBe(true);
        let at = 0;
        for (const piece of split(whole, max)) {
          expect(piece.length).toBeLessThanOrEqual(max);
          at += piece.length;
          if (splittable) expect(boundaries.has(at)).toBe(true);
        }
        expect(at).toBe(whole.length);
      }),
      { numRuns: 150 },
    );
  });
});
