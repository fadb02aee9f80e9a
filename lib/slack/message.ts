// Slack messages for new invoices, as Block Kit with a plain-text fallback. Pure.
//
// Everything a Zap maps in goes into plain_text objects, which Slack shows as written: no *bold*, no links,
// no <!channel> pings. The top-level `text` (the notification and screen-reader fallback) is mrkdwn, so it
// is escaped the way Slack documents (&, <, >) and @channel/@here/@everyone are defused.
//
// Whatever the input, the message stays within what Slack accepts: each element within its own limit, and all the
// text in the blocks together within one budget, since Slack refuses a message whose blocks hold too much text in
// total (msg_blocks_too_long) long before it runs out of blocks.
import { finnishDate } from '../rules/dates';
import { formatMoney } from '../rules/money';
import { cut, cutThenEscape, split, wellFormed } from './text';

/** Slack's per-element limits (Block Kit reference): header text, section text. */
export const MAX_HEADER_TEXT = 150;
export const MAX_SECTION_TEXT = 3000;
/**
 * All text in a message's blocks together. Slack answers msg_blocks_too_long somewhere between about 11,000 and 13,000
 * characters and a Slack maintainer advises staying under 12,000 (slackapi/bolt-js#2509, #2867). Our messages have
 * under a dozen blocks, so the containers' own share of Slack's count stays small.
 */
export const MAX_BLOCK_TEXT = 12_000;
/** Slack cuts `text` past 40,000 characters; a notification needs far less. */
export const MAX_FALLBACK_TEXT = 3000;
/**
 * One field shows one value (a customer name, a date): longer ones are cut here, well inside Slack's 2,000 a field,
 * so six mapped values can never crowd the notes out of the total.
 */
const FIELD_SHARE = 300;

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: false });

/** Hands out the message's text budget in order; every piece is cut to what is left and to its own limit. */
const textBudget = (total: number) => {
  let left = total;
  return {
    take(text: string, max: number) {
      const piece = cut(text, Math.min(max, left));
      left -= piece.length;
      return piece;
    },
    get left() {
      return left;
    },
  };
};

/** Sections of at most 3,000 characters holding `text`, cut to `room` characters in all (marker included). */
const textSections = (text: string, room: number) =>
  split(cut(text, room), MAX_SECTION_TEXT)
    // A section of nothing but spaces would show as an empty gap in the message.
    .filter((piece) => piece.trim())
    .map((piece) => ({ type: 'section', text: plain(piece) }));

export interface InvoiceAlert {
  invoiceNumber?: number | string | null;
  customerName?: string;
  contractNumber?: string;
  /**
   * For an invoice that did not come from a contract (line items mapped in a Zap): what to call its reference
   * ("Order order-1042") instead of a contract, and no "From Click2Contract" line.
   */
  reference?: { label: string; value?: string };
  total?: number | null;
  currency?: string;
  dueDate?: string;
  status?: string;
  notes?: string;
  /**
   * What the invoice's living message shows once the invoice has moved on from Unfinished: a word for the header
   * ("paid"), the status as people say it ("Partly paid 500,00 € of 941,25 €") and what is left to do, if anything.
   */
  standing?: { headline: string; status: string; todo?: string };
}

const formatDate = (iso?: string) => (/^\d{4}-\d{2}-\d{2}$/.test(iso ?? '') ? finnishDate(iso) : undefined) ?? (iso || '–');

const statusWord = (status?: string) => (status ? status.charAt(0) + status.slice(1).toLowerCase().replace(/_/g, ' ') : 'Unfinished');

const TODO = 'To do in Procountor: add the e-invoice details if needed, check the invoice and send it.';

const clean = (value: string | undefined) => (value === undefined ? undefined : wellFormed(value).trim() || undefined);

export const invoiceAlertMessage = (alert: InvoiceAlert) => {
  const customer = cut(clean(alert.customerName) ?? 'a customer', MAX_HEADER_TEXT);
  const refLabel = alert.reference?.label ?? 'Contract';
  const contract = clean(alert.reference ? alert.reference.value : alert.contractNumber);
  const numberText = alert.invoiceNumber === undefined || alert.invoiceNumber === null ? undefined : clean(String(alert.invoiceNumber));
  const number = numberText === undefined ? undefined : cut(numberText, 40);
  // A mapped currency longer than a code is cut; no total shows as a dash.
  const total = formatMoney(alert.total, cut(clean(alert.currency) ?? 'EUR', 20), '–');
  const status = statusWord(cut(clean(alert.status) ?? '', 40));
  const due = formatDate(clean(alert.dueDate));
  const shown = alert.standing;
  const subject = shown
    ? `Invoice${number ? ` ${number}` : ''} for ${customer}`
    : `New ${status.toLowerCase()} invoice${number ? ` ${number}` : ''} for ${customer}`;
  const title = shown ? `${subject}: ${shown.headline}` : subject;
  const todoText = shown ? shown.todo : TODO;

  const budget = textBudget(MAX_BLOCK_TEXT);
  const header = { type: 'header', text: plain(budget.take(title, MAX_HEADER_TEXT)) };
  const fields = [
    `Customer: ${customer}`,
    `${refLabel}: ${contract ?? '–'}`,
    `Total incl. VAT: ${total}`,
    `Due: ${due}`,
    `Status: ${shown?.status ?? status}`,
    // Procountor may not have numbered an Unfinished invoice yet.
    `Invoice: ${number ?? 'no number yet'}`,
  ].map((field) => plain(budget.take(field, FIELD_SHARE)));
  const todo = todoText ? [{ type: 'section', text: plain(budget.take(todoText, MAX_SECTION_TEXT)) }] : [];
  const origin = alert.reference
    ? `${refLabel}${contract ? ` ${contract}` : ''}, via Zapier`
    : `From Click2Contract${contract ? ` contract ${contract}` : ''} via Zapier`;
  const context = { type: 'context', elements: [plain(budget.take(origin, FIELD_SHARE))] };
  const notes = clean(alert.notes);
  const blocks: object[] = [header, { type: 'section', fields }, ...todo, ...(notes ? textSections(notes, budget.left) : []), context];

  const about = `${subject}${contract ? ` (${refLabel.toLowerCase()} ${cut(contract, FIELD_SHARE)})` : ''}`;
  const summary = shown ? `${shown.status}.${todoText ? ` ${todoText}` : ''}` : `${total} incl. VAT, due ${cut(due, 40)}. ${TODO}`;
  const text = cutThenEscape(`${about}: ${summary}`, MAX_FALLBACK_TEXT);
  return { text, blocks };
};

/** A message the Zap builder wrote, shown exactly as written (cut, and marked so, when Slack could not take it all). */
export const customMessage = (message: string) => {
  const text = wellFormed(message);
  return { text: cutThenEscape(text, MAX_FALLBACK_TEXT), blocks: textSections(text, MAX_BLOCK_TEXT) };
};
