// How every service client here talks through z.request: status codes are ours to map (no automatic throw),
// 429s reach our own handling, and no call outlives its share of Zapier's 30-second step.
import type { ZObject } from 'zapier-platform-core';
import type { z as zod } from 'zod';
import { requestTimeoutMs } from './config';
import { outcomeUnknown, retryLater } from './errors';
import { requestTimeoutFor } from './stepClock';

export interface WireRequest {
  url: string;
  method: string;
  params?: Record<string, string>;
  headers?: Record<string, string>;
  /** A string or bytes (a multipart upload) are sent as they are; anything else as JSON. */
  body?: unknown;
}

/** A request as z.request takes it; its timeout is its own (`ownTimeoutMs`) or what is left of the step, if less. */
export const wireRequest = (z: ZObject, request: WireRequest, ownTimeoutMs = requestTimeoutMs()) =>
  ({
    ...request,
    body: request.body === undefined || typeof request.body === 'string' || Buffer.isBuffer(request.body) ? request.body : JSON.stringify(request.body),
    skipThrowForStatus: true,
    throwForThrottlingEarly: false,
    timeout: requestTimeoutFor(z, ownTimeoutMs),
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

/** Errors that mean the request never reached the service. */
const neverSent = (error: unknown) => /ECONNREFUSED|ENOTFOUND|EAI_AGAIN/.test(`${(error as { code?: string }).code ?? ''} ${(error as Error).message}`);

/**
 * Sends one call with the service's bearer token and answers the response, whatever its status: reading it is the
 * service module's. A call that got no answer at all (refused, dropped, timed out) is one Zapier retries.
 */
export const callService = async (z: ZObject, service: JsonService, call: ServiceCall) => {
  const request = wireRequest(z, {
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
  });
  try {
    return await z.request(request);
  } catch (error) {
    if (error instanceof Error && /RefreshAuthError|ExpiredAuthError/.test(error.name)) throw service.authError?.(error) ?? error;
    const what = `${call.method} ${call.path}: ${(error as Error).message}`;
    // A read, or a request that never left (refused, no such host), did nothing; any other write may have been done.
    if (call.method === 'GET' || neverSent(error)) throw retryLater(z, `Could not reach ${service.name} (${what}). Zapier will retry.`);
    throw outcomeUnknown(z, `${service.name} did not answer (${what}); it may have done it. Zapier will retry, looking for it first.`);
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
