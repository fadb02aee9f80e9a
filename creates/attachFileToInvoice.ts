import { recentInvoiceInputField } from '../lib/fields/invoice';
import { defineCreate, type Bundle, type ZObject } from 'zapier-platform-core';
import { InputError, withZapierErrors } from '../lib/zapier/errors';
import { downloadFile } from '../lib/zapier/files';
import { flag, text, wholeNumber } from '../lib/zapier/inputs';
import { procountorFor } from '../lib/procountor/client';
import { attachFileToInvoice, attachmentName, MAX_ATTACHMENT_BYTES } from '../lib/procountor/attaching';
import { outputFields, SHARED_ROWS } from '../lib/fields/outputFields';

const perform = (z: ZObject, bundle: Bundle) =>
  withZapierErrors(z, async () => {
    const invoiceId = wholeNumber(bundle.inputData.invoice_id, 'Invoice', 1, 2_147_483_647);
    if (invoiceId === undefined) throw new InputError('Pick the invoice from the "Invoice" dropdown, or map its Invoice ID from an earlier step.');
    const fileValue = text(bundle.inputData.file);
    if (!fileValue) throw new InputError('File is empty: map a file from an earlier step (the signed contract), or give its URL.');
    const givenName = text(bundle.inputData.file_name);
    // The name is checked before the download when it is given, so a wrong name costs no download.
    if (givenName) attachmentName(givenName, '');
    const file = await downloadFile(z, fileValue, 'File', MAX_ATTACHMENT_BYTES);
    const name = attachmentName(givenName, file.name);
    const sendWithInvoice = flag(bundle.inputData.send_with_invoice, true);
    const attached = await attachFileToInvoice(z, procountorFor(z, bundle), { invoiceId, name, bytes: file.bytes, sendWithInvoice });
    return {
      id: attached.id,
      attachment_id: attached.id,
      invoice_id: invoiceId,
      name: attached.name,
      size_bytes: file.bytes.length,
      send_with_invoice: sendWithInvoice,
      already_existed: attached.alreadyExisted,
      warning: attached.warning,
    };
  });

export default defineCreate({
  key: 'attach_file_to_invoice',
  noun: 'Attachment',
  display: {
    label: 'Attach File to Invoice',
    description:
      'Attaches a file (the signed contract, a delivery note) to a sales invoice in Procountor, sent with the invoice when asked. A file of the same name is attached once: replays and two runs at the same time answer the attachment already there.',
  },
  operation: {
    inputFields: [
      recentInvoiceInputField('Pick the invoice, or map **Invoice ID (Procountor)** from "Create Unfinished Invoice" or Find Invoice.'),
      {
        key: 'file',
        label: 'File',
        type: 'file',
        required: true,
        helpText: "A file from an earlier step, or a public URL of one. At most 10,000,000 bytes (Procountor's limit).",
      },
      {
        key: 'file_name',
        label: 'File Name',
        helpText:
          "Optional: the name in Procountor, with its extension (Contract.pdf). Empty: the file's own name. The same name on the same invoice is attached once.",
      },
      {
        key: 'send_with_invoice',
        label: 'Send With Invoice',
        type: 'boolean',
        default: 'true',
        helpText: 'Whether the file travels with the invoice to the customer. A mailed invoice carries only gif, jpeg, PDF and txt files.',
      },
    ],
    perform,
    sample: {
      id: 3001,
      attachment_id: 3001,
      invoice_id: 9001,
      name: 'Contract C-1042.pdf',
      size_bytes: 48213,
      send_with_invoice: true,
      already_existed: false,
      warning: '',
    },
    outputFields: outputFields(
      ['id', 'Attachment ID', 'integer'],
      ['attachment_id', 'Attachment ID (Procountor)', 'integer'],
      SHARED_ROWS.invoiceId,
      ['name', 'File Name'],
      ['size_bytes', 'Size in Bytes', 'integer'],
      ['send_with_invoice', 'Sent With Invoice', 'boolean'],
      ['already_existed', 'Was Already Attached', 'boolean'],
      ['warning', 'Warning'],
    ),
  },
});
