import { invoiceAlertMessage } from '../../../lib/invoiceMessage/alertMessage';
import { MAX_BLOCK_TEXT, MAX_SECTION_TEXT } from '../../../lib/slack/message';
import { CUT_MARKER } from '../../../lib/slack/text';
import { checkMessage } from '../../../sandboxes/slack/rules';

const alert = {
  invoiceNumber: 1001,
  customerName: 'Asiakas Oy',
  contractNumber: 'C-1042',
  total: 11444.09,
  currency: 'EUR',
  dueDate: '2026-12-08',
  status: 'UNFINISHED',
};

const allText = (blocks: any[]) => JSON.stringify(blocks);
const blockText = (blocks: any[]) =>
  blocks
    .flatMap((b) => [b.text?.text, ...(b.fields ?? []).map((f: any) => f.text), ...(b.elements ?? []).map((e: any) => e.text)])
    .filter(Boolean)
    .join('');

describe('new-invoice alert', () => {
  it('says who, which contract, how much, when due, its status and what is left to do', () => {
    const { text, blocks } = invoiceAlertMessage(alert);
    expect(text).toBe(
      'New unfinished invoice 1001 for Asiakas Oy (contract C-1042): 11 444,09 € incl. VAT, due 8.12.2026. To do in Procountor: add the e-invoice details if needed, check the invoice and send it.',
    );
    expect(blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'New unfinished invoice 1001 for Asiakas Oy', emoji: false } });
    expect(allText(blocks)).toContain('Total incl. VAT: 11 444,09 €');
    expect(allText(blocks)).toContain('Status: Unfinished');
  });

  it('names an order instead of a contract, and no Click2Contract, for an invoice made from mapped line items', () => {
    const { text, blocks } = invoiceAlertMessage({ ...alert, contractNumber: 'order-5521', reference: { label: 'Order', value: 'order-5521' } });
    expect(text.startsWith('New unfinished invoice 1001 for Asiakas Oy (order order-5521)')).toBe(true);
    expect(allText(blocks)).toContain('Order: order-5521');
    expect(allText(blocks)).not.toContain('Click2Contract');
    expect(allText(blocks)).not.toContain('Contract:');
    expect(checkMessage({ text, blocks })).toEqual(expect.objectContaining({ ok: true }));
  });

  it.each([null, undefined, ''])('reads well when Procountor has not numbered the invoice yet (%p)', (invoiceNumber) => {
    const { text, blocks } = invoiceAlertMessage({ ...alert, invoiceNumber });
    expect((blocks[0] as any).text.text).toBe('New unfinished invoice for Asiakas Oy');
    expect(text.startsWith('New unfinished invoice for Asiakas Oy (contract C-1042)')).toBe(true);
    expect(allText(blocks)).toContain('Invoice: no number yet');
    expect(allText(blocks) + text).not.toMatch(/null|undefined|#/);
  });

  it('shows hostile mapped values as plain text and never pings the channel', () => {
    const { text, blocks } = invoiceAlertMessage({ ...alert, customerName: '<!channel> *Evil* <https://x.test|click> @here & Co' });
    expect(text).not.toMatch(/<!channel>|<https/);
    expect(text).toContain('&lt;!channel&gt; *Evil* &lt;https://x.test|click&gt; @\u200bhere &amp; Co');
    const texts = JSON.stringify(blocks);
    expect(blocks.every((b: any) => ['header', 'section', 'context'].includes(b.type))).toBe(true);
    expect(texts).not.toContain('"mrkdwn"');
  });

  it('keeps 10,000-character notes whole: they fit in the total', () => {
    const { blocks } = invoiceAlertMessage({ ...alert, notes: 'n'.repeat(10_000) });
    const noteText = (blocks as any[])
      .filter((b) => b.type === 'section' && b.text?.text.startsWith('n'))
      .map((b) => b.text.text)
      .join('');
    expect(noteText).toHaveLength(10_000);
    expect(blockText(blocks as any[]).length).toBeLessThanOrEqual(MAX_BLOCK_TEXT);
  });

  it('cuts 100,000-character notes to what is left of the 12,000-character total, and marks the cut', () => {
    const { blocks } = invoiceAlertMessage({ ...alert, notes: 'n'.repeat(100_000) });
    const total = blockText(blocks as any[]).length;
    expect(total).toBeLessThanOrEqual(MAX_BLOCK_TEXT);
    expect(total).toBeGreaterThan(MAX_BLOCK_TEXT - 10);
    const notes = (blocks as any[]).filter((b) => b.type === 'section' && b.text?.text.startsWith('n'));
    expect(notes.at(-1).text.text.endsWith(CUT_MARKER)).toBe(true);
    expect(notes.every((b) => b.text.text.length <= MAX_SECTION_TEXT)).toBe(true);
    expect(checkMessage({ ...invoiceAlertMessage({ ...alert, notes: 'n'.repeat(100_000) }) })).toEqual(expect.objectContaining({ ok: true }));
  });

  it('keeps every mapped value to its share, so a huge customer name cannot crowd out the notes', () => {
    const huge = 'Asiakas '.repeat(20_000);
    const { blocks } = invoiceAlertMessage({
      ...alert,
      customerName: huge,
      contractNumber: huge,
      currency: huge,
      status: huge,
      dueDate: huge,
      notes: 'note '.repeat(100),
    });
    expect((blocks[0] as any).text.text.length).toBeLessThanOrEqual(150);
    expect((blocks[1] as any).fields.every((f: any) => f.text.length <= 300)).toBe(true);
    expect(allText(blocks)).toContain('note note');
    expect(checkMessage(invoiceAlertMessage({ ...alert, customerName: huge }))).toEqual(expect.objectContaining({ ok: true }));
  });

  it('shows an amount with a currency that is not an ISO code instead of failing', () => {
    expect(allText(invoiceAlertMessage({ ...alert, currency: 'euro' }).blocks)).toContain('Total incl. VAT: 11 444,09 euro');
  });
});
