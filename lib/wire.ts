// How every service client here talks through z.request: status codes are ours to map (no automatic throw),
// 429s reach our own handling, and no call outlives its share of Zapier's 30-second step.
import type { ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';
import { requestTimeoutMs } from './config';

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

/** The answer checked against its schema; a service answering in another shape is reported, not guessed at. */
export const parseAnswer = <S extends zod.ZodType>(z: ZObject, schema: S, body: unknown, service: string, where: string): zod.infer<S> => {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new z.errors.Error(
      `${service}'s answer to ${where} was not in the expected shape: ${zod.prettifyError(parsed.error)}`,
      `${service.replace(/\W/g, '')}UnexpectedAnswer`,
      502,
    );
  }
  return parsed.data;
};
