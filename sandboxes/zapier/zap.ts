// A Zap as Zapier runs it: the trigger's perform on a caught delivery, then each action step with fields mapped
// from earlier steps. Used by the demo, the benchmark and the reliability tests.
import { asZapierRequest, type CaughtDelivery } from './hookReceiver';
import type { RunOutcome, ZapierRuntime } from './runtime';

export interface StepRecord {
  contract: string;
  step: string;
  ok: boolean;
  ms: number;
  procountorRequests: number;
  detail: string;
  output?: Record<string, any>;
  error?: RunOutcome['error'];
}

export interface ZapOptions {
  trigger: 'contract_accepted' | 'contract_sent_to_procountor';
  subscribeData: { id: string; secret: string };
  triggerInput?: Record<string, unknown>;
  /** Post the alert from inside the invoice step (one step less) instead of a separate "Post to Slack" step. */
  builtInAlert?: boolean;
  slackChannel?: string;
  /** More fields of the invoice step, as the Zap builder set them (What You Sell Abroad, Invoice Language…). */
  invoiceInput?: Record<string, unknown>;
  /**
   * Replays this earlier run, as Zapier replays a run whose step failed: the steps run again with the items its trigger
   * gave, and the trigger does not run again (a REST hook's perform runs once per delivery).
   */
  replayOf?: StepRecord[];
}

const describe = (output: Record<string, any> | undefined) => {
  if (!output) return '';
  if (output.invoice_number !== undefined) {
    return (
      `invoice ${output.invoice_number} ${output.status}${output.already_existed ? ' (already existed)' : ''}, ${output.total} ${output.currency}` +
      `${output.customer_created ? ', new customer' : ''}${output.products_created ? `, ${output.products_created} new product(s)` : ''}` +
      `${output.slack_alert && output.slack_alert !== 'not_requested' ? `, Slack ${output.slack_alert}` : ''}`
    );
  }
  if (output.permalink) return `posted ${output.permalink}`;
  return '';
};

/** The "Post to Slack" step's fields, mapped from the invoice step's output as the Zap builder maps them. */
const slackStepInput = (channel: string, out: Record<string, any>) => ({
  channel,
  invoice_id: out.invoice_id,
  invoice_number: out.invoice_number,
  customer_name: out.customer_name,
  contract_number: out.contract_number,
  total: out.total,
  currency: out.currency,
  due_date: out.due_date,
  status: out.status,
  bot_name: 'Invoices',
  bot_icon: ':receipt:',
});

export const runZap = async (
  runtime: ZapierRuntime,
  authData: Record<string, string>,
  delivery: CaughtDelivery,
  options: ZapOptions,
): Promise<StepRecord[]> => {
  const steps: StepRecord[] = [];
  const request = asZapierRequest(delivery);
  const replayed = options.replayOf?.filter((s) => s.step === options.trigger && s.output);
  const triggerRun: RunOutcome<Array<Record<string, any>>> = replayed
    ? {
        ok: true,
        result: replayed.map((s) => s.output!),
        ms: 0,
        rpc: { zcacheCalls: 0, cursorCalls: 0, bytesRead: 0, bytesWritten: 0, keysRead: [], keysWritten: [] },
      }
    : await runtime.run<Array<Record<string, any>>>(`triggers.${options.trigger}.operation.perform`, {
        authData,
        inputData: options.triggerInput ?? {},
        subscribeData: options.subscribeData,
        ...request,
      });
  const contractLabel = (request.cleanedRequest as any)?.data?.contract?.number ?? '?';
  const record = (step: string, run: RunOutcome<any>, output?: Record<string, any>) => {
    const entry: StepRecord = {
      contract: contractLabel,
      step,
      ok: run.ok,
      ms: run.ms,
      procountorRequests: output?.procountor_requests ?? 0,
      detail: run.ok ? describe(output) : `${run.error?.name}: ${run.error?.message}`,
      output,
      error: run.error,
    };
    steps.push(entry);
    return entry;
  };
  if (!triggerRun.ok) {
    record(options.trigger, triggerRun);
    return steps;
  }
  const items = triggerRun.result ?? [];
  if (!items.length) {
    steps.push({
      contract: contractLabel,
      step: options.trigger,
      ok: true,
      ms: triggerRun.ms,
      procountorRequests: 0,
      // The trigger's log says which: a contract filtered out, a repeat of a delivery already handled, or a forgery.
      detail: 'no run started (filtered out, a repeated delivery, or a forged one)',
    });
    return steps;
  }
  for (const contract of items) {
    record(options.trigger, triggerRun, contract).detail =
      options.trigger === 'contract_sent_to_procountor'
        ? `contract ${contract.number} sent to Procountor by hand`
        : `contract ${contract.number} accepted by ${contract.signed_by_name || 'the customer'}`;
    const invoiceRun = await runtime.run<Record<string, any>>('creates.create_unfinished_invoice.operation.perform', {
      authData,
      inputData: {
        contract_id: contract.contract_id,
        ...options.invoiceInput,
        ...(options.builtInAlert && options.slackChannel ? { slack_channel: options.slackChannel } : {}),
      },
    });
    const invoice = record('Create Unfinished Invoice', invoiceRun, invoiceRun.result);
    if (!invoice.ok || options.builtInAlert || !options.slackChannel) continue;
    const slackRun = await runtime.run<Record<string, any>>('creates.post_to_slack.operation.perform', {
      authData,
      inputData: slackStepInput(options.slackChannel, invoiceRun.result!),
    });
    record('Post to Slack', slackRun, slackRun.result);
  }
  return steps;
};
