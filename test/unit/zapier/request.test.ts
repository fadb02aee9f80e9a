import { z as zod } from 'zod';
import { parseAnswer } from '../../../lib/zapier/request';

describe('an answer that cannot be used', () => {
  const fakeZ = {
    errors: {
      Error: class extends Error {
        constructor(
          message: string,
          readonly code?: string,
          readonly status?: number,
        ) {
          super(message);
        }
      },
    },
  } as any;

  it('reports an unusable answer in one sentence naming the endpoint and the field, never an enum list', () => {
    const schema = zod.looseObject({ id: zod.number(), currency: zod.enum(['EUR', 'SEK', 'NOK', 'DKK', 'USD']) });
    const error = (() => {
      try {
        parseAnswer(fakeZ, schema, { id: 1, currency: 'XYZ' }, 'Procountor', 'POST /businesspartners');
      } catch (e) {
        return e as Error;
      }
    })()!;
    expect(error.message).toBe('Procountor\'s answer to POST /businesspartners could not be used: "currency" has a value Procountor does not accept.');
    expect(error.message).not.toContain('SEK');
    const missing = (() => {
      try {
        parseAnswer(fakeZ, schema, { currency: 'EUR' }, 'Procountor', 'POST /invoices');
      } catch (e) {
        return e as Error;
      }
    })()!;
    expect(missing.message).toBe('Procountor\'s answer to POST /invoices could not be used: "id" is missing.');
  });
});
