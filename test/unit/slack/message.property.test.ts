// Generated text against the message builder: whatever a Zap maps in, every message it builds is one Slack accepts,
// by the sandbox's checks.
import fc from 'fast-check';
import { customMessage, MAX_BLOCK_TEXT } from '../../../lib/slack/message';
import { CUT_MARKER, wellFormed } from '../../../lib/slack/text';
import { expectSlackAccepts, mappedText, textOf } from '../../support/mappedText';

describe('custom messages, generated text', () => {
  it('builds a custom message Slack accepts, losing only what is past the budget (and says so)', () => {
    fc.assert(
      // Post to Slack sends the alert instead of a blank message.
      fc.property(
        mappedText.filter((m) => m.trim() !== ''),
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
});
