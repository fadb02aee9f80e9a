// Text bound for Procountor, made to fit before anything is created: Windows-1252 only, and within the published
// lengths where a shorter text still says the same (the full text then goes where Procountor has room for it). Every
// change is listed for the accountant (`text_adjusted`); a value that cannot be kept halts with the field named. Pure.
import { FIELD_LIMITS } from '../procountor/limits';
import { fitsWindows1252, shortenAtWord, toWindows1252 } from '../procountor/charset';
import type { Customer } from '../procountor/customers';
import type { InvoiceOrder, OrderLine } from './order';

export interface FittedOrder {
  order: InvoiceOrder;
  /** One sentence per changed value, in the order's own words. */
  adjustments: string[];
  /** Values that cannot be made to fit; the invoice must not be made. */
  problems: string[];
}

const quote = (text: string, max = 60) => `"${text.length > max ? `${text.slice(0, max)}…` : text}"`;
const WHY_CHARSET = 'Procountor accepts only the Windows-1252 character set';

export const fitOrderForProcountor = (order: InvoiceOrder): FittedOrder => {
  const adjustments: string[] = [];
  const problems: string[] = [];
  const { words } = order;

  /** A text made representable; `undefined` stays undefined, and a changed value is listed. */
  const charset = (label: string, value: string | undefined): string | undefined => {
    if (value === undefined) return undefined;
    const fitted = toWindows1252(value);
    if (fitted !== value) adjustments.push(`${label}: ${quote(value)} became ${quote(fitted)} (${WHY_CHARSET}).`);
    return fitted;
  };
  const required = (label: string, value: string, fix: string): string => {
    const fitted = charset(label, value) ?? '';
    if (value.trim() && !fitted.trim()) {
      problems.push(`${label} ${quote(value)} has no characters Procountor can store (${WHY_CHARSET}). ${fix}`);
    }
    return fitted;
  };

  const c = order.customer;
  const f = words.customerFields;
  const customer: Customer = {
    ...c,
    name: required(`Customer ${f.name}`, c.name, `Write the customer's name in Latin letters ${words.fixCustomerWhere}.`),
    businessId: charset(`Customer ${f.businessId}`, c.businessId),
    street: charset(`Customer ${f.street}`, c.street),
    postalCode: charset(`Customer ${f.postalCode}`, c.postalCode),
    city: charset(`Customer ${f.city}`, c.city),
    contactName: charset(`Customer ${f.contactName}`, c.contactName),
    phone: charset('Customer phone', c.phone),
  };
  // The order's marker is never rewritten: two keys that differ only in what Windows-1252 drops (`shop🚀1`, `shop1`)
  // would share one marker, and the second order would be answered with the first one's invoice.
  if (!fitsWindows1252(order.idempotencyKey)) {
    problems.push(
      `The order's key ${quote(order.idempotencyKey.replace(/^[A-Z0-9]+:/, ''))} has characters Procountor cannot store (${WHY_CHARSET}), so it cannot mark the invoice as this order's alone. Map an ID made of letters, digits and punctuation instead.`,
    );
  }
  // An e-mail address with another letter in it is another address: it is not rewritten.
  if (c.email && !fitsWindows1252(c.email)) {
    problems.push(`Customer ${f.email} ${quote(c.email)} has characters Procountor cannot store (${WHY_CHARSET}). Correct it ${words.fixCustomerWhere}.`);
  }

  const movedToNotes: string[] = [];
  const lines: OrderLine[] = order.lines.map((line, i) => {
    const which = `${words.lineNoun} ${i + 1}`;
    const fullName = required(`${which} ${words.lineFields.name}`, line.name, `Give it a name in Latin letters ${words.fixLinesWhere}.`);
    const name = shortenAtWord(fullName, FIELD_LIMITS.product);
    const description = charset(`${which} description`, line.description);
    let explanation = description;
    if (name !== fullName) {
      // The full name is kept on the row, where the buyer reads it under the shortened product name.
      explanation = description ? `${fullName}\n${description}` : fullName;
      adjustments.push(
        `${which} ${words.lineFields.name} was shortened to ${quote(name, 110)} (Procountor's products take ${FIELD_LIMITS.product} characters); the full name is in the row's explanation text.`,
      );
    }
    if (explanation && explanation.length > FIELD_LIMITS.explanationText) {
      const cut = shortenAtWord(explanation, FIELD_LIMITS.explanationText);
      movedToNotes.push(`${which} (${name}): ${explanation}`);
      adjustments.push(
        `${which} description was shortened to ${FIELD_LIMITS.explanationText} characters (Procountor's limit for row text); the full text is in the invoice notes.`,
      );
      explanation = cut;
    }
    return { ...line, name, code: charset(`${which} ${words.lineFields.code}`, line.code), description: explanation };
  });

  let notes = charset('Notes', order.options.notes);
  if (movedToNotes.length) notes = [notes, 'Full texts of shortened rows:', ...movedToNotes].filter(Boolean).join('\n');
  if (notes && notes.length > FIELD_LIMITS.notes) {
    notes = shortenAtWord(notes, FIELD_LIMITS.notes);
    adjustments.push(`The invoice notes were shortened to Procountor's ${FIELD_LIMITS.notes} characters.`);
  }

  return {
    order: {
      ...order,
      idempotencyKey: order.idempotencyKey,
      heading: charset('Title', order.heading) ?? '',
      agreementNumber: charset('Agreement number', order.agreementNumber),
      customer,
      lines,
      options: { ...order.options, notes },
    },
    adjustments,
    problems,
  };
};
