import { procountorRateLimit } from '../../../lib/zapier/config';

describe("Procountor's rate limit", () => {
  afterEach(() => {
    delete process.env.PROCOUNTOR_RATE_LIMIT;
    delete process.env.PROCOUNTOR_MAX_REQUESTS_PER_SECOND;
  });

  it('keeps the published 20 a second by default, for every connection together', () => {
    expect(procountorRateLimit()).toBe(20);
  });

  it('lets a deployment raise it with PROCOUNTOR_RATE_LIMIT, and ignores nonsense', () => {
    process.env.PROCOUNTOR_RATE_LIMIT = '60';
    expect(procountorRateLimit()).toBe(60);
    process.env.PROCOUNTOR_RATE_LIMIT = 'fast';
    expect(procountorRateLimit()).toBe(20);
  });

  it('still reads the earlier name, PROCOUNTOR_MAX_REQUESTS_PER_SECOND, when the new one is not set', () => {
    process.env.PROCOUNTOR_MAX_REQUESTS_PER_SECOND = '40';
    expect(procountorRateLimit()).toBe(40);
    process.env.PROCOUNTOR_RATE_LIMIT = '30';
    expect(procountorRateLimit()).toBe(30);
  });
});
