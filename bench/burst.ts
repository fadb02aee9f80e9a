// A burst: 200 contracts accepted at once, every delivery's invoice step started together, as Zapier would. It runs in a
// process of its own (`--burst`): the scenarios before it leave the heap large (a 50,000-product catalogue), and
// zapier-platform-core ends a process past 450 MB after 250 runs, which a 200-contract burst is.
import { type Bench, customerRecord, existing, figure, items, LATENCY_MS, post, productsOf, releaseMemory, round } from './harness';

const BURST = 200;

export const burst = async (bench: Bench) => {
  const { urls, runtime } = bench;
  await post(`${urls.procountorControl}/reset`, {});
  runtime.clearCache();
  console.log(`# ${releaseMemory(runtime)} MB resident before the burst (zapier-platform-core stops a process past 450 MB)`);
  await post(`${urls.procountorControl}/faults`, { latencyMs: LATENCY_MS });
  // A new Procountor company: the 50,000-product index of the last catalogue row no longer belongs to it.
  runtime.clearCache();
  await bench.seedProcountor({ businesspartners: [customerRecord(existing)], products: productsOf(items(2, 'burst')) });
  const burstIds: string[] = [];
  for (let i = 0; i < BURST; i++) burstIds.push(await bench.contract(2, 'burst', existing));
  let retries = 0;
  const measured = await bench.measure(() =>
    Promise.all(
      burstIds.map(async (id) => {
        // Zapier retries a ThrottledError step after its delay; here the retry follows at once, the harder case.
        while ((await bench.tryAppStep(id)) === 'throttled') retries++;
      }),
    ),
  );
  const invoices = (await post(`${urls.procountorControl}/state`)).invoices.length;
  figure('burst_contracts', BURST, 'contracts');
  figure('burst_invoices_created', invoices, 'invoices');
  figure('burst_peak_procountor_requests_per_second', measured.peakPerSecond, 'requests/s (limit 20)');
  figure('burst_procountor_429_answers', measured.rateLimited, 'answers');
  figure('burst_steps_retried_by_zapier', retries, 'steps');
  figure('burst_duration', round(measured.ms / 1000, 1), 's');
  figure('burst_procountor_requests_per_invoice', round(measured.requests / invoices, 2), 'requests');
  console.log(`# burst requests by route: ${JSON.stringify(measured.byRoute)}`);
  figure('burst_invoices_per_second', round(invoices / (measured.ms / 1000), 2), 'invoices/s (one company: its invoices take turns)');
};
