// Field lengths Procountor enforces. Its schema copy (API 26.04) does not publish them; these are chosen at or
// below the widths of Procountor's own forms. The Procountor sandbox enforces the same numbers, and the invoice
// step checks them before creating anything, so a too-long value halts instead of leaving a customer half-made.
export const FIELD_LIMITS = {
  name: 80,
  specifier: 80,
  street: 80,
  zip: 20,
  city: 40,
  code: 40,
  product: 200,
  productCode: 40,
  identifier: 40,
  email: 100,
  contactPersonName: 80,
  contactPerson: 80,
  orderReference: 70,
  agreementNumber: 70,
  additionalInformation: 2000,
  notes: 10000,
  explanationText: 1000,
  comment: 1000,
  einvoiceAddress: 100,
  einvoiceOperator: 50,
} as const;

/** Amounts beyond these are typing mistakes, not invoices. */
export const MAX_ABS_UNIT_PRICE = 100_000_000;
export const MAX_ABS_QUANTITY = 10_000_000;
