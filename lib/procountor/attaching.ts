// Attaching a file to a sales invoice (POST /attachments), once per file name: the invoice lists its attachments
// (Invoice.attachments), so a run reads the invoice first and answers the attachment already there. Runs for one invoice
// take turns through a claim; an upload that got no answer keeps the claim until it lapses, and the retry looks again.
import type { ZObject } from 'zapier-platform-core';
import { CLAIM_TTL_SECONDS, withClaim } from '../zapier/claim';
import { InputError, isOutcomeUnknown, outcomeUnknown } from '../zapier/errors';
import type { ProcountorClient } from './client';

/** POST /attachments: "The attachment can be of any type but limited to max 10000000 bytes." */
export const MAX_ATTACHMENT_BYTES = 10_000_000;
const CLAIM_WAIT_MS = 10_000;

/** Attachment.name: "Attachment name. Include a correct file extension to the value." */
const EXTENSION = /\.([A-Za-z0-9]{1,8})$/;
/** "Attachments in gif, jpeg, PDF and txt can travel with a mailed invoice" ("Invoice channel"). */
const MAILABLE = new Set(['gif', 'jpg', 'jpeg', 'pdf', 'txt']);
/** Attachment.mimeType is "Determined from the file extension": these are named for the file part too. */
const MIME_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  txt: 'text/plain',
  gif: 'image/gif',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
};

export interface FileToAttach {
  invoiceId: number;
  name: string;
  bytes: Buffer;
  sendWithInvoice: boolean;
}

/** The name checked before anything is sent: a name, with its file extension. */
export const attachmentName = (given: string | undefined, downloaded: string) => {
  const name = (given ?? downloaded).trim();
  if (!name) throw new InputError('The file has no name. Fill in File Name, with its extension (Contract.pdf).');
  if (!EXTENSION.test(name)) {
    throw new InputError(`File Name "${name}" has no file extension, which Procountor needs to know the file's type. Add it, e.g. "${name}.pdf".`);
  }
  return name;
};

const attachOnce = async (z: ZObject, client: ProcountorClient, file: FileToAttach) => {
  const [invoice] = await client.getInvoices([file.invoiceId]);
  if (!invoice) throw new InputError(`Procountor has no invoice ${file.invoiceId}. Pick the invoice from the "Invoice" dropdown or map its Invoice ID.`);
  const extension = EXTENSION.exec(file.name)![1]!.toLowerCase();
  const warning =
    file.sendWithInvoice && invoice.invoiceChannel === 'MAIL' && !MAILABLE.has(extension)
      ? `A mailed invoice carries only gif, jpeg, PDF and txt attachments: this .${extension} file stays in Procountor.`
      : '';
  const existing = (invoice.attachments ?? []).find((a) => a.name === file.name);
  if (existing) return { id: existing.id, name: file.name, alreadyExisted: true, warning };
  try {
    const meta = {
      name: file.name,
      referenceType: 'INVOICE' as const,
      referenceId: invoice.id,
      mimeType: MIME_TYPES[extension],
      sendWithInvoice: file.sendWithInvoice,
    };
    const added = await client.addAttachment(meta, file.bytes);
    return { id: added.id, name: added.name ?? file.name, alreadyExisted: false, warning };
  } catch (error) {
    if (!isOutcomeUnknown(error)) throw error;
    throw outcomeUnknown(
      z,
      `Procountor did not answer whether it attached ${file.name}. Zapier will retry; the retry looks for the attachment before uploading it again.`,
      CLAIM_TTL_SECONDS,
    );
  }
};

/** Attaches the file to the invoice unless a file of the same name is attached already. */
export const attachFileToInvoice = (z: ZObject, client: ProcountorClient, file: FileToAttach) => {
  if (file.bytes.length > MAX_ATTACHMENT_BYTES) {
    throw new InputError(`${file.name} is ${file.bytes.length.toLocaleString('en-US')} bytes; Procountor takes at most 10,000,000. Attach a smaller file.`);
  }
  return withClaim(
    z,
    {
      key: `procountor:attach:${file.invoiceId}`,
      of: 'company',
      waitMs: CLAIM_WAIT_MS,
      busyMessage: `Another run is attaching a file to invoice ${file.invoiceId}, or its upload's answer is still missing. Zapier will retry this one shortly.`,
    },
    () => attachOnce(z, client, file),
  );
};
