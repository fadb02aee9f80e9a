import { procountorMaxRequestsPerSecond, procountorStepRequestsPerSecond } from '../../../lib/zapier/config';

describe("Procountor's rate limit", () => {
  afterEach(() => delete process.env.PROCOUNTOR_MAX_REQUESTS_PER_SECOND);

  it('keeps the published 20 a second by default, a step using 15 of them', () => {
    expect([procountorMaxRequestsPerSecond(), procountorStepRequestsPerSecond()]).toEqual([20, 15]);
  });

  it('lets a deployment raise it with PROCOUNTOR_MAX_REQUESTS_PER_SECOND, and ignores nonsense', () => {
    process.env.PROCOUNTOR_MAX_REQUESTS_PER_SECOND = '60';
    expect([procountorMaxRequestsPerSecond(), procountorStepRequestsPerSecond()]).toEqual([60, 45]);
    process.env.PROCOUNTOR_MAX_REQUESTS_PER_SECOND = 'fast';
    expect(procountorMaxRequestsPerSecond()).toBe(20);
  });
});
