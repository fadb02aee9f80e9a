// The one mapping from Procountor's answers to Zapier's error classes, used by every operation.
import type { ZObject } from 'zapier-platform-core';
import { ErrorMessages } from './schemas';
import { retryAfterSeconds, retryLater } from '../zapier/errors';

/** The user rights the integration's Procountor user needs (Click2Contract's setup guide, step 3). */
const RIGHT_FOR_PATH: Array<[RegExp, string]> = [
  [/^\/(users|company)/, 'Edit personal info'],
  // Approving and sending a sales invoice is its own right, beside the one that makes invoices.
  [/^\/invoices\/[^/]+\/(approve|send)$/, 'Approve and send sales invoices'],
  [/^\/invoices/, 'New sales invoice/Group invoice'],
  [/^\/businesspartners/, 'Customer register'],
  [/^\/products/, 'Product register'],
  [/^\/(bankaccounts|vats)/, 'New sales invoice/Group invoice'],
];

const rightNeededFor = (path: string) => RIGHT_FOR_PATH.find(([pattern]) => pattern.test(path))?.[1] ?? 'New sales invoice/Group invoice';

export interface ProcountorAnswer {
  status: number;
  content: string;
  retryAfter: string | null;
  method: string;
  path: string;
}

const describeErrors = (content: string): string => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    return '';
  }
  const result = ErrorMessages.safeParse(parsed);
  if (!result.success) return '';
  const joined = result.data.errors
    .map((e) => [e.field ? `field "${e.field}"` : '', (e.message ?? '').replace(/\.$/, '')].filter(Boolean).join(': '))
    .filter(Boolean)
    .join('; ');
  return joined ? joined.replace(/\.?$/, '.') : '';
};

/** Turns a non-2xx Procountor answer into the Zapier error a Zap builder can act on. */
export const procountorError = (z: ZObject, answer: ProcountorAnswer): Error => {
  const { status, method, path } = answer;
  const detail = describeErrors(answer.content);
  const where = `${method} ${path}`;
  if (status === 401) return new z.errors.RefreshAuthError('Procountor asked to sign in again.');
  if (status === 429) {
    const delay = retryAfterSeconds(answer.retryAfter);
    return new z.errors.ThrottledError(`Procountor's rate limit was reached (${where}). Zapier will retry in ${delay} s.`, delay);
  }
  if (status === 403) {
    const right = rightNeededFor(path);
    const sending = right === 'Approve and send sales invoices';
    return new z.errors.Error(
      `Procountor refused ${where}: the connected Procountor user lacks the right "${right}"` +
        (sending ? ', or the invoice is in a status that cannot be approved or sent' : '') +
        '. In Procountor, go to Management → Users and privileges and give the API user "All rights" in: Edit personal info, ' +
        `New sales invoice/Group invoice, Customer register and Product register${sending ? ', and the right to approve and send sales invoices' : ''}. Then reconnect.` +
        (detail ? ` Procountor said: ${detail}` : ''),
      'ProcountorForbidden',
      403,
    );
  }
  if (status >= 500) {
    return retryLater(z, `Procountor is not answering properly (HTTP ${status} on ${where}). Zapier will retry.`);
  }
  if (status === 404) {
    return new z.errors.Error(`Procountor found nothing at ${where}.${detail ? ` ${detail}` : ''}`, 'ProcountorNotFound', 404);
  }
  return new z.errors.Error(
    `Procountor rejected ${where}: ${detail || `HTTP ${status}.`} Check the value of that field in this step.`,
    'ProcountorInvalidData',
    status,
  );
};

/** The product ids of the invoice rows Procountor's 400/404 names as not existing (`invoiceRows[i].productId`). */
export const staleProductIds = (error: unknown, rows: ReadonlyArray<{ productId?: number | null }>): number[] => {
  // Zapier's error classes carry {message, code, status} as JSON in their message.
  let answer: { message?: string; status?: number };
  try {
    answer = JSON.parse(String((error as Error)?.message ?? ''));
  } catch {
    return [];
  }
  if (answer?.status !== 400 && answer?.status !== 404) return [];
  const ids = [...String(answer.message ?? '').matchAll(/invoiceRows\[(\d+)\]\.productId/g)].map((m) => rows[Number(m[1])]?.productId);
  return [...new Set(ids.filter((id): id is number => typeof id === 'number'))];
};

/** Zapier's error classes carry {message, code} as JSON in their message: a 404 from Procountor becomes undefined. */
export const undefinedWhenMissing = async <T>(call: Promise<T>): Promise<T | undefined> => {
  try {
    return await call;
  } catch (error) {
    if (/ProcountorNotFound/.test(String((error as Error).message))) return undefined;
    throw error;
  }
};

/** Whether Procountor refused the call with a 403: missing rights, or (approving and sending) an invoice's status. */
export const isForbidden = (error: unknown) => /ProcountorForbidden/.test(String((error as Error)?.message ?? ''));
