// `npm start`: the whole Zap on the embedded sandboxes. Contract accepted -> Create Unfinished Invoice -> Post to Slack;
// then a web-shop order -> Create Unfinished Invoice (from Line Items); Find Invoice -> Approve and Send Invoice
// (notifying Slack); Invoice Paid -> Update Invoice Message in Slack: one invoice's life in its one Slack message.
// Options: --contracts N (default 7), --seed S (default 2026), --builtin-alert (alert from inside the invoice step),
// --real (the services named by the environment instead of the sandboxes; see demo/real.ts).
import App from '../index';
import { startAllSandboxes } from '../sandboxes/all';
import { SLACK_SANDBOX } from '../sandboxes/slack/server';
import { connectToSandboxes } from '../sandboxes/zapier/connect';
import { startHookReceiver } from '../sandboxes/zapier/hookReceiver';
import { startZapierRuntime } from '../sandboxes/zapier/runtime';
import { runZap, type StepRecord } from '../sandboxes/zapier/zap';
import { demoProposals, demoSeed } from './data';
import { approveAndSendZap, invoicePaidZap, webShopZap } from './moreZaps';
import { runOnRealServices } from './real';
import { printSlackChannels } from './slackChannel';
import { printTable } from './table';

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

const real = async (contracts: number) => {
  const runtime = await startZapierRuntime(App);
  try {
    const history = await runOnRealServices(runtime, contracts);
    printTable(
      ['Contract', 'Step', 'Status', 'ms', 'Procountor requests', 'Result'],
      history.map((s) => [s.contract, s.step, s.ok ? 'success' : 'ERROR', String(Math.round(s.ms)), String(s.procountorRequests), s.detail]),
    );
    return history.every((s) => s.ok) ? 0 : 1;
  } finally {
    await runtime.close();
  }
};

