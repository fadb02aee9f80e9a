import zapier from 'zapier-platform-core';
import TypedApp from '../../index';

export const appTester = zapier.createAppTester(TypedApp);
/**
 * The app definition as tests reach into it (App.triggers.x.operation.perform): the operations' own types are checked
 * where they are defined, with defineTrigger, defineCreate and defineSearch.
 */
export const App = TypedApp as unknown as Record<string, any>;

/** Runs an operation and returns the Zapier error it threw (name and message), or fails the test. */
export const zapierError = async (run: Promise<unknown>) => {
  try {
    await run;
  } catch (error) {
    const zapierError = error as Error & { name: string; delay?: number; code?: string };
    // z.errors.Error carries {message, code, status} as JSON in its message.
    try {
      const parsed = JSON.parse(zapierError.message);
      if (parsed && typeof parsed.message === 'string') {
        return Object.assign(zapierError, { message: parsed.message, code: parsed.code });
      }
    } catch {
      // a plain message
    }
    return zapierError;
  }
  throw new Error('expected the operation to fail');
};
