// POST /attachments: "Using this endpoint you can add an attachment. The attachment can be of any type but limited to max
// 10000000 bytes. Content-type for the request is multipart/form-data. Type for the meta data is application/json, see
// Attachment model." (reference/procountor-endpoints-26.04.md; the parts are named `meta` and `file`, as the owner's
// use-case notes say). An invoice's attachments are listed on it (Invoice.attachments, "List of attachments added to
// this invoice"). Each rule has a counter-example in test/sandboxes/procountor-invoice-life.test.ts.
import { json, type SandboxRequest } from '../http';
import { formParts } from '../multipart';
import { badRequest, errors } from './answers';
import { fullObject, validateAgainst } from './published';
import type { Json, SandboxRoutes } from './state';

/** "limited to max 10000000 bytes"; Response 400 "File size too big." */
const MAX_ATTACHMENT_BYTES = 10_000_000;
/** sendWithInvoice: "can be set only for receipt types: SALES_INVOICE, SALES_ORDER, PURCHASE_ORDER". */
const SENDABLE_WITH = new Set(['SALES_INVOICE', 'SALES_ORDER', 'PURCHASE_ORDER']);

const metaOf = (raw: Buffer | undefined): Json | undefined => {
  try {
    const meta = raw && JSON.parse(raw.toString('utf8'));
    return meta && typeof meta === 'object' && !Array.isArray(meta) ? meta : undefined;
  } catch {
    return undefined;
  }
};

/** The Attachment's own rules, beyond its schema. */
const attachmentProblems = (meta: Json, invoice: Json | undefined) => {
  const problems = validateAgainst('Attachment', meta);
  // Attachment.name: "Include a correct file extension to the value." INFERRED: a name without one is refused.
  if (typeof meta.name === 'string' && !/\.[A-Za-z0-9]{1,8}$/.test(meta.name)) {
    problems.push({ status: 400, field: 'name', message: 'The attachment name must end with its file extension, e.g. "Contract.pdf".' });
  }
  if (meta.sendWithInvoice === true && invoice && !SENDABLE_WITH.has(invoice.type)) {
    problems.push({ status: 400, field: 'sendWithInvoice', message: `sendWithInvoice cannot be set for a ${invoice.type}.` });
  }
  return problems;
};

const addAttachment = ({ state }: SandboxRoutes, req: SandboxRequest) => {
  const contentType = req.headers['content-type'];
  const parts = formParts(req.rawBytes, Array.isArray(contentType) ? contentType[0] : contentType);
  if (!parts) return badRequest([{ field: 'body', message: 'Content-type for the request is multipart/form-data.' }]);
  const meta = metaOf(parts.find((p) => p.name === 'meta')?.data);
  const file = parts.find((p) => p.name === 'file');
  if (!meta) return badRequest([{ field: 'meta', message: 'The meta part must be the Attachment as JSON.' }]);
  if (!file) return badRequest([{ field: 'file', message: 'The file part is missing.' }]);
  if (file.data.length > MAX_ATTACHMENT_BYTES) return badRequest([{ field: 'file', message: 'File size too big.' }]);
  // INFERRED: an attachment of an invoice Procountor does not have is a 404, as for every other invoice call.
  const invoice = meta.referenceType === 'INVOICE' ? state.invoices.find((inv) => inv.id === meta.referenceId) : undefined;
  const problems = attachmentProblems(meta, invoice);
  if (problems.length) return badRequest(problems);
  if (meta.referenceType === 'INVOICE' && !invoice) return errors(404, [{ message: 'Invoice not found.' }]);
  const attachment = {
    id: state.nextId.attachment++,
    name: meta.name,
    referenceType: meta.referenceType,
    referenceId: meta.referenceId,
    // mimeType: "Determined from the file extension": the sandbox keeps what the part says.
    mimeType: meta.mimeType ?? file.contentType ?? 'application/octet-stream',
    sendWithInvoice: meta.sendWithInvoice,
  };
  if (invoice) invoice.attachments = [...(invoice.attachments ?? []), attachment];
  state.attachmentBytes.set(attachment.id, file.data);
  return json(200, fullObject('Attachment', attachment));
};

export const attachmentRoutes = (routes: SandboxRoutes) => {
  routes.api('POST', '/attachments', (req) => addAttachment(routes, req));
};