const main = async () => {
  const contracts = option('contracts', 7);
  const seed = option('seed', 2026);
  const builtInAlert = process.argv.includes('--builtin-alert');
  process.env.DISABLE_ZAPIER_ANALYTICS = '1';
  if (process.argv.includes('--real')) return real(contracts);

  const sandboxes = await startAllSandboxes({ procountor: 0, click2contract: 0, slack: 0 });
  sandboxes.configureApp();
  const { urls } = sandboxes;
  const runtime = await startZapierRuntime(App);
  const acceptedHook = await startHookReceiver();
  const sentHook = await startHookReceiver();
  const close = async () => Promise.all([sandboxes.close(), runtime.close(), acceptedHook.close(), sentHook.close()]);

  try {
    console.log(`Sandboxes: Procountor ${urls.procountorApi}, Click2Contract ${urls.click2contractApi}, Slack ${urls.slackApi}\n`);

    // 1. Connect Procountor the way Zapier does: the authorize URL, the signed-in user's redirect, the code exchange.
    const authData = await connectToSandboxes(runtime);
    const test = await runtime.run<Record<string, string>>('authentication.test', { authData });
    if (!test.ok) throw new Error(`The connection test failed: ${test.error?.message}`);
    console.log(`Connected: ${test.result!.label}`);

    // 2. Turn the Zaps on: subscribe both instant triggers to the stand-ins for Zapier's hook URLs.
    const subscribe = async (trigger: string, targetUrl: string) => {
      const run = await runtime.run<{ id: string; secret: string }>(`triggers.${trigger}.operation.performSubscribe`, { authData, targetUrl, inputData: {} });
      if (!run.ok) throw new Error(`Subscribing ${trigger} failed: ${run.error?.message}`);
      return run.result!;
    };
    const acceptedSub = await subscribe('contract_accepted', acceptedHook.url);
    const sentSub = await subscribe('contract_sent_to_procountor', sentHook.url);
    console.log(`Subscribed "Contract Accepted" (${acceptedSub.id}) and "Contract Sent to Procountor" (${sentSub.id})\n`);

    // 3. What Procountor already holds, then the demo proposals, accepted one by one.
    await json(`${urls.procountorControl}/seed`, demoSeed);
    const history: StepRecord[] = [];
    const scenarios: string[][] = [];
    const zapOptions = { builtInAlert, slackChannel: '#invoices' };
    let toSend: { id: string; number: string } | undefined;
    for (const demo of demoProposals(contracts, seed)) {
      const created = await json(`${urls.click2contractControl}/proposals`, { ...demo.proposal, procountor: { auto_invoice: !demo.manual } });
      scenarios.push([created.number, (demo.proposal.customer as { company_name: string }).company_name, demo.scenario]);
      if (demo.approveAndSend) toSend = created;
      const before = acceptedHook.caught.length;
      await json(`${urls.click2contractControl}/contracts/${created.id}/accept`, {});
      const [delivery] = (await acceptedHook.waitFor(before + 1)).slice(before);
      history.push(
        ...(await runZap(runtime, authData, delivery!, {
          trigger: 'contract_accepted',
          subscribeData: acceptedSub,
          ...zapOptions,
          invoiceInput: demo.invoiceInput,
        })),
      );
      if (demo.manual) {
        const sentBefore = sentHook.caught.length;
        await json(`${urls.click2contractControl}/contracts/${created.id}/send-to-procountor`, {});
        const [sent] = (await sentHook.waitFor(sentBefore + 1)).slice(sentBefore);
        history.push(...(await runZap(runtime, authData, sent!, { trigger: 'contract_sent_to_procountor', subscribeData: sentSub, ...zapOptions })));
      }
    }

    // 4. The other Zaps: a web-shop order with hand-mapped line items; approve and send the e-invoice customer's
    // invoice; it gets paid, "Invoice Paid" picks it up, and its Slack message shows it paid.
    history.push(...(await webShopZap(runtime, authData)));
    scenarios.push(['web shop 5521', 'Kahvila Kuura Oy', 'web-shop order: line items mapped by hand into "Create Unfinished Invoice (from Line Items)"']);
    const paidSeen = new Set<string>();
    let paidItems = 0;
    if (toSend) {
      const sending = await approveAndSendZap(runtime, authData, toSend.id, toSend.number, '#invoices');
      history.push(...sending.steps);
      if (sending.invoiceId) await json(`${urls.procountorControl}/invoices/${sending.invoiceId}/paid`, {});
      const paid = await invoicePaidZap(runtime, authData, '#invoices', paidSeen);
      history.push(...paid.steps);
      paidItems = paid.items.length;
    }

    // 5. The task history, then what the services hold now.
    console.log(`Demo proposals (seed ${seed}); Procountor already had "Vanha Asiakas Oy" (FI08369224) and the product "Design-Sprint"`);
    printTable(['Contract', 'Customer', 'What it shows'], scenarios);
    console.log('\nTask history');
    printTable(
      ['Contract', 'Step', 'Status', 'ms', 'Procountor requests', 'Result'],
      history.map((s) => [s.contract, s.step, s.ok ? 'success' : 'ERROR', String(Math.round(s.ms)), String(s.procountorRequests), s.detail]),
    );
    const state = await json(`${urls.procountorControl}/state`);
    console.log('\nProcountor customers');
    printTable(
      ['ID', 'Name', 'Business ID', 'City'],
      state.businesspartners.map((p: any) => [String(p.id), p.name, p.invoicingInfo?.identifier ?? '', p.billingAddress?.city ?? p.address?.city ?? '']),
    );
    console.log('\nProcountor products');
    printTable(
      ['ID', 'Name', 'Code', 'Unit', 'Price'],
      state.products.map((p: any) => [String(p.id), p.name, p.code ?? '', p.unit ?? '', String(p.price)]),
    );
    console.log('\nProcountor invoices');
    printTable(
      ['Number', 'Status', 'Customer', 'Date', 'Due', 'Excl. VAT', 'Incl. VAT', 'Currency', 'Rate', 'VAT status', 'Language', 'Reference', 'Contract'],
      state.invoices.map((i: any) => [
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
      ]),
    );
    const { messages } = await json(`${urls.slackControl}/messages`);
    const { channels } = await fetch(`${urls.slackApi}conversations.list?limit=1000&types=public_channel,private_channel`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${SLACK_SANDBOX.botToken}` },
    }).then((r) => r.json() as Promise<{ channels: Array<{ id: string; name: string }> }>);
    printSlackChannels(messages, Object.fromEntries(channels.map((c) => [c.id, c.name])));

    const failed = history.filter((s) => !s.ok);
    const invoiceSteps = history.filter((s) => s.step === 'Create Unfinished Invoice' || s.step === 'Create Unfinished Invoice (from Line Items)');
    const replies = messages.filter((m: { thread_ts: string | null }) => m.thread_ts).length;
    console.log(
      `\n${history.length} steps, ${failed.length} failed; ${invoiceSteps.length} invoice runs, ${state.invoices.length} invoices, ` +
        `${messages.length - replies} Slack messages with ${replies} thread replies.`,
    );
    return failed.length === 0 && state.invoices.length === invoiceSteps.length && (!toSend || paidItems > 0) ? 0 : 1;
  } finally {
    await close();
  }
};

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`The demo stopped: ${(error as Error).message}`);
    process.exit(1);
  },
);
