// Generated text against the message builder: whatever a Zap maps in, every message it builds is one Slack accepts,
// by the sandbox's checks.
import fc from 'fast-check';
import { invoiceAlertMessage } from '../../../lib/invoiceMessage/alertMessage';
import { expectSlackAccepts, mappedText } from '../../support/mappedText';

describe('new-invoice alert, generated text', () => {
  it('builds an alert Slack accepts from any mapped values', () => {
    fc.assert(
      fc.property(
        fc.record({
          invoiceNumber: fc.option(fc.oneof(fc.integer(), mappedText), { nil: null }),
          customerName: fc.option(mappedText, { nil: undefined }),
          contractNumber: fc.option(mappedText, { nil: undefined }),
          total: fc.option(fc.double({ noNaN: true }), { nil: null }),
          currency: fc.option(fc.oneof(fc.constantFrom('EUR', 'SEK', 'usd'), mappedText), { nil: undefined }),
          dueDate: fc.option(fc.oneof(fc.constant('2026-12-08'), mappedText), { nil: undefined }),
          status: fc.option(mappedText, { nil: undefined }),
          notes: fc.option(mappedText, { nil: undefined }),
        }),
        (alert) => expectSlackAccepts(invoiceAlertMessage(alert)),
      ),
      { numRuns: 150 },
    );
  });
});
