// Ten companies on the app at once: ten connections of the one Procountor API client, 20 contracts each, every
// invoice step started together, as month-end invoicing would. Procountor's 20 requests a second is the API client's,
// so the ten share it. It runs in a process of its own (`--shared-budget`), as the burst does (200 runs).
//
// The Procountor sandbox holds one company, so each connection signs in for tokens of its own (the sandbox limits
// them together, as Procountor limits a client) and is recorded as a company of its own (`company_id`, which the app
// keys its claims, indexes and writer state by): each company's steps take their own turns, as ten companies' would.
// They share the sandbox's records: the customer and products exist, and each company's contracts are its own.
import { type Bench, customerRecord, existing, figure, items, LATENCY_MS, post, productsOf, releaseMemory, round } from './harness';

const CONNECTIONS = 10;
const CONTRACTS_EACH = 20;

export const sharedBudget = async (bench: Bench) => {
  const { urls, runtime } = bench;
  await post(`${urls.procountorControl}/reset`, {});
  runtime.clearCache();
  console.log(`# ${releaseMemory(runtime)} MB resident before the shared budget (zapier-platform-core stops a process past 450 MB)`);
  await post(`${urls.procountorControl}/faults`, { latencyMs: LATENCY_MS });
  await bench.seedProcountor({ businesspartners: [customerRecord(existing)], products: productsOf(items(2, 'shared')) });
  const companies: Array<{ connection: Record<string, string>; contracts: string[] }> = [];
  for (let c = 0; c < CONNECTIONS; c++) {
    const connection = { ...(await bench.connect()), company_id: `shared-${c + 1}` };
    const contracts: string[] = [];
    for (let i = 0; i < CONTRACTS_EACH; i++) contracts.push(await bench.contract(2, 'shared', existing));
    companies.push({ connection, contracts });
  }
  let retries = 0;
  const started = performance.now();
  const firstInvoiceAt: number[] = [];
  const lastInvoiceAt: number[] = [];
  const measured = await bench.measure(() =>
    Promise.all(
      companies.map(({ connection, contracts }, c) =>
        Promise.all(
          contracts.map(async (id) => {
            // Zapier retries a ThrottledError step after its delay; here the retry follows at once, the harder case.
            while ((await bench.tryAppStep(id, connection)) === 'throttled') retries++;
            const at = (performance.now() - started) / 1000;
            firstInvoiceAt[c] = Math.min(firstInvoiceAt[c] ?? at, at);
            lastInvoiceAt[c] = Math.max(lastInvoiceAt[c] ?? at, at);
          }),
        ),
      ),
    ),
  );
  console.log(`# shared budget requests by route: ${JSON.stringify(measured.byRoute)}`);
  const invoices = (await post(`${urls.procountorControl}/state`)).invoices.length;
  const prefix = `shared_budget_connections${CONNECTIONS}`;
  figure(`${prefix}_invoices_created`, invoices, `invoices (${CONNECTIONS} companies x ${CONTRACTS_EACH} contracts)`);
  figure(`${prefix}_peak_requests_per_second`, measured.peakPerSecond, 'requests/s (the API client limit: 20)');
  figure(`${prefix}_procountor_429_answers`, measured.rateLimited, 'answers');
  figure(`${prefix}_invoices_per_second`, round(invoices / (measured.ms / 1000), 2), 'invoices/s');
  figure(`${prefix}_procountor_requests_per_invoice`, round(measured.requests / invoices, 2), 'requests');
  figure(`${prefix}_steps_retried_by_zapier`, retries, 'steps');
  figure(`${prefix}_duration`, round(measured.ms / 1000, 1), 's');
  // Fairness: every company's first invoice, and its last, against the others'.
  figure(`${prefix}_latest_first_invoice`, round(Math.max(...firstInvoiceAt), 1), 's (the company that waited longest for its first invoice)');
  figure(`${prefix}_earliest_last_invoice`, round(Math.min(...lastInvoiceAt), 1), 's (the first company to finish all 20)');
};
