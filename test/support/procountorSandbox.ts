import { sandboxControl } from './sandboxControl';
import { createProcountorSandbox, PROCOUNTOR_SANDBOX } from '../../sandboxes/procountor/server';

/** A Procountor sandbox on a free port, with the app's env pointed at it. */
export const startProcountor = async () => {
  const sandbox = createProcountorSandbox();
  const server = await sandbox.start(0);
  const base = `http://127.0.0.1:${server.port}`;
  process.env.CLIENT_ID = PROCOUNTOR_SANDBOX.clientId;
  process.env.CLIENT_SECRET = PROCOUNTOR_SANDBOX.clientSecret;
  process.env.PROCOUNTOR_API_URL = `${base}/api`;
  process.env.PROCOUNTOR_LOGIN_URL = `${base}/login`;
  const control = sandboxControl(base);
  return { sandbox, server, base, api: `${base}/api`, control, stop: () => server.close() };
};

export type ProcountorHandle = Awaited<ReturnType<typeof startProcountor>>;

export const REDIRECT_URI = 'https://zapier.com/dashboard/auth/oauth/return/App123CLIAPI/';

/** The interactive part of the OAuth2 dance: the signed-in test user's browser follows /login. */
export const signInCode = async (base: string, state = 'st4te') => {
  const url = `${base}/login?${new URLSearchParams({
    response_type: 'code',
    client_id: PROCOUNTOR_SANDBOX.clientId,
    redirect_uri: REDIRECT_URI,
    state,
  })}`;
  const response = await fetch(url, { redirect: 'manual' });
  const location = new URL(response.headers.get('location')!);
  return { code: location.searchParams.get('code')!, state: location.searchParams.get('state') };
};

export const tokenRequest = async (base: string, fields: Record<string, string>) => {
  const response = await fetch(`${base}/api/oauth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: response.status, body: (await response.json()) as any };
};

/** A valid access token straight from the sandbox, for tests that are not about sign-in. */
export const sandboxTokens = async (base: string) => {
  const { code } = await signInCode(base);
  const { body } = await tokenRequest(base, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT_URI,
    client_id: PROCOUNTOR_SANDBOX.clientId,
    client_secret: PROCOUNTOR_SANDBOX.clientSecret,
  });
  return body as { access_token: string; refresh_token: string };
};

/** Connection data as Zapier would hold it after the OAuth2 dance. */
export const connectedAuthData = async (base: string) => {
  const tokens = await sandboxTokens(base);
  // The app records the company at connect (authentication.ts), as Zapier keeps whatever getAccessToken answers.
  const company = (await (await fetch(`${base}/api/company`, { headers: { Authorization: `Bearer ${tokens.access_token}` } })).json()) as { id: number };
  return {
    access_token: tokens.access_token,
    refresh_token: tokens.refresh_token,
    company_id: String(company.id),
    click2contract_api_key: 'c2c_sandbox_key',
    slack_bot_token: 'xoxb-sandbox',
  };
};

/** How the test invoices are paid: by bank transfer to the sandbox company's account, with a reference Procountor makes. */
export const bankTransferPayment = {
  paymentMethod: 'BANK_TRANSFER',
  currency: 'EUR',
  bankAccount: { accountNumber: 'FI4250001510000023' },
  dueDate: '2026-12-08',
  currencyRate: 1,
  bankReferenceCode: '',
};

/**
 * A Procountor sandbox for one test file of the sandbox's own tests: started once, reset and signed in afresh before
 * each test, and `call` sends a request as that signed-in user (the body read as JSON, empty as undefined).
 */
export const procountorApiForEachTest = () => {
  const api = {
    sandbox: undefined as unknown as ProcountorHandle,
    token: '',
    async call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
      const response = await fetch(`${api.sandbox.api}${path}`, {
        method,
        headers: { Authorization: `Bearer ${api.token}`, 'Content-Type': 'application/json', ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
    },
  };
  beforeAll(async () => {
    api.sandbox = await startProcountor();
  });
  afterAll(() => api.sandbox.stop());
  beforeEach(async () => {
    await api.sandbox.control('reset', {});
    api.token = (await sandboxTokens(api.sandbox.base)).access_token;
  });
  return api;
};
