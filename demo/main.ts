// `npm start`: the whole Zap on the embedded sandboxes. Contract accepted -> Create Unfinished Invoice -> Post to Slack;
// then a web-shop order -> Create Unfinished Invoice (from Line Items); Find Invoice -> Approve and Send Invoice
// (notifying Slack); Invoice Paid -> Update Invoice Message in Slack: one invoice's life in its one Slack message; and
// one more to its end (demo/invoiceLife.ts): a file attached, sent, overdue (told in the thread), credited.
// Options: --contracts N (default 7), --seed S (default 2026), --builtin-alert (alert from inside the invoice step),
// --real (the services named by the environment instead of the sandboxes; see demo/real.ts).
// The demo is a list of named steps (STEPS below), run in order on one shared record of what happened.
import App from '../index';
import { startAllSandboxes } from '../sandboxes/all';
import { SLACK_SANDBOX } from '../sandboxes/slack/server';
import { connectToSandboxes } from '../sandboxes/zapier/connect';
import { startHookReceiver } from '../sandboxes/zapier/hookReceiver';
import { startZapierRuntime } from '../sandboxes/zapier/runtime';
import { runZap, type StepRecord } from '../sandboxes/zapier/zap';
import { demoProposals, demoSeed } from './data';
import { lateInvoiceLife } from './invoiceLife';
import { approveAndSendZap, invoicePaidZap, webShopZap } from './moreZaps';
import { runOnRealServices } from './real';
import { printSlackChannels } from './slackChannel';
import { printTable, report } from './table';

