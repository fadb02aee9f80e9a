// The one Click2Contract client: base URL, paths, cursor paging and error bodies live here.
import type { ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';
import { click2contractApiUrl } from '../zapier/config';
import { callService, parseAnswer, type JsonService, type ServiceCall } from '../zapier/request';
import { InputError, retryAfterSeconds, retryLater } from '../zapier/errors';
import { describeContractIssues } from './errors';
import { C2CError, Contract, ContractList, Me, SendToProcountorAnswer, Webhook, type WebhookEventType } from './schemas';

type Call = ServiceCall & {
  /** Answer undefined instead of an error when Click2Contract says 404. */
  missingIsUndefined?: boolean;
};

class Click2ContractClient {
  requestCount = 0;

  private readonly service: JsonService;

  constructor(
    private readonly z: ZObject,
    apiKey: string,
    baseUrl = click2contractApiUrl(),
  ) {
    // Zapier's autoRefresh turns every 401 into RefreshAuthError, but refreshing Procountor's token cannot fix a
    // Click2Contract key: say what can.
    this.service = { name: 'Click2Contract', baseUrl, bearerToken: apiKey, authError: () => this.keyRejected() };
  }

  private async call<S extends zod.ZodType>(schema: S | undefined, call: Call): Promise<zod.infer<S>> {
    this.requestCount += 1;
    const response = await callService(this.z, this.service, call);
    const { status } = response;
    if (status === 401 || status === 403) throw this.keyRejected();
    if (status === 429) {
      const delay = retryAfterSeconds(response.getHeader('retry-after'));
      throw new this.z.errors.ThrottledError(`Click2Contract's rate limit was reached. Zapier will retry in ${delay} s.`, delay);
    }
    if (status >= 500) throw retryLater(this.z, `Click2Contract is not answering properly (HTTP ${status}). Zapier will retry.`);
    const body = this.parse(response.content);
    if (status === 404 && call.missingIsUndefined) return undefined as zod.infer<S>;
    if (status >= 400) {
      const error = C2CError.safeParse(body);
      const message = error.success ? error.data.error.message : undefined;
      throw new this.z.errors.Error(
        `Click2Contract refused ${call.method} ${call.path}${message ? `: ${message}` : ` (HTTP ${status})`}`,
        status === 404 ? 'Click2ContractNotFound' : 'Click2ContractRefused',
        status,
      );
    }
    if (!schema) return undefined as zod.infer<S>;
    return parseAnswer(this.z, schema, body, 'Click2Contract', `${call.method} ${call.path}`);
  }

  private parse(content: string): unknown {
    if (!content) return undefined;
    try {
      return JSON.parse(content);
    } catch {
      return undefined;
    }
  }

  private keyRejected() {
    return new this.z.errors.ExpiredAuthError(
      'Click2Contract did not accept the API key. Create a new key in Click2Contract under Integrations and update it in this connection.',
    );
  }

  me() {
    return this.call(Me, { method: 'GET', path: '/me' });
  }

  /** Accepted contracts, newest first. */
  listAcceptedContracts(limit = 50, cursor?: string) {
    return this.call(ContractList, {
      method: 'GET',
      path: '/contracts',
      params: { status: 'accepted', sort: '-accepted_at', limit: Math.min(limit, 100), cursor },
    });
  }

  /**
   * The contract, or undefined when Click2Contract has none with that id. A contract whose data cannot be read
   * is the proposal's problem, not a passing fault: it is an InputError that says which fields to fix.
   */
  async findContract(id: string): Promise<Contract | undefined> {
    const raw = await this.call(zod.unknown(), { method: 'GET', path: `/contracts/${encodeURIComponent(id)}`, missingIsUndefined: true });
    if (raw === undefined) return undefined;
    const parsed = Contract.safeParse(raw);
    if (parsed.success) return parsed.data;
    throw new InputError(
      `Click2Contract sent contract ${id} with data that cannot become an invoice: ${describeContractIssues(parsed.error)}. Fix these in the proposal.`,
    );
  }

  sendToProcountor(id: string) {
    return this.call(SendToProcountorAnswer, { method: 'POST', path: `/contracts/${encodeURIComponent(id)}/send-to-procountor` });
  }

  createWebhook(url: string, events: WebhookEventType[]) {
    return this.call(Webhook, { method: 'POST', path: '/webhooks', body: { url, events } });
  }

  deleteWebhook(id: string) {
    return this.call(undefined, { method: 'DELETE', path: `/webhooks/${encodeURIComponent(id)}` });
  }
}

export const click2contractFor = (z: ZObject, bundle: { authData: Record<string, string | undefined> }) => {
  const key = bundle.authData.click2contract_api_key;
  if (!key) {
    throw new z.errors.ExpiredAuthError(
      'This connection has no Click2Contract API key. Create one in Click2Contract under Integrations and add it to the connection.',
    );
  }
  return new Click2ContractClient(z, key);
};
