// Slack messages for new invoices, as Block Kit with a plain-text fallback. Pure.
//
// Everything a Zap maps in goes into plain_text objects, which Slack shows as written: no *bold*, no links,
// no <!channel> pings. The top-level `text` (the notification and screen-reader fallback) is mrkdwn, so it
// is escaped the way Slack documents (&, <, >) and @channel/@here/@everyone are defused.

/** Slack's limits: 50 blocks a message, 3,000 characters a section text, 150 a header. */
export const MAX_BLOCKS = 50;
export const MAX_SECTION_TEXT = 3000;
export const MAX_HEADER_TEXT = 150;
/** Slack cuts `text` past 40,000 characters; a notification needs far less. */
export const MAX_FALLBACK_TEXT = 3000;

export const escapeMrkdwn = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@(channel|here|everyone)\b/gi, '@\u200b$1');

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

const plain = (text: string) => ({ type: 'plain_text' as const, text: text || ' ', emoji: false });

export interface InvoiceAlert {
  invoiceNumber?: number | string | null;
  customerName?: string;
  contractNumber?: string;
  total?: number | null;
  currency?: string;
  dueDate?: string;
  status?: string;
  notes?: string;
}

export const formatMoney = (amount: number | null | undefined, currency = 'EUR') =>
  amount === null || amount === undefined || !Number.isFinite(amount)
    ? '–'
    : new Intl.NumberFormat('fi-FI', { style: 'currency', currency }).format(amount).replace(/\u00a0/g, ' ');

const formatDate = (iso?: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  return m ? `${Number(m[3])}.${Number(m[2])}.${m[1]}` : iso || '–';
};

const statusWord = (status?: string) => (status ? status.charAt(0) + status.slice(1).toLowerCase().replace(/_/g, ' ') : 'Unfinished');

const TODO = 'To do in Procountor: add the e-invoice details if needed, check the invoice and send it.';

/** Plain text split into section blocks of at most 3,000 characters, within the block budget. */
const textSections = (text: string, budget: number) => {
  const chunks: string[] = [];
  for (let i = 0; i < text.length && chunks.length < budget; i += MAX_SECTION_TEXT) chunks.push(text.slice(i, i + MAX_SECTION_TEXT));
  if (chunks.length * MAX_SECTION_TEXT < text.length) chunks[chunks.length - 1] = cut(chunks[chunks.length - 1]!, MAX_SECTION_TEXT - 20) + ' (message cut)';
  return chunks.map((chunk) => ({ type: 'section', text: plain(chunk) }));
};

export const invoiceAlertMessage = (alert: InvoiceAlert) => {
  const customer = alert.customerName?.trim() || 'a customer';
  const contract = alert.contractNumber?.trim();
  const number = alert.invoiceNumber !== undefined && alert.invoiceNumber !== null && alert.invoiceNumber !== '' ? String(alert.invoiceNumber) : undefined;
  const total = formatMoney(alert.total, alert.currency || 'EUR');
  const title = `New ${statusWord(alert.status).toLowerCase()} invoice${number ? ` ${number}` : ''} for ${customer}`;
  const fields = [
    `Customer: ${customer}`,
    `Contract: ${contract || '–'}`,
    `Total incl. VAT: ${total}`,
    `Due: ${formatDate(alert.dueDate)}`,
    `Status: ${statusWord(alert.status)}`,
    `Invoice: ${number ?? '–'}`,
  ].map((f) => plain(cut(f, 2000)));
  const blocks: object[] = [
    { type: 'header', text: plain(cut(title, MAX_HEADER_TEXT)) },
    { type: 'section', fields },
    { type: 'section', text: plain(TODO) },
  ];
  if (alert.notes?.trim()) blocks.push(...textSections(alert.notes.trim(), MAX_BLOCKS - blocks.length - 1));
  blocks.push({ type: 'context', elements: [plain(cut(`From Click2Contract${contract ? ` contract ${contract}` : ''} via Zapier`, 2000))] });
  const text = cut(
    escapeMrkdwn(`${title}${contract ? ` (contract ${contract})` : ''}: ${total} incl. VAT, due ${formatDate(alert.dueDate)}. ${TODO}`),
    MAX_FALLBACK_TEXT,
  );
  return { text, blocks };
};

/** A message the Zap builder wrote, shown exactly as written. */
export const customMessage = (text: string) => ({
  text: cut(escapeMrkdwn(text), MAX_FALLBACK_TEXT),
  blocks: textSections(text, MAX_BLOCKS),
});