const option = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} takes a whole number, e.g. --${name} ${fallback}`);
  return value;
};

const json = async (url: string, body?: unknown) => {
  const response = await fetch(url, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return response.json() as Promise<any>;
};

const TASK_HISTORY = ['Contract', 'Step', 'Status', 'ms', 'Procountor requests', 'Result'];
const taskHistoryRows = (history: StepRecord[]) =>
  history.map((s) => [s.contract, s.step, s.ok ? 'success' : 'ERROR', String(Math.round(s.ms)), String(s.procountorRequests), s.detail]);

const real = async (contracts: number) => {
  const runtime = await startZapierRuntime(App);
  try {
    const history = await runOnRealServices(runtime, contracts);
    printTable(TASK_HISTORY, taskHistoryRows(history));
    return history.every((s) => s.ok) ? 0 : 1;
  } finally {
    await runtime.close();
  }
};

/** The sandboxes, the runtime and the stand-ins for Zapier's hook URLs, with what the steps learn on the way. */
const startDemo = async (options: { contracts: number; seed: number; builtInAlert: boolean }) => {
  const sandboxes = await startAllSandboxes({ procountor: 0, click2contract: 0, slack: 0 });
  sandboxes.configureApp();
  const runtime = await startZapierRuntime(App);
  const acceptedHook = await startHookReceiver();
  const sentHook = await startHookReceiver();
  return {
    ...options,
    urls: sandboxes.urls,
    runtime,
    acceptedHook,
    sentHook,
    authData: {} as Record<string, string>,
    subscriptions: {} as Record<'accepted' | 'sent', { id: string; secret: string }>,
    /** The task history, as Zapier shows it. */
    history: [] as StepRecord[],
    /** What each contract (or order) shows, for the table before the task history. */
    scenarios: [] as string[][],
    /** The invoice that goes on to be approved, sent and paid. */
    toSend: undefined as { id: string; number: string } | undefined,
    paidItems: 0,
    /** What the services hold at the end. */
    held: { invoices: [] as unknown[], messages: [] as Array<{ thread_ts: string | null }> },
    close: async () => Promise.all([sandboxes.close(), runtime.close(), acceptedHook.close(), sentHook.close()]),
  };
};

type Demo = Awaited<ReturnType<typeof startDemo>>;

/** Connect Procountor the way Zapier does: the authorize URL, the signed-in user's redirect, the code exchange. */
const connect = async (demo: Demo) => {
  const { urls, runtime } = demo;
  console.log(`Sandboxes: Procountor ${urls.procountorApi}, Click2Contract ${urls.click2contractApi}, Slack ${urls.slackApi}\n`);
  demo.authData = await connectToSandboxes(runtime);
  const test = await runtime.run<Record<string, string>>('authentication.test', { authData: demo.authData });
  if (!test.ok) throw new Error(`The connection test failed: ${test.error?.message}`);
  console.log(`Connected: ${test.result!.label}`);
};

/** Turn the Zaps on: subscribe both instant triggers to the stand-ins for Zapier's hook URLs. */
const turnZapsOn = async (demo: Demo) => {
  const subscribe = async (trigger: string, targetUrl: string) => {
    const run = await demo.runtime.run<{ id: string; secret: string }>(`triggers.${trigger}.operation.performSubscribe`, {
      authData: demo.authData,
      targetUrl,
      inputData: {},
    });
    if (!run.ok) throw new Error(`Subscribing ${trigger} failed: ${run.error?.message}`);
    return run.result!;
  };
  demo.subscriptions.accepted = await subscribe('contract_accepted', demo.acceptedHook.url);
  demo.subscriptions.sent = await subscribe('contract_sent_to_procountor', demo.sentHook.url);
  console.log(`Subscribed "Contract Accepted" (${demo.subscriptions.accepted.id}) and "Contract Sent to Procountor" (${demo.subscriptions.sent.id})\n`);
};

/** The delivery the hook receives next after `send`, run through its Zap. */
const nextDelivery = async (hook: Demo['acceptedHook'], send: () => Promise<unknown>) => {
  const before = hook.caught.length;
  await send();
  const [delivery] = (await hook.waitFor(before + 1)).slice(before);
  return delivery!;
};

/** What Procountor already holds, then the demo proposals, accepted one by one, each through its Zap. */
const acceptProposals = async (demo: Demo) => {
  const { urls, runtime, authData, history } = demo;
  await json(`${urls.procountorControl}/seed`, demoSeed);
  const zapOptions = { builtInAlert: demo.builtInAlert, slackChannel: '#invoices' };
  for (const { proposal, manual, approveAndSend, scenario, invoiceInput } of demoProposals(demo.contracts, demo.seed)) {
    const created = await json(`${urls.click2contractControl}/proposals`, { ...proposal, procountor: { auto_invoice: !manual } });
    demo.scenarios.push([created.number, (proposal.customer as { company_name: string }).company_name, scenario]);
    if (approveAndSend) demo.toSend = created;
    const delivery = await nextDelivery(demo.acceptedHook, () => json(`${urls.click2contractControl}/contracts/${created.id}/accept`, {}));
    const accepted = { trigger: 'contract_accepted', subscribeData: demo.subscriptions.accepted, ...zapOptions, invoiceInput } as const;
    history.push(...(await runZap(runtime, authData, delivery, accepted)));
    if (manual) {
      const sent = await nextDelivery(demo.sentHook, () => json(`${urls.click2contractControl}/contracts/${created.id}/send-to-procountor`, {}));
      history.push(
        ...(await runZap(runtime, authData, sent, { trigger: 'contract_sent_to_procountor', subscribeData: demo.subscriptions.sent, ...zapOptions })),
      );
    }
  }
};

/**
 * The other Zaps: a web-shop order with hand-mapped line items; approve and send the e-invoice customer's invoice; it
 * gets paid, "Invoice Paid" picks it up, and its Slack message shows it paid.
 */
const runOtherZaps = async (demo: Demo) => {
  const { urls, runtime, authData, history, toSend } = demo;
  history.push(...(await webShopZap(runtime, authData)));
  demo.scenarios.push(['web shop 5521', 'Kahvila Kuura Oy', 'web-shop order: line items mapped by hand into "Create Unfinished Invoice (from Line Items)"']);
  history.push(...(await lateInvoiceLife(runtime, authData, '#invoices')));
  demo.scenarios.push([
    'web shop 5530',
    'Leipomo Lumi Oy',
    'invoiced three weeks ago, file attached, sent, overdue (Invoice Overdue), credited (Credit Invoice)',
  ]);
  if (!toSend) return;
  const sending = await approveAndSendZap(runtime, authData, toSend.id, toSend.number, '#invoices');
  history.push(...sending.steps);
  if (sending.invoiceId) await json(`${urls.procountorControl}/invoices/${sending.invoiceId}/paid`, {});
  const paid = await invoicePaidZap(runtime, authData, '#invoices', new Set<string>());
  history.push(...paid.steps);
  demo.paidItems = paid.items.length;
};

const printTaskHistory = async (demo: Demo) => {
  console.log(`Demo proposals (seed ${demo.seed}); Procountor already had "Vanha Asiakas Oy" (FI08369224) and the product "Design-Sprint"`);
  printTable(['Contract', 'Customer', 'What it shows'], demo.scenarios);
  report('\nTask history', TASK_HISTORY, taskHistoryRows(demo.history));
};

const invoiceRow = (i: any) => [
  String(i.invoiceNumber),
  i.status,
  i.counterParty.counterPartyAddress.name,
  i.date,
  i.paymentInfo.dueDate,
  i.invoiceSumInfo[0].excludingVatTotal.toFixed(2),
  i.invoiceSumInfo[0].invoiceSumTotal.toFixed(2),
  i.paymentInfo.currency,
  String(i.paymentInfo.currencyRate),
  [i.vatStatus, ...new Set(i.invoiceRows.map((r: any) => r.vatStatus).filter((v: unknown) => typeof v === 'number' && v !== i.vatStatus))].join(' + '),
  i.language,
  i.paymentInfo.bankReferenceCode ?? '',
  i.agreementNumber ?? '',
];

const printProcountor = async (demo: Demo) => {
  const state = await json(`${demo.urls.procountorControl}/state`);
  report(
    '\nProcountor customers',
    ['ID', 'Name', 'Business ID', 'City'],
    state.businesspartners.map((p: any) => [String(p.id), p.name, p.invoicingInfo?.identifier ?? '', p.billingAddress?.city ?? p.address?.city ?? '']),
  );
  report(
    '\nProcountor products',
    ['ID', 'Name', 'Code', 'Unit', 'Price'],
    state.products.map((p: any) => [String(p.id), p.name, p.code ?? '', p.unit ?? '', String(p.price)]),
  );
  report(
    '\nProcountor invoices',
    ['Number', 'Status', 'Customer', 'Date', 'Due', 'Excl. VAT', 'Incl. VAT', 'Currency', 'Rate', 'VAT status', 'Language', 'Reference', 'Contract'],
    state.invoices.map(invoiceRow),
  );
  // An invoice whose rows carry their own VAT statuses (goods and services, or lines with and without VAT), with the
  // legal texts its additional information prints.
  const mixed = state.invoices.filter((i: any) => new Set(i.invoiceRows.map((r: any) => r.vatStatus ?? i.vatStatus)).size > 1);
  report(
    '\nInvoices with a VAT status per row',
    ['Number', 'Row', 'VAT %', 'Row VAT status'],
    mixed.flatMap((i: any) =>
      i.invoiceRows.map((r: any, n: number) => [n === 0 ? String(i.invoiceNumber) : '', r.product, String(r.vatPercent), String(r.vatStatus ?? i.vatStatus)]),
    ),
  );
  for (const i of mixed) console.log(`Invoice ${i.invoiceNumber} prints:\n  ${(i.additionalInformation ?? '').split('\n').join('\n  ')}`);
  demo.held.invoices = state.invoices;
};

const printSlack = async (demo: Demo) => {
  const { messages } = await json(`${demo.urls.slackControl}/messages`);
  const { channels } = await fetch(`${demo.urls.slackApi}conversations.list?limit=1000&types=public_channel,private_channel`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${SLACK_SANDBOX.botToken}` },
  }).then((r) => r.json() as Promise<{ channels: Array<{ id: string; name: string }> }>);
  printSlackChannels(messages, Object.fromEntries(channels.map((c) => [c.id, c.name])));
  demo.held.messages = messages;
};

