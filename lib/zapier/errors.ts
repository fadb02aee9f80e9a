import type { ZObject } from 'zapier-platform-core';

/**
 * A problem with the data the Zap gave us, in words the Zap builder can act on. Domain code throws it without
 * knowing about Zapier; `asZapierError` decides the class at the edge.
 */
export class InputError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'InputError';
  }
}

/**
 * Searches and creates report bad input as z.errors.Error (the step fails and says why); the invoice action
 * halts instead (`halt: true`), so Zapier does not replay a contract that cannot become an invoice until it is fixed.
 */
export const asZapierError = (z: ZObject, error: unknown, options: { halt?: boolean } = {}): unknown => {
  if (!(error instanceof InputError)) return error;
  return options.halt ? new z.errors.HaltedError(error.message) : new z.errors.Error(error.message, 'InvalidInput', 400);
};

export const withZapierErrors = async <T>(z: ZObject, run: () => Promise<T>, options: { halt?: boolean } = {}) => {
  try {
    return await run();
  } catch (error) {
    throw asZapierError(z, error, options);
  }
};
