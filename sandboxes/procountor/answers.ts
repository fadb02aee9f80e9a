// What every route family answers with: Procountor's error list, its pages, and full objects as its schemas print them.
import { json, type SandboxRequest } from '../http';
import { fullObject, type FieldError } from './published';
import type { Json } from './state';

const isDateTime = (value: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value);
export const errors = (status: number, list: Array<{ field?: string; message: string }>) =>
  json(status, { errors: list.map((e) => ({ status, field: e.field ?? null, message: e.message })) });
export const badRequest = (list: FieldError[] | Array<{ field: string; message: string }>) => errors(400, list);

export const activeOf = (partner: Json) => partner.registryInfo?.active !== false;

export const basicPartner = (p: Json) =>
  fullObject('BusinessPartnerBasicInfo', {
    id: p.id,
    name: p.name,
    type: p.type,
    billingAddress: p.billingAddress ?? p.address,
    invoicingInfo: {
      customerNumber: p.invoicingInfo?.customerNumber,
      identifier: p.invoicingInfo?.identifier,
      identifierType: p.invoicingInfo?.identifierType,
    },
    registryInfo: { active: activeOf(p) },
    version: p.version,
  });

export const fullPartner = (p: Json) => fullObject('BusinessPartner', p);
export const fullProduct = (p: Json) => fullObject('Product', p);
/** An Unfinished invoice's number is not published as given or not; `unnumberedUnfinished` answers it as null. */
export const fullInvoice = (inv: Json, unnumbered = false) =>
  fullObject('Invoice', unnumbered && inv.status === 'UNFINISHED' ? { ...inv, invoiceNumber: null } : inv);

export const basicInvoice = (inv: Json, unnumbered = false) =>
  fullObject('InvoiceBasicInfo', {
    id: inv.id,
    partnerId: inv.partnerId,
    type: inv.type,
    status: inv.status,
    invoiceNumber: unnumbered && inv.status === 'UNFINISHED' ? null : inv.invoiceNumber,
    invoiceChannel: inv.invoiceChannel,
    date: inv.date,
    dueDate: inv.paymentInfo.dueDate,
    newDueDate: inv.paymentInfo.newDueDate,
    created: inv.created,
    version: inv.version,
    invoiceSumInfo: inv.invoiceSumInfo,
    counterParty: inv.counterParty,
  });

export const pageOf = <T>(items: T[], req: SandboxRequest) => {
  const size = Number(req.query.get('size') ?? 50);
  const page = Number(req.query.get('page') ?? 0);
  return { size, page, results: items.slice(page * size, page * size + size), total: items.length };
};

/** A query parameter's rule: whether a given value is valid, and what Procountor answers when it is not. */
export type QueryRule = [field: string, valid: (value: string) => boolean, message: (value: string) => string];

/** The 400 problems of the query parameters a request gives; a parameter left out is not checked. */
export const queryProblems = (req: SandboxRequest, rules: QueryRule[]): FieldError[] =>
  rules.flatMap(([field, valid, message]) => {
    const value = req.query.get(field);
    return value !== null && !valid(value) ? [{ status: 400, field, message: message(value) }] : [];
  });

export const isWholeNumber = (value: string) => /^\d+$/.test(value);
export const oneOf = (values: readonly string[]) => (value: string) => values.includes(value);
export const orderRule = (field: string): QueryRule => [field, oneOf(['ASC', 'DESC']), () => `${field} must be ASC or DESC.`];
export const versionStartDateRule = (example: string): QueryRule => ['versionStartDate', isDateTime, () => `versionStartDate must be a date-time ${example}.`];

export const pagingError = (req: SandboxRequest): FieldError[] =>
  queryProblems(req, [
    ['size', (size) => isWholeNumber(size) && Number(size) >= 1 && Number(size) <= 200, () => 'Page size must be between 1 and 200.'],
    ['page', isWholeNumber, () => 'Page must be a number.'],
  ]);

/** Header first (Procountor since 2023-09), query parameter as before. */
export const searchParam = (req: SandboxRequest, name: string) => {
  const header = req.headers[name];
  const value = (Array.isArray(header) ? header[0] : header) ?? req.query.get(name) ?? '';
  return value.trim();
};

export const byIds = (collection: Json[], raw: string, label: string, view: (x: Json) => Json = (x) => x) => {
  const ids = raw.split(',').map((s) => s.trim());
  if (ids.length > 200) return badRequest([{ field: 'id', message: 'At most 200 ids per request.' }]);
  if (ids.some((id) => !/^\d+$/.test(id))) return badRequest([{ field: 'id', message: 'Ids must be numbers.' }]);
  // "take up to 200 comma-separated ids and answer a list (even for one match) ... all unknown a 404"
  // (reference/procountor-SOURCES.md): unknown ids in a batch are left out; one id alone answers the object itself.
  const found = ids.map((id) => collection.find((x) => x.id === Number(id))).filter((x): x is Json => Boolean(x));
  if (!found.length) return errors(404, [{ message: `${label} not found.` }]);
  return json(200, ids.length === 1 ? view(found[0]!) : found.map((x) => view(x)));
};
