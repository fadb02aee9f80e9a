import { customMessage, MAX_BLOCK_TEXT, MAX_FALLBACK_TEXT } from '../../../lib/slack/message';
import { CUT_MARKER } from '../../../lib/slack/text';

const blockText = (blocks: any[]) =>
  blocks
    .flatMap((b) => [b.text?.text, ...(b.fields ?? []).map((f: any) => f.text), ...(b.elements ?? []).map((e: any) => e.text)])
    .filter(Boolean)
    .join('');

describe('custom messages', () => {
  it('posts a message that fits exactly as written', () => {
    const hostile = '<!channel> *bold* ' + 'x'.repeat(10_000);
    const { blocks } = customMessage(hostile);
    expect((blocks as any[]).map((b) => b.text.text).join('')).toBe(hostile);
  });

  it('cuts a message longer than Slack takes to 12,000 characters of blocks and says so', () => {
    const { blocks, text } = customMessage('x'.repeat(200_000));
    expect(blockText(blocks as any[]).length).toBeLessThanOrEqual(MAX_BLOCK_TEXT);
    expect((blocks.at(-1) as any).text.text.endsWith(CUT_MARKER)).toBe(true);
    expect(text.length).toBeLessThanOrEqual(MAX_FALLBACK_TEXT);
    expect(text.endsWith(CUT_MARKER)).toBe(true);
  });

  it('breaks sections after a line rather than inside a word', () => {
    const line = 'Row of the pricing table, with words\n';
    const { blocks } = customMessage(line.repeat(200));
    expect((blocks as any[]).every((b) => b.text.text.endsWith('\n') || b === blocks.at(-1))).toBe(true);
  });
});
