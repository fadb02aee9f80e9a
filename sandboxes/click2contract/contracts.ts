// The public API's account and contracts: who the key belongs to, contracts paged by cursor, one contract, and
// "Send to Procountor".
import { json, type SandboxRequest } from '../http';
import { CLICK2CONTRACT_SANDBOX, error, helsinkiTimestamp, publicContract, type Click2ContractRoutes, type Json } from './state';

/** GET /contracts: filtered by status, sorted, and paged by an opaque cursor (here a base64url offset). */
const listContracts = (contracts: Json[], req: SandboxRequest) => {
  const limitText = req.query.get('limit') ?? '50';
  const limit = Number(limitText);
  if (!/^\d+$/.test(limitText) || limit < 1 || limit > 100) return error(422, 'validation_error', 'limit must be between 1 and 100.');
  const status = req.query.get('status');
  const sort = req.query.get('sort') ?? '-accepted_at';
  if (!['-accepted_at', 'accepted_at', '-created_at', 'created_at'].includes(sort)) {
    return error(422, 'validation_error', `Unknown sort "${sort}".`);
  }
  const field = sort.replace(/^-/, '');
  const direction = sort.startsWith('-') ? -1 : 1;
  const list = contracts
    .filter((c) => !status || c.status === status)
    .sort((a, b) => direction * (Date.parse(a[field] ?? 0) - Date.parse(b[field] ?? 0) || a.seq - b.seq));
  const cursor = req.query.get('cursor');
  let start = 0;
  if (cursor) {
    const decoded = Number(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Number.isInteger(decoded) || decoded < 0) return error(422, 'validation_error', 'Invalid cursor.');
    start = decoded;
  }
  const page = list.slice(start, start + limit);
  const nextCursor = start + limit < list.length ? Buffer.from(String(start + limit)).toString('base64url') : null;
  return json(200, { data: page.map(publicContract), next_cursor: nextCursor });
};

/** POST /contracts/{id}/send-to-procountor, also a test control: stamps the contract and fires its event. */
export const sendToProcountor = async ({ state, delivery }: Pick<Click2ContractRoutes, 'state' | 'delivery'>, id: string) => {
  const contract = state.findContract(id);
  if (!contract) return error(404, 'not_found', `No contract ${id}.`);
  if (contract.status !== 'accepted') return error(422, 'validation_error', 'Only accepted contracts can be sent to Procountor.');
  contract.procountor.sent_at = helsinkiTimestamp();
  contract.updated_at = contract.procountor.sent_at;
  const event = await delivery.fire('contract.sent_to_procountor', publicContract(contract));
  return json(202, { contract: publicContract(contract), event_id: event.id });
};

export const contractRoutes = (routes: Click2ContractRoutes) => {
  const { api, state } = routes;
  api('GET', '/me', () => json(200, { account: CLICK2CONTRACT_SANDBOX.account, user: CLICK2CONTRACT_SANDBOX.user }));
  api('GET', '/contracts', (req) => listContracts(state.contracts, req));
  api('GET', '/contracts/:id', (req) => {
    const contract = state.findContract(req.params.id!);
    return contract ? json(200, publicContract(contract)) : error(404, 'not_found', `No contract ${req.params.id}.`);
  });
  api('POST', '/contracts/:id/send-to-procountor', (req) => sendToProcountor(routes, req.params.id!));
};
