// Output fields as a table, one line a field: key, label and, for what is not text, Zapier's type. A field made
// elsewhere (a shared list spread in) passes through as it is.

type FieldType = 'integer' | 'number' | 'boolean' | 'datetime';
export interface OutputField {
  key: string;
  label: string;
  type?: FieldType;
}
type Row = readonly [key: string, label: string, type?: FieldType];

export const outputFields = (...rows: Array<Row | OutputField>): OutputField[] =>
  rows.map((row) => (Array.isArray(row) ? { key: row[0], label: row[1], ...(row[2] ? { type: row[2] } : {}) } : (row as OutputField)));

/** Rows that many operations' tables share, labelled once so that the same output reads the same everywhere. */
export const SHARED_ROWS = {
  invoiceId: ['invoice_id', 'Invoice ID (Procountor)', 'integer'],
  invoiceNumber: ['invoice_number', 'Invoice Number', 'integer'],
  customerId: ['customer_id', 'Customer ID (Procountor)', 'integer'],
  customerName: ['customer_name', 'Customer Name'],
  invoiceDate: ['date', 'Invoice Date'],
  dueDate: ['due_date', 'Due Date'],
} as const satisfies Record<string, Row>;
