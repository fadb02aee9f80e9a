import zapier from 'zapier-platform-core';
import App from '../../index';

export const appTester = zapier.createAppTester(App);
export { App };

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
