// The one place that knows the outside services' base URLs. Zapier sets these with `zapier-platform env:set`;
// the demo, tests and benchmarks point them at the local sandboxes.

const trimSlash = (url: string) => url.replace(/\/+$/, '');

export const procountorApiUrl = () => trimSlash(process.env.PROCOUNTOR_API_URL || 'https://api.procountor.com/api');
export const procountorLoginUrl = () => process.env.PROCOUNTOR_LOGIN_URL || 'https://api.procountor.com/login';
export const click2contractApiUrl = () => trimSlash(process.env.CLICK2CONTRACT_API_URL || 'https://api.click2contract.com/v1');
/** @slack/web-api wants the trailing slash. */
export const slackApiUrl = () => trimSlash(process.env.SLACK_API_URL || 'https://slack.com/api') + '/';

/**
 * Procountor publishes 20 requests per second per API client (test server; a later text says 60 in production);
 * going over may suspend the client. The safe 20 is the default; PROCOUNTOR_MAX_REQUESTS_PER_SECOND raises it for a
 * deployment whose client Procountor allows more.
 */
export const procountorMaxRequestsPerSecond = () => {
  const configured = Number(process.env.PROCOUNTOR_MAX_REQUESTS_PER_SECOND);
  return Number.isFinite(configured) && configured >= 1 ? Math.floor(configured) : 20;
};
/**
 * What one step may use of it: three quarters (15 of 20); the rest is headroom for the connection's other steps
 * (searches, dropdowns, connection tests) that run outside the invoice writer's claim.
 */
export const procountorStepRequestsPerSecond = () => Math.max(1, Math.floor(procountorMaxRequestsPerSecond() * 0.75));

/**
 * Zapier stops a step after 30 seconds; one outside call must leave room for the rest of the step.
 * HTTP_TIMEOUT_MS overrides it (the reliability tests shorten it to test slow answers quickly).
 */
export const requestTimeoutMs = () => {
  const configured = Number(process.env.HTTP_TIMEOUT_MS);
  return Number.isInteger(configured) && configured > 0 ? configured : 15_000;
};
