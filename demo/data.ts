// Demo proposals, reproducible from a seed. The first five exercise the seed's rules one by one.

export const seededRandom = (seed: number) => {
  let state = seed >>> 0 || 1;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

/**
 * A valid Finnish business ID drawn from the generator. The check digit is worked out here, from the Finnish Tax
 * Administration's published rule (weights 7 9 10 5 8 4 2, modulo 11), not by the app: the demo feeds the app data
 * it did not make itself.
 */
export const randomBusinessId = (random: () => number) => {
  for (;;) {
    const body = String(Math.floor(random() * 9_000_000) + 1_000_000);
    const remainder = [...body].reduce((sum, digit, i) => sum + Number(digit) * [7, 9, 10, 5, 8, 4, 2][i]!, 0) % 11;
    if (remainder !== 1) return `${body}-${remainder === 0 ? 0 : 11 - remainder}`;
  }
};

const CITIES = [
  ['Helsinki', '00100'],
  ['Tampere', '33100'],
  ['Turku', '20100'],
  ['Oulu', '90100'],
  ['Espoo', '02100'],
] as const;
const COMPANIES = ['Kaamos', 'Revontuli', 'Tunturi', 'Saimaa', 'Lumi', 'Aalto', 'Karhu', 'Kuura'];
const CATALOGUE = [
  { name: 'Design sprint', code: 'DS-01', unit: 'week', unit_price: 4800, vat_percent: 25.5 },
  { name: 'Hosting, 12 months', code: null, unit: 'month', unit_price: 39.9, vat_percent: 25.5 },
  { name: 'Workshop day', code: 'WS-1', unit: 'päivä', unit_price: 1200, vat_percent: 25.5 },
  { name: 'Consulting', code: null, unit: 'h', unit_price: 125, vat_percent: 25.5 },
  { name: 'Training materials', code: 'TM-7', unit: 'kpl', unit_price: 35, vat_percent: 13.5 },
  { name: 'E-book licence', code: null, unit: 'kpl', unit_price: 19.9, vat_percent: 10 },
];

const customer = (name: string, businessId: string | null, city: readonly [string, string], email: string) => ({
  company_name: name,
  business_id: businessId,
  address: `${['Mannerheimintie', 'Hämeenkatu', 'Aurakatu', 'Kirkkokatu'][name.length % 4]} ${(name.length % 40) + 1}`,
  postal_code: city[1],
  city: city[0],
  country: 'FI',
  contact_name: 'Maija Meikäläinen',
  email,
  phone: '+358 40 123 4567',
});

const table = (items: object[], currency = 'EUR') => ({ currency, prices_include_vat: false, items });

/** A Pricing Table line as Click2Contract sends it, with no discount or description unless the caller adds one. */
const line = (name: string, code: string | null, quantity: number, unit: string, unit_price: number, vat_percent: number) => ({
  name,
  code,
  description: null as string | null,
  quantity,
  unit,
  unit_price,
  discount_percent: 0,
  vat_percent,
});

/** What Procountor already holds before the demo: a customer stored with another spelling, a similar product. */
export const demoSeed = {
  businesspartners: [
    {
      name: 'Vanha Asiakas Oy',
      // An e-invoice address: its invoices go out as e-invoices, and the demo approves and sends one.
      invoicingInfo: {
        identifier: 'FI08369224',
        identifierType: 'YHD',
        email: 'laskut@vanha.example',
        einvoiceAddress: '003708369224',
        einvoiceOperator: 'E204503',
      },
      billingAddress: { name: 'Vanha Asiakas Oy', street: 'Aleksanterinkatu 5', zip: '00100', city: 'Helsinki', country: 'FINLAND' },
      paymentInfo: { paymentMethod: 'BANK_TRANSFER', paymentTermDays: '21' },
    },
  ],
  products: [{ name: 'Design-Sprint', unit: 'WEEK', price: 4800, vat: 25.5 }],
};

export interface DemoProposal {
  scenario: string;
  proposal: Record<string, unknown>;
  /** Not set to create invoices automatically: accepted, then sent with "Send to Procountor". */
  manual?: boolean;
  /** Its invoice is approved and sent by the "Approve and Send Invoice" Zap, then paid. */
  approveAndSend?: boolean;
  /** More fields the Zap builder set in the invoice step for this Zap. */
  invoiceInput?: Record<string, unknown>;
}

const demo = (
  scenario: string,
  title: string,
  buyer: object,
  items: object[],
  more: Omit<Partial<DemoProposal>, 'scenario' | 'proposal'> & { currency?: string } = {},
): DemoProposal => {
  const { currency, ...flags } = more;
  return { scenario, ...flags, proposal: { title, customer: buyer, pricing_table: table(items, currency) } };
};

export const demoProposals = (count: number, seed: number): DemoProposal[] => {
  const random = seededRandom(seed);
  const fixed: DemoProposal[] = [
    demo(
      'new customer, product similar to an existing one, new product',
      'Website renewal 2027',
      customer('Asiakas Oy', '0737546-2', CITIES[0], 'laskut@asiakas.example'),
      [
        { ...line('Design sprint', null, 2, 'week', 4800, 25.5), description: 'Two-week sprint', discount_percent: 10 },
        line('Hosting, 12 months', null, 12, 'month', 39.9, 25.5),
      ],
    ),
    demo(
      'existing customer whose business ID is written differently (0836922-4 vs FI08369224); has an e-invoice address, so the invoice is approved, sent and paid',
      'Support retainer',
      customer('Vanha Asiakas Oy', '0836922-4', CITIES[0], 'laskut@vanha.example'),
      [line('Support retainer', 'SR-1', 3, 'kk', 250, 25.5)],
      { approveAndSend: true },
    ),
    demo(
      'contract set to manual transfer, sent with "Send to Procountor"',
      'Brand workshop',
      customer('Käsin Lähetetty Oy', '2077474-0', CITIES[1], 'talous@kasin.example'),
      [line('Workshop day', 'WS-1', 1, 'päivä', 1200, 25.5)],
      { manual: true },
    ),
    demo(
      'Swedish business paying in SEK: services at 0 % with the reverse charge, its VAT number, Swedish, the accounting rate',
      'Nordic rollout',
      { ...customer('Svensk Konsult AB', 'SE 556677889901', ['Stockholm', '111 22'], 'faktura@konsult.example'), address: 'Storgatan 1', country: 'SE' },
      [line('Rollout consulting', 'RC-1', 20, 'h', 1400, 0)],
      { currency: 'SEK' },
    ),
    demo(
      'German business buying sensor kits (goods) and their installation (services), both at 0 %: each row its own status by "Goods Product Codes" SK-*, both legal texts printed, in English',
      'Sensor kits, installed',
      { ...customer('Berliner Maschinen GmbH', 'DE 136 695 976', ['Berlin', '10115'], 'rechnung@maschinen.example'), address: 'Hauptstraße 5', country: 'DE' },
      [{ ...line('Sensor kit', 'SK-10', 40, 'kpl', 89, 0), discount_percent: 5 }, line('Installation', 'INST-1', 16, 'h', 95, 0)],
      { invoiceInput: { goods_codes: 'SK-*' } },
    ),
  ];
  const generated: DemoProposal[] = [];
  for (let i = fixed.length; i < count; i++) {
    const name = `${COMPANIES[Math.floor(random() * COMPANIES.length)]} ${['Oy', 'Ab', 'Oyj'][Math.floor(random() * 3)]}`;
    const city = CITIES[Math.floor(random() * CITIES.length)]!;
    const lines = Array.from({ length: 1 + Math.floor(random() * 4) }, () => {
      const item = CATALOGUE[Math.floor(random() * CATALOGUE.length)]!;
      return { ...item, description: null, quantity: 1 + Math.floor(random() * 10), discount_percent: random() < 0.2 ? 10 : 0 };
    });
    generated.push({
      scenario: 'generated from the seed',
      proposal: {
        title: `Project ${i + 1}`,
        customer: customer(name, randomBusinessId(random), city, `laskut${i}@example.fi`),
        pricing_table: table(lines),
      },
    });
  }
  return [...fixed, ...generated].slice(0, Math.max(count, 1));
};
