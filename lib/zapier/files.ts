// Files a Zap step is given: Zapier hands a file field over as a URL (a file from an earlier step, hydrated by Zapier,
// or any URL the Zap builder typed), which the step downloads itself, never more than the service it goes to takes.
import type { ZObject } from 'zapier-platform-core';
import { requestTimeoutMs } from './config';
import { InputError, retryLater } from './errors';
import { requestTimeoutFor } from './stepClock';

export interface DownloadedFile {
  bytes: Buffer;
  /** From the answer's Content-Disposition, else the URL's last path segment; empty when neither names it. */
  name: string;
  contentType?: string;
}

const nameFromDisposition = (header: string | null) => {
  if (!header) return undefined;
  const encoded = /filename\*=(?:UTF-8'')?([^;]+)/i.exec(header)?.[1];
  if (encoded) return decodeURIComponent(encoded.trim().replace(/^"|"$/g, ''));
  return /filename="?([^";]+)"?/i.exec(header)?.[1]?.trim();
};

const nameFromUrl = (url: URL) => decodeURIComponent(url.pathname.split('/').filter(Boolean).pop() ?? '');

const tooBig = (label: string, maxBytes: number) =>
  new InputError(
    `The file in ${label} is larger than ${maxBytes.toLocaleString('en-US')} bytes, the most Procountor takes. Attach a smaller file (a compressed PDF).`,
  );

/** Downloads the file a file field names, refusing one larger than `maxBytes` before and after reading it. */
export const downloadFile = async (z: ZObject, value: string, label: string, maxBytes: number): Promise<DownloadedFile> => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InputError(`${label} must be a file from an earlier step or a URL starting with https://.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new InputError(`${label} must be a file from an earlier step or a URL starting with https://.`);
  const response = await z
    .request({ url: url.toString(), method: 'GET', raw: true, skipThrowForStatus: true, timeout: requestTimeoutFor(z, requestTimeoutMs()) })
    .catch((error: Error) => {
      throw retryLater(z, `Could not download the file in ${label} (${error.message}). Zapier will retry.`);
    });
  if (response.status >= 500) throw retryLater(z, `The server holding the file in ${label} answered ${response.status}. Zapier will retry.`);
  if (response.status >= 400)
    throw new InputError(`The file in ${label} could not be downloaded (HTTP ${response.status}). Check that the URL is right and public.`);
  if (Number(response.headers.get('content-length') ?? 0) > maxBytes) throw tooBig(label, maxBytes);
  const bytes = await (response as unknown as { buffer(): Promise<Buffer> }).buffer();
  if (bytes.length > maxBytes) throw tooBig(label, maxBytes);
  const contentType = response.headers.get('content-type')?.split(';')[0]?.trim() || undefined;
  return { bytes, name: nameFromDisposition(response.headers.get('content-disposition')) ?? nameFromUrl(url), contentType };
};
