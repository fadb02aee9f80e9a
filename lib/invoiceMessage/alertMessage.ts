// The new-invoice alert as a Slack message (Block Kit with a plain-text fallback). Pure. What a Zap maps in goes into
// plain_text objects, which Slack shows as written; the fallback `text` is escaped as Slack documents.
import { finnishDate } from '../rules/dates';
import { formatMoney } from '../rules/money';
import { statusInWords } from '../procountor/invoices';
import { FIELD_SHARE, MAX_BLOCK_TEXT, MAX_FALLBACK_TEXT, MAX_HEADER_TEXT, MAX_SECTION_TEXT, plain, textBudget, textSections } from '../slack/message';
import { cut, cutThenEscape, wellFormed } from '../slack/text';

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
  const status = statusInWords(cut(clean(alert.status) ?? '', 40), 'Unfinished');
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
