// The Zaps beyond "contract accepted": a web-shop order with line items mapped by hand, an invoice approved and sent
// to a customer with an e-invoice address, and a payment noticed by "Invoice Paid"; Slack hears of both in the
// invoice's one message, updated in place, with the news in its thread.
import type { ZapierRuntime } from '../sandboxes/zapier/runtime';
import type { StepRecord } from '../sandboxes/zapier/zap';

type Runtime = Pick<ZapierRuntime, 'run'>;

/** A web-shop order as a shop's "New Order" trigger would give it, mapped field by field into the step. */
const WEB_SHOP_ORDER = {
  unique_key: 'webshop-order-5521',
  heading: 'Web shop order 5521',
  customer_name: 'Kahvila Kuura Oy',
  business_id: '1572860-0',
  street: 'Hämeenkatu 12',
  postal_code: '33100',
  city: 'Tampere',
  country: 'FI',
  email: 'tilaukset@kuura.example',
  prices_include_vat: 'true',
  line_items: [
    { name: 'Coffee beans, dark roast 1 kg', code: 'CB-DARK', quantity: '6', unit: 'kpl', unit_price: '24,90', vat_percent: '13.5' },
    { name: 'Milk frothing jug', code: '', quantity: '2', unit: 'kpl', unit_price: '18.50', vat_percent: '25.5' },
    { name: 'Delivery', code: 'SHIP', quantity: '1', unit: '', unit_price: '9.90', vat_percent: '25.5' },
  ],
};

export const record = (
  reference: string,
  step: string,
  run: { ok: boolean; ms: number; result?: any; error?: { name: string; message: string } },
  detail: (r: any) => string,
): StepRecord => ({
  contract: reference,
  step,
  ok: run.ok,
  ms: run.ms,
  procountorRequests: run.result?.procountor_requests ?? 0,
  detail: run.ok ? detail(run.result) : `${run.error?.name}: ${run.error?.message}`,
  output: run.result,
  error: run.error as StepRecord['error'],
});

export const webShopZap = async (runtime: Runtime, authData: Record<string, string>): Promise<StepRecord[]> => {
  const run = await runtime.run<Record<string, any>>('creates.create_invoice.operation.perform', { authData, inputData: WEB_SHOP_ORDER });
  return [
    record(
      'web shop 5521',
      'Create Unfinished Invoice (from Line Items)',
      run,
      (r) =>
        `invoice ${r.invoice_number} ${r.status}${r.already_existed ? ' (already existed)' : ''}, ${r.total} ${r.currency}${r.customer_created ? ', new customer' : ''}, ${r.products_created} new product(s)`,
    ),
  ];
};

/** Find Invoice (by contract) -> Approve and Send Invoice (notifying Slack), for the customer with an e-invoice address. */
export const approveAndSendZap = async (
  runtime: Runtime,
  authData: Record<string, string>,
  contractId: string,
  contractNumber: string,
  slackChannel: string,
) => {
  const found = await runtime.run<any[]>('searches.find_invoice.operation.perform', { authData, inputData: { contract_id: contractId } });
  const steps = [
    record(contractNumber, 'Find Invoice', { ...found, ok: found.ok && !!found.result?.length }, (r) => `invoice ${r[0].invoice_number} ${r[0].status}`),
  ];
  if (!found.ok || !found.result?.length) return { steps, invoiceId: undefined };
  const invoiceId = found.result[0].id as number;
  const sent = await runtime.run<Record<string, any>>('creates.send_invoice.operation.perform', {
    authData,
    inputData: { invoice_id: String(invoiceId), slack_channel: slackChannel },
  });
  steps.push(
    record(
      contractNumber,
      'Approve and Send Invoice',
      sent,
      (r) =>
        `invoice ${r.invoice_number} ${r.status} by ${r.invoice_channel}${r.approved_now ? ', approved now' : ''}${r.already_sent ? ', was already sent' : ''}; Slack message ${r.slack_alert}${r.slack_error ? `: ${r.slack_error}` : ''}`,
    ),
  );
  return { steps, invoiceId };
};

/** One poll of "Invoice Paid" -> "Update Invoice Message in Slack" with the Invoice ID mapped, for each new item. */
export const invoicePaidZap = async (runtime: Runtime, authData: Record<string, string>, slackChannel: string, seen: Set<string>) => {
  const poll = await runtime.run<any[]>('triggers.invoice_paid.operation.perform', { authData, inputData: {} });
  const items = (poll.result ?? []).filter((item) => !seen.has(item.id));
  items.forEach((item) => seen.add(item.id));
  const steps = [
    record('(poll)', 'Invoice Paid', poll, () => `${items.length} new: ${items.map((i) => `invoice ${i.invoice_number} ${i.status}`).join(', ') || 'none'}`),
  ];
  for (const item of items) {
    const update = await runtime.run<Record<string, any>>('creates.update_invoice_message.operation.perform', {
      authData,
      inputData: { invoice_id: String(item.invoice_id), channel: slackChannel },
    });
    steps.push(
      record(
        `invoice ${item.invoice_number}`,
        'Update Invoice Message in Slack',
        update,
        (r) =>
          `${r.message_action} (${r.status_text}), ${r.replies_posted} thread repl${r.replies_posted === 1 ? 'y' : 'ies'}${r.warning ? `; ${r.warning}` : ''}`,
      ),
    );
  }
  return { steps, items };
};
