import fc from 'fast-check';
import { invoiceAlertMessage } from '../../../lib/invoiceMessage/alertMessage';
import {
  changesSince,
  invoiceMetadata,
  MAX_REPLIES_PER_RUN,
  NEW_INVOICE_SHOWN,
  shownIn,
  shownOf,
  standingMessage,
  statusLine,
  type InvoiceStanding,
} from '../../../lib/invoiceMessage/standing';
import { checkMessage } from '../../../sandboxes/slack/rules';

const made: InvoiceStanding = {
  invoiceId: 9002,
  invoiceNumber: 1002,
  status: 'UNFINISHED',
  customerName: 'Vanha Asiakas Oy',
  contractNumber: 'C-1002',
  total: 941.25,
  currency: 'EUR',
  dueDate: '2026-12-26',
  invoiceChannel: 'ELECTRONIC_INVOICE',
  payments: [],
};
const sent: InvoiceStanding = { ...made, status: 'SENT', sentOn: '2026-12-12' };
const partly: InvoiceStanding = { ...sent, status: 'PARTLY_PAID', sentOn: undefined, payments: [{ amount: 500, date: '2026-12-14' }] };
const paid: InvoiceStanding = { ...partly, status: 'PAID', payments: [...partly.payments, { amount: 441.25, date: '2026-12-20' }] };

const blockTexts = (blocks: any[]) =>
  blocks.flatMap((b) => [b.text?.text, ...(b.fields ?? []).map((f: any) => f.text), ...(b.elements ?? []).map((e: any) => e.text)]).filter(Boolean);

describe('the status as people say it', () => {
  it.each<[string, InvoiceStanding, string]>([
    ['unfinished', made, 'Unfinished'],
    ['approved', { ...made, status: 'NOT_SENT' }, 'Approved, not sent yet'],
    ['sent', sent, 'Sent 12.12.2026 by e-invoice'],
    ['sent on an unknown day', { ...sent, sentOn: undefined, invoiceChannel: 'EMAIL' }, 'Sent by e-mail'],
    ['partly paid', partly, 'Partly paid 500,00 € of 941,25 €'],
    ['paid', paid, 'Paid 941,25 €'],
    ['marked paid', { ...sent, status: 'MARKED_PAID' }, 'Marked paid'],
    ['approved, No sending', { ...made, status: 'APPROVED', invoiceChannel: 'NO_SENDING' }, 'Approved; Procountor sends nothing for a No-sending invoice'],
  ])('%s', (_name, standing, line) => {
    expect(statusLine(standing)).toBe(line);
  });

  it('shows amounts in fi-FI in the invoice currency', () => {
    expect(statusLine({ ...partly, currency: 'SEK', total: 12000, payments: [{ amount: 1234.5, date: '2026-12-14' }] })).toBe(
      'Partly paid 1 234,50 SEK of 12 000,00 SEK',
    );
  });
});

