import { customMessage, escapeMrkdwn, invoiceAlertMessage, MAX_BLOCKS, MAX_SECTION_TEXT } from '../lib/slack/message';

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

  it('shows hostile mapped values as plain text and never pings the channel', () => {
    const { text, blocks } = invoiceAlertMessage({ ...alert, customerName: '<!channel> *Evil* <https://x.test|click> @here & Co' });
    expect(text).not.toMatch(/<!channel>|<https/);
    expect(text).toContain('&lt;!channel&gt; *Evil* &lt;https://x.test|click&gt; @\u200bhere &amp; Co');
    const texts = JSON.stringify(blocks);
    expect(blocks.every((b: any) => ['header', 'section', 'context'].includes(b.type))).toBe(true);
    expect(texts).not.toContain('"mrkdwn"');
  });

  it('keeps 10,000-character notes within Slack\'s limits', () => {
    const { blocks } = invoiceAlertMessage({ ...alert, notes: 'n'.repeat(10_000) });
    expect(blocks.length).toBeLessThanOrEqual(MAX_BLOCKS);
    for (const b of blocks as any[]) if (b.text) expect(b.text.text.length).toBeLessThanOrEqual(MAX_SECTION_TEXT);
    const noteText = (blocks as any[]).filter((b) => b.type === 'section' && b.text?.text.startsWith('n')).map((b) => b.text.text).join('');
    expect(noteText).toHaveLength(10_000);
  });
});

describe('custom messages', () => {
  it('cuts a message longer than 50 sections and says so', () => {
    const { blocks, text } = customMessage('x'.repeat(200_000));
    expect(blocks).toHaveLength(MAX_BLOCKS);
    expect((blocks.at(-1) as any).text.text).toMatch(/\(message cut\)$/);
    expect(text.length).toBeLessThanOrEqual(3000);
  });

  it('escapes what Slack would read as markup in the fallback text', () => {
    expect(escapeMrkdwn('a < b > c & @channel @everyone')).toBe('a &lt; b &gt; c &amp; @\u200bchannel @\u200beveryone');
  });
});
