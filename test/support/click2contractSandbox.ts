import { createClick2ContractSandbox, type DeliveryOptions } from '../../sandboxes/click2contract/server';

export const startClick2Contract = async (delivery?: DeliveryOptions) => {
  const sandbox = createClick2ContractSandbox(delivery);
  const server = await sandbox.start(0);
  const base = `http://127.0.0.1:${server.port}`;
  process.env.CLICK2CONTRACT_API_URL = `${base}/v1`;
  const control = async (path: string, body?: unknown) => {
    const response = await fetch(`${base}/_sandbox/${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return response.json() as Promise<any>;
  };
  return { sandbox, server, base, control, stop: () => server.close() };
};

export type Click2ContractHandle = Awaited<ReturnType<typeof startClick2Contract>>;

export const proposal = (over: Record<string, unknown> = {}) => ({
  title: 'Website renewal 2027',
  customer: {
    company_name: 'Asiakas Oy',
    business_id: '0737546-2',
    address: 'Mannerheimintie 1 A 5',
    postal_code: '00100',
    city: 'Helsinki',
    country: 'FI',
    contact_name: 'Maija Meikäläinen',
    email: 'laskut@asiakas.fi',
    phone: '+358 40 123 4567',
  },
  pricing_table: {
    currency: 'EUR',
    prices_include_vat: false,
    items: [
      { name: 'Design sprint', code: 'DS-01', description: 'Two-week sprint', quantity: 2, unit: 'week', unit_price: 4800, discount_percent: 10, vat_percent: 25.5 },
      { name: 'Hosting, 12 months', code: null, description: null, quantity: 12, unit: 'month', unit_price: 39.9, discount_percent: 0, vat_percent: 25.5 },
    ],
    total_excluding_vat: 9118.8,
  },
  ...over,
});
