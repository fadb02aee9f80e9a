import { REDIRECT_URI, signInCode, startProcountor, type ProcountorHandle } from '../support/procountorSandbox';
import { App, appTester, zapierError } from '../support/app';
import { startClick2Contract, type Click2ContractHandle } from '../support/click2contractSandbox';
import { startSlack, type SlackHandle } from '../support/slackSandbox';

let p: ProcountorHandle;
let c2c: Click2ContractHandle;
let slack: SlackHandle;
beforeAll(async () => {
  p = await startProcountor();
  c2c = await startClick2Contract();
  slack = await startSlack();
});
afterAll(async () => {
  await p.stop();
  await c2c.stop();
  await slack.stop();
});
beforeEach(() => p.control('reset', {}));

const connect = async () => {
  const { code } = await signInCode(p.base);
  const tokens = (await appTester(
    App.authentication.oauth2Config.getAccessToken as any,
    {
      inputData: { code, redirect_uri: REDIRECT_URI },
      authData: {},
    } as any,
  )) as { access_token: string; refresh_token: string };
  return { ...tokens, click2contract_api_key: 'c2c_sandbox_key', slack_bot_token: 'xoxb-sandbox' };
};

describe('Procountor connection', () => {
  it('builds the authorize URL from PROCOUNTOR_LOGIN_URL with client id, redirect URI and state', async () => {
    const url = new URL(
      (await appTester(
        App.authentication.oauth2Config.authorizeUrl as any,
        {
          inputData: { redirect_uri: REDIRECT_URI, state: 'xyz' },
        } as any,
      )) as string,
    );
    expect(`${url.origin}${url.pathname}`).toBe(`${p.base}/login`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'sandbox-client',
      redirect_uri: REDIRECT_URI,
      state: 'xyz',
    });
  });

  it('exchanges the sign-in code for tokens', async () => {
    const authData = await connect();
    expect(authData.access_token).toMatch(/^pat_/);
    expect(authData.refresh_token).toMatch(/^prt_/);
  });

  it('says to reconnect when the code was already used, without echoing any secret', async () => {
    const { code } = await signInCode(p.base);
    const bundle = { inputData: { code, redirect_uri: REDIRECT_URI }, authData: {} } as any;
    await appTester(App.authentication.oauth2Config.getAccessToken as any, bundle);
    const error = await zapierError(appTester(App.authentication.oauth2Config.getAccessToken as any, bundle));
    expect(error.message).toContain('Procountor did not accept the sign-in (invalid_grant');
    expect(error.message).not.toContain('sandbox-secret');
    expect(error.message).not.toContain(code);
  });

  it('refreshes the access token, keeping a usable refresh token', async () => {
    const authData = await connect();
    const refreshed = (await appTester(App.authentication.oauth2Config.refreshAccessToken as any, { authData } as any)) as any;
    expect(refreshed.access_token).not.toBe(authData.access_token);
    expect(refreshed.refresh_token).toBeTruthy();
  });

  it('treats a refused refresh as an expired connection', async () => {
    const error = await zapierError(appTester(App.authentication.oauth2Config.refreshAccessToken as any, { authData: { refresh_token: 'prt_gone' } } as any));
    expect(error.name).toBe('ExpiredAuthError');
  });

  it('tests the connection with /users and /company and labels it "Company (user)"', async () => {
    const authData = await connect();
    const result = (await appTester(App.authentication.test as any, { authData } as any)) as any;
    expect(result).toEqual(expect.objectContaining({ company_name: 'Sandbox Oy', username: 'sandbox.api' }));
    const label = await appTester(App.authentication.connectionLabel as any, { authData, inputData: result } as any);
    expect(label).toMatch(/^Sandbox Oy \(sandbox\.api\)/);
  });

  it('asks Zapier to refresh when the sandbox has expired the tokens, and works again after refreshing', async () => {
    const authData = await connect();
    await p.control('faults', { expireTokens: true });
    const error = await zapierError(appTester(App.authentication.test as any, { authData } as any));
    expect(error.name).toBe('RefreshAuthError');
    const refreshed = (await appTester(App.authentication.oauth2Config.refreshAccessToken as any, { authData } as any)) as any;
    const result = (await appTester(App.authentication.test as any, { authData: { ...authData, ...refreshed } } as any)) as any;
    expect(result.company_name).toBe('Sandbox Oy');
  });
});

describe('Procountor errors, as Zapier sees them', () => {
  let authData: Record<string, string>;
  beforeEach(async () => {
    authData = await connect();
  });
  const listBankAccounts = () => appTester(App.triggers.bank_account_list.operation.perform as any, { authData, inputData: {} } as any);

  it("turns 429 into ThrottledError with Procountor's delay", async () => {
    await p.control('faults', { status: 429, count: 1, retryAfter: 7 });
    const error = await zapierError(listBankAccounts());
    expect(error.name).toBe('ThrottledError');
    expect(error.message).toContain("Procountor's rate limit");
    expect(error.message).toContain('7 s');
  });

  it('turns 5xx and dropped connections into retryable errors', async () => {
    await p.control('faults', { status: 503, count: 1 });
    const outage = await zapierError(listBankAccounts());
    expect(outage.name).toBe('ThrottledError');
    expect(outage.message).toContain('HTTP 503');
    await p.control('faults', { drop: true, count: 1 });
    const dropped = await zapierError(listBankAccounts());
    expect(dropped.name).toBe('ThrottledError');
    expect(dropped.message).toContain('Could not reach Procountor');
  });

  it('turns 403 into a sentence naming the Procountor right the user lacks', async () => {
    await p.control('faults', { status: 403, count: 1, body: { errors: [{ status: 403, message: 'Insufficient user rights.' }] } });
    const error = await zapierError(listBankAccounts());
    expect(error.message).toContain('New sales invoice/Group invoice');
    expect(error.message).toContain('Management → Users and privileges');
  });

  it("turns 400 into an error that names Procountor's field and message", async () => {
    await p.control('faults', { status: 400, count: 1, body: { errors: [{ status: 400, field: 'size', message: 'Too big.' }] } });
    const error = await zapierError(listBankAccounts());
    expect(error.message).toContain('field "size": Too big.');
  });

  it('never shows the access token in an error', async () => {
    await p.control('faults', { status: 500, count: 1 });
    const error = await zapierError(listBankAccounts());
    expect(error.message).not.toContain(authData.access_token);
  });
});

describe('dropdowns', () => {
  it("lists the company's bank accounts for the bank account dropdown", async () => {
    const authData = await connect();
    const accounts = (await appTester(App.triggers.bank_account_list.operation.perform as any, { authData, inputData: {} } as any)) as any[];
    expect(accounts.map((a) => a.id)).toEqual(['FI4250001510000023', 'FI2112345600000785']);
    expect(accounts[0].label).toBe('OP FI42 5000 1510 0000 23 (EUR)');
  });

  it('lists the sales VAT rates for the VAT dropdown, highest first', async () => {
    const authData = await connect();
    const rates = (await appTester(App.triggers.vat_rate_list.operation.perform as any, { authData, inputData: {} } as any)) as any[];
    expect(rates.map((r) => r.vat_percent)).toEqual([25.5, 13.5, 10, 0]);
    expect(rates[0]).toEqual({ id: '25.5', vat_percent: 25.5, label: '25.5 %' });
  });
});
