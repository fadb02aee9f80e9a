import { SAMPLE_CONTRACT } from '../../lib/fields/contract';
import { sandboxControl } from './sandboxControl';
import { createClick2ContractSandbox, type DeliveryOptions } from '../../sandboxes/click2contract/server';

export const startClick2Contract = async (delivery?: DeliveryOptions) => {
  const sandbox = createClick2ContractSandbox(delivery);
  const server = await sandbox.start(0);
  const base = `http://127.0.0.1:${server.port}`;
  process.env.CLICK2CONTRACT_API_URL = `${base}/v1`;
  const control = sandboxControl(base);
  return { sandbox, server, base, control, stop: () => server.close() };
};

export type Click2ContractHandle = Awaited<ReturnType<typeof startClick2Contract>>;

/** A proposal body for the sandbox: the reference contract's customer and Pricing Table, overridable. */
export const proposal = (over: Record<string, unknown> = {}) => ({
  title: SAMPLE_CONTRACT.title,
  customer: SAMPLE_CONTRACT.customer,
  pricing_table: SAMPLE_CONTRACT.pricing_table,
  ...over,
});
