// The one place that reads the app's configuration (process.env): the outside services' base URLs, the Procountor API
// client, limits and switches. Zapier sets these with `zapier-platform env:set`; the demo, tests and benchmarks point
// them at the local sandboxes. Every other module takes what it needs from here.

const trimSlash = (url: string) => url.replace(/\/+$/, '');

export const procountorApiUrl = () => trimSlash(process.env.PROCOUNTOR_API_URL || 'https://api.procountor.com/api');
export const procountorLoginUrl = () => process.env.PROCOUNTOR_LOGIN_URL || 'https://api.procountor.com/login';
export const click2contractApiUrl = () => trimSlash(process.env.CLICK2CONTRACT_API_URL || 'https://api.click2contract.com/v1');
/** @slack/web-api wants the trailing slash. */
export const slackApiUrl = () => trimSlash(process.env.SLACK_API_URL || 'https://slack.com/api') + '/';

/**
 * Procountor publishes 20 requests per second per API client (test server; a later text says 60 in production), and
 * going over may suspend the client. This app is one client for every company connected to it, so this is the budget
 * of all of them together (lib/zapier/requestBudget.ts). The safe 20 is the default; PROCOUNTOR_RATE_LIMIT raises it
 * for a deployment whose client Procountor allows more (PROCOUNTOR_MAX_REQUESTS_PER_SECOND, its earlier name, still
 * counts when the new one is not set).
 */
export const procountorRateLimit = () => {
  const configured = Number(process.env.PROCOUNTOR_RATE_LIMIT ?? process.env.PROCOUNTOR_MAX_REQUESTS_PER_SECOND);
  return Number.isFinite(configured) && configured >= 1 ? Math.floor(configured) : 20;
};

/**
 * Zapier stops a step after 30 seconds; one outside call must leave room for the rest of the step.
 * HTTP_TIMEOUT_MS overrides it (the reliability tests shorten it to test slow answers quickly).
 */
export const requestTimeoutMs = () => {
  const configured = Number(process.env.HTTP_TIMEOUT_MS);
  return Number.isInteger(configured) && configured > 0 ? configured : 15_000;
};

/** The Procountor API client this app is, or undefined when the integration's owner has not set it. */
export const procountorClientCredentials = () => {
  const clientId = process.env.CLIENT_ID;
  const clientSecret = process.env.CLIENT_SECRET;
  return clientId && clientSecret ? { client_id: clientId, client_secret: clientSecret } : undefined;
};
/** The client id alone: the login page's address carries it, and it is no secret. */
export const procountorClientId = () => process.env.CLIENT_ID ?? '';

/**
 * Zapier stops a step at 30 s. An order with many new products can need more requests than fit at Procountor's rate;
 * an invoice step starts no Procountor request after this long, leaving room for its last answer and its outputs, and
 * Zapier's retry continues. STEP_DEADLINE_MS shortens it in tests.
 */
export const stepDeadlineMs = () => Number(process.env.STEP_DEADLINE_MS || 22_000);

/** PROCOUNTOR_CATALOGUE_INDEX=off looks every product up in Procountor instead of the catalogue index (the bench's naive path). */
export const catalogueIndexEnabled = () => process.env.PROCOUNTOR_CATALOGUE_INDEX !== 'off';
/** PROCOUNTOR_CUSTOMER_INDEX=off looks the customer up in Procountor instead of the customer index. */
export const customerIndexEnabled = () => process.env.PROCOUNTOR_CUSTOMER_INDEX !== 'off';

/** How long an index read is trusted without asking Procountor; PROCOUNTOR_INDEX_FRESH_MS overrides (the benchmark sets 0). */
export const indexFreshMs = (fallback: number) => {
  const configured = Number(process.env.PROCOUNTOR_INDEX_FRESH_MS);
  return process.env.PROCOUNTOR_INDEX_FRESH_MS !== undefined && Number.isFinite(configured) ? configured : fallback;
};

/** How long what an index finds is trusted; PROCOUNTOR_INDEX_TRUST_MS overrides (tests of what follows it). */
export const indexTrustMs = (fallback: number) => {
  const configured = Number(process.env.PROCOUNTOR_INDEX_TRUST_MS);
  return process.env.PROCOUNTOR_INDEX_TRUST_MS !== undefined && Number.isFinite(configured) ? configured : fallback;
};

/**
 * How long after a write whose answer was lost its result may still appear in Procountor (lib/invoice/inDoubt.ts).
 * IN_DOUBT_WINDOW_MS shortens it for tests of what happens after the window.
 */
export const inDoubtWindowMs = () => {
  const configured = Number(process.env.IN_DOUBT_WINDOW_MS);
  return Number.isInteger(configured) && configured > 0 ? configured : 120_000;
};
