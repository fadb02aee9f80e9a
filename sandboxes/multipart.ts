// Reading a multipart/form-data body (RFC 7578) from its bytes: each part's name, file name, content type and bytes.
// Enough for what the sandboxes take (Procountor's POST /attachments); no streaming, no nested multiparts.

export interface FormPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

/** The boundary a Content-Type names, or undefined when it is not multipart/form-data. */
const boundaryOf = (contentType: string | undefined) => {
  if (!contentType?.toLowerCase().startsWith('multipart/form-data')) return undefined;
  return /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
};

const partOf = (chunk: Buffer): FormPart | undefined => {
  const headerEnd = chunk.indexOf(HEADER_END);
  if (headerEnd < 0) return undefined;
  const headers = chunk.subarray(0, headerEnd).toString('utf8');
  const disposition = /content-disposition:[^\r\n]*/i.exec(headers)?.[0] ?? '';
  const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
  if (name === undefined) return undefined;
  return {
    name,
    filename: /\bfilename="([^"]*)"/i.exec(disposition)?.[1],
    contentType: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim(),
    data: chunk.subarray(headerEnd + HEADER_END.length),
  };
};

/** The parts of a multipart body; undefined when the body is not one. */
export const formParts = (body: Buffer, contentType: string | undefined): FormPart[] | undefined => {
  const boundary = boundaryOf(contentType);
  if (!boundary) return undefined;
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: FormPart[] = [];
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next < 0) return undefined;
    // Each part sits between the CRLF after one delimiter and the CRLF before the next.
    const part = partOf(body.subarray(start + CRLF.length, next - CRLF.length));
    if (!part) return undefined;
    parts.push(part);
    at = next;
  }
  return parts;
};
