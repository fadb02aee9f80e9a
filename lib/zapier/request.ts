// How every service client here talks through z.request: status codes are ours to map (no automatic throw),
// 429s reach our own handling, and no call outlives its share of Zapier's 30-second step.
import type { ZObject } from 'zapier-platform-core';
import type { z as zod } from 'zod';
import { requestTimeoutMs } from './config';
import { retryLater } from './errors';

export interface WireRequest {
  url: string;
  method: string;
  params?: Record<string, string>;
  headers?: Record<string, string>;
  /** A string is sent as is; anything else as JSON. */
  body?: unknown;
}

export const wireRequest = (request: WireRequest) =>
  ({
    ...request,
    body: request.body === undefined || typeof request.body === 'string' ? request.body : JSON.stringify(request.body),
    skipThrowForStatus: true,
    throwForThrottlingEarly: false,
    timeout: requestTimeoutMs(),
  }) as Parameters<ZObject['request']>[0];

type Query = Record<string, string | number | boolean | undefined>;

/** One call to a JSON API: the path below the service's base URL, its query, extra headers and a JSON body. */
export interface ServiceCall {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  params?: Query;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface JsonService {
  /** How the task history names the service ("Procountor"). */
  name: string;
  baseUrl: string;
  bearerToken: string;
  /**
   * What an authentication error becomes: Zapier's autoRefresh turns every 401 into RefreshAuthError, which only
   * means "refresh the token" for the service the connection signs in to.
   */
  authError?: (error: Error) => Error;
}

/** A query as it goes on the wire: values as text, empty ones left out. */
const queryOf = (query: Query = {}) =>
  Object.fromEntries(
    Object.entries(query)
      .filter(([, value]) => value !== undefined && value !== '')
      .map(([key, value]) => [key, String(value)]),
  );

/** A connection that was never made carried no request: whatever it asked was surely not done. */
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);
/** The retry errors of calls that went out and got no answer (timed out, or the connection dropped). */
const unanswered = new WeakSet<Error>();

/** Whether `error` ended a call that went out and got no answer: the service may or may not have done what it asked. */
export const answerLost = (error: unknown) => error instanceof Error && unanswered.has(error);

/**
 * Sends one call with the service's bearer token and answers the response, whatever its status: reading it is the
 * service module's. A call that got no answer at all (refused, dropped, timed out) is one Zapier retries; answerLost
 * tells the calls that may have taken effect.
 */
export const callService = async (z: ZObject, service: JsonService, call: ServiceCall) => {
  try {
    return await z.request(
      wireRequest({
        url: `${service.baseUrl}${call.path}`,
        method: call.method,
        params: queryOf(call.params),
        headers: {
          Accept: 'application/json',
          Authorization: `Bearer ${service.bearerToken}`,
          ...(call.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
          ...call.headers,
        },
        body: call.body,
      }),
    );
  } catch (error) {
    if (error instanceof Error && /RefreshAuthError|ExpiredAuthError/.test(error.name)) throw service.authError?.(error) ?? error;
    const retry = retryLater(z, `Could not reach ${service.name} (${call.method} ${call.path}: ${(error as Error).message}). Zapier will retry.`);
    if (!NEVER_SENT.has(String((error as { code?: unknown }).code))) unanswered.add(retry);
    throw retry;
  }
};

const pathText = (path: readonly PropertyKey[]) =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('') || 'the answer itself';

/** One short phrase for the first thing wrong: the field and what kind of problem, never a list of allowed values. */
export const firstProblem = (error: zod.ZodError): string => {
  const issue = error.issues[0]!;
  const field = `"${pathText(issue.path)}"`;
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined || issue.input === null ? `${field} is missing` : `${field} is not a ${issue.expected}`;
    case 'too_big':
      return `${field} is too long or too large (at most ${String(issue.maximum)})`;
    case 'too_small':
      return `${field} is empty or too small`;
    case 'invalid_value':
      return `${field} has a value Procountor does not accept`;
    default:
      return `${field} is not valid`;
  }
};

/**
 * The answer checked against its schema, which names only the fields a step uses. An answer without one of those is
 * reported in one sentence naming the endpoint and the field.
 */
export const parseAnswer = <S extends zod.ZodType>(z: ZObject, schema: S, body: unknown, service: string, where: string): zod.infer<S> => {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new z.errors.Error(
      `${service}'s answer to ${where} could not be used: ${firstProblem(parsed.error)}.`,
      `${service.replace(/\W/g, '')}UnexpectedAnswer`,
      502,
    );
  }
  return parsed.data;
};
