// Generated text against cutting and splitting: only ever between whole characters.
import fc from 'fast-check';
import { cut, CUT_MARKER, split, wellFormed } from '../../../lib/slack/text';
import { mappedText } from '../../support/mappedText';

const graphemes = (s: string) => Array.from(new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(s));

describe('cutting text, generated', () => {
  it('cuts and splits only between whole characters', () => {
    fc.assert(
      // Boundaries do not depend on length; 20,000 characters keep the reference segmentation quick.
      fc.property(mappedText, fc.integer({ min: 8, max: 5_000 }), (raw, max) => {
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