/** The demo, step by step: each one prints what it did and leaves what the next needs in the demo's record. */
const STEPS = [connect, turnZapsOn, acceptProposals, runOtherZaps, printTaskHistory, printProcountor, printSlack];

/** One line of totals; answers the exit code: 0 when every step succeeded and every invoice run made its invoice. */
const summary = ({ history, held, toSend, paidItems }: Demo) => {
  const failed = history.filter((s) => !s.ok);
  const invoiceSteps = history.filter((s) => s.step === 'Create Unfinished Invoice' || s.step === 'Create Unfinished Invoice (from Line Items)');
  const replies = held.messages.filter((m) => m.thread_ts).length;
  // A credit note is an invoice of its own, made by Credit Invoice rather than by an invoice run.
  const creditNotes = history.filter((s) => s.step === 'Credit Invoice' && s.output?.action === 'credited' && !s.output?.already_existed).length;
  console.log(
    `\n${history.length} steps, ${failed.length} failed; ${invoiceSteps.length} invoice runs, ${held.invoices.length} invoices, ` +
      `${held.messages.length - replies} Slack messages with ${replies} thread replies.`,
  );
  return failed.length === 0 && held.invoices.length === invoiceSteps.length + creditNotes && (!toSend || paidItems > 0) ? 0 : 1;
};

const main = async () => {
  const contracts = option('contracts', 7);
  const seed = option('seed', 2026);
  const builtInAlert = process.argv.includes('--builtin-alert');
  process.env.DISABLE_ZAPIER_ANALYTICS = '1';
  if (process.argv.includes('--real')) return real(contracts);

  const demo = await startDemo({ contracts, seed, builtInAlert });
  try {
    for (const step of STEPS) await step(demo);
    return summary(demo);
  } finally {
    await demo.close();
  }
};

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`The demo stopped: ${(error as Error).message}`);
    process.exit(1);
  },
);