describe('one reply for each change since what the message showed', () => {
  it('made, then sent, then paid in two parts: one reply for the sending and one for each payment', () => {
    expect(changesSince(NEW_INVOICE_SHOWN, sent)).toEqual(['Approved and sent 12.12.2026 by e-invoice.']);
    const afterSent = shownOf(sent);
    expect(changesSince(afterSent, partly)).toEqual(['A payment of 500,00 € arrived 14.12.2026; 441,25 € still open.']);
    expect(changesSince(shownOf(partly, afterSent), paid)).toEqual(['Paid in full: a payment of 441,25 € arrived 20.12.2026 (941,25 € in all).']);
  });

  it('tells that a No-sending invoice was approved and that Procountor will send nothing, once', () => {
    const approved: InvoiceStanding = { ...made, status: 'APPROVED', invoiceChannel: 'NO_SENDING' };
    expect(changesSince(NEW_INVOICE_SHOWN, approved)).toEqual(['Approved; Procountor sends nothing for a No-sending invoice.']);
    expect(changesSince(shownOf(approved), approved)).toEqual([]);
  });

  it('adds nothing for the state the message already shows', () => {
    for (const standing of [made, sent, partly, paid]) expect(changesSince(shownOf(standing), standing)).toEqual([]);
    expect(changesSince(shownOf(paid), paid, 'a note')).toEqual([]);
  });

  it('tells each change it missed when it runs only once, late', () => {
    expect(changesSince(NEW_INVOICE_SHOWN, paid)).toEqual([
      'Approved and sent by e-invoice.',
      'A payment of 500,00 € arrived 14.12.2026; 441,25 € still open.',
      'Paid in full: a payment of 441,25 € arrived 20.12.2026 (941,25 € in all).',
    ]);
  });

  it('keeps the day it was sent once known, and tells statuses without payments in words', () => {
    expect(shownOf(partly, shownOf(sent)).sentOn).toBe('2026-12-12');
    expect(changesSince(shownOf(sent), { ...sent, status: 'MARKED_PAID' })).toEqual(['Marked paid in Procountor.']);
    expect(changesSince(shownOf(made), { ...made, status: 'NOT_SENT' })).toEqual(['Approved in Procountor, not sent yet.']);
    expect(changesSince(shownOf(partly), { ...partly, status: 'PAID' })).toEqual(['Paid 941,25 €.']);
  });

  it(`adds at most ${MAX_REPLIES_PER_RUN} replies, telling the earliest payments together`, () => {
    const payments = Array.from({ length: 12 }, (_, i) => ({ amount: 50, date: `2026-12-${String(10 + i).padStart(2, '0')}` }));
    const replies = changesSince(NEW_INVOICE_SHOWN, { ...sent, status: 'PARTLY_PAID', payments });
    expect(replies).toHaveLength(MAX_REPLIES_PER_RUN);
    expect(replies[1]).toBe('9 payments of 450,00 € in all arrived 10.12.2026–18.12.2026.');
    expect(replies[4]).toBe('A payment of 50,00 € arrived 21.12.2026; 341,25 € still open.');
  });

  it('adds the note to the last reply of the run', () => {
    expect(changesSince(NEW_INVOICE_SHOWN, sent, '  Customer asked for e-invoice  ')).toEqual([
      'Approved and sent 12.12.2026 by e-invoice.\nNote: Customer asked for e-invoice',
    ]);
  });
});

describe('the living message', () => {
  it('reads as the new-invoice alert while the invoice is Unfinished', () => {
    const alert = invoiceAlertMessage({
      invoiceNumber: 1002,
      customerName: 'Vanha Asiakas Oy',
      contractNumber: 'C-1002',
      total: 941.25,
      currency: 'EUR',
      dueDate: '2026-12-26',
      status: 'UNFINISHED',
    });
    expect(standingMessage(made)).toEqual(alert);
  });

  it('shows where the invoice stands plainly, with what is still open', () => {
    const { text, blocks } = standingMessage(partly);
    expect((blocks[0] as any).text.text).toBe('Invoice 1002 for Vanha Asiakas Oy: partly paid');
    expect(blockTexts(blocks)).toEqual(expect.arrayContaining(['Status: Partly paid 500,00 € of 941,25 €', '441,25 € still open, due 26.12.2026.']));
    expect(text).toBe('Invoice 1002 for Vanha Asiakas Oy (contract C-1002): Partly paid 500,00 € of 941,25 €. 441,25 € still open, due 26.12.2026.');
    expect(blockTexts(standingMessage(paid).blocks)).not.toContain(expect.stringContaining('still open'));
  });

  it('stays within what Slack accepts whatever the customer name and note', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 300 });
    fc.assert(
      fc.property(fc.constantFrom(made, sent, partly, paid), text, fc.string({ unit: 'binary', maxLength: 20_000 }), (standing, name, note) => {
        const message = standingMessage({ ...standing, customerName: name.repeat(40) }, note);
        expect(checkMessage(message)).toEqual(expect.objectContaining({ ok: true }));
        expect(blockTexts(message.blocks).join('').length).toBeLessThanOrEqual(12_000);
      }),
      { numRuns: 60 },
    );
  });
});

describe('message metadata', () => {
  it('keeps what the message shows for the invoice, and is read back only for that invoice', () => {
    const metadata = invoiceMetadata(9002, 1002, shownOf(partly, shownOf(sent)));
    expect(metadata).toEqual({
      event_type: 'procountor_invoice_tracked',
      event_payload: {
        invoice_id: 9002,
        invoice_number: 1002,
        status: 'PARTLY_PAID',
        paid: 500,
        payments: 1,
        sent_on: '2026-12-12',
        overdue: false,
        credited: '',
      },
    });
    expect(shownIn(metadata, 9002)).toEqual({ status: 'PARTLY_PAID', paid: 500, payments: 1, sentOn: '2026-12-12', overdue: false, credited: '' });
    expect(shownIn(metadata, 9003)).toBeUndefined();
    expect(shownIn({ ...metadata, event_type: 'task_created' }, 9002)).toBeUndefined();
    expect(shownIn(JSON.parse(JSON.stringify({ ...metadata, event_payload: { invoice_id: '9002' } })), 9002)).toEqual({
      status: '',
      paid: 0,
      payments: 0,
      sentOn: '',
      overdue: false,
      credited: '',
    });
  });
});

describe('overdue, credited, marked paid', () => {
  const overdue: InvoiceStanding = { ...partly, daysOverdue: 5 };

  it('shows an open invoice past its due date as overdue, with what is open, and tells the thread once', () => {
    expect(statusLine(overdue)).toMatch(/^Overdue 5 days: [\d ,]+ € open$/);
    expect(statusLine({ ...overdue, daysOverdue: 1 })).toMatch(/^Overdue 1 day:/);
    expect((standingMessage(overdue).blocks[0] as any).text.text).toBe('Invoice 1002 for Vanha Asiakas Oy: overdue');
    const before = shownOf(partly, shownOf(sent));
    expect(changesSince(before, overdue)).toEqual([expect.stringMatching(/^Overdue 5 days: .* open; it was due \d{2}\.\d{2}\.\d{4}\.$/)]);
    expect(changesSince(shownOf(overdue, before), { ...overdue, daysOverdue: 6 })).toEqual([]);
    expect(statusLine({ ...overdue, status: 'PAID' })).not.toMatch(/Overdue/);
  });

  it('shows what credited the invoice, tells it once, and keeps it in what the message shows', () => {
    const credited: InvoiceStanding = { ...sent, creditedBy: 'invoice 1043 (Sopimus peruttu)' };
    expect(statusLine(credited)).toBe('Credited by invoice 1043 (Sopimus peruttu)');
    expect((standingMessage(credited).blocks[0] as any).text.text).toBe('Invoice 1002 for Vanha Asiakas Oy: credited');
    const before = shownOf(sent);
    expect(changesSince(before, credited)).toEqual(['Credited by invoice 1043 (Sopimus peruttu).']);
    const after = shownOf(credited, before);
    expect(after.credited).toBe('invoice 1043 (Sopimus peruttu)');
    expect(changesSince(after, credited)).toEqual([]);
    expect(shownOf(sent, after).credited).toBe('invoice 1043 (Sopimus peruttu)');
  });

  it('tells an invalidated and a marked-paid invoice in a word', () => {
    expect(changesSince(shownOf(made), { ...made, status: 'INVALIDATED' })).toEqual(['Invalidated in Procountor.']);
    expect(changesSince(shownOf(sent), { ...sent, status: 'MARKED_PAID' })).toEqual(['Marked paid in Procountor.']);
    expect(statusLine({ ...sent, status: 'MARKED_PAID' })).toBe('Marked paid');
  });
});
