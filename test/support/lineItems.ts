// A web-shop order as a Zap maps it into Create Unfinished Invoice (from Line Items): the fields the line-items tests
// start from, each test changing what it is about.

/** Line item `i`: a product with its own name and code. */
export const lineItem = (i: number, over: Record<string, unknown> = {}) => ({
  name: `Coffee blend ${i}`,
  code: `CB-${i}`,
  quantity: '2',
  unit: 'kpl',
  unit_price: '12,50',
  vat_percent: '13.5',
  ...over,
});

/** The step's input: a Finnish business customer and one line item, Unique Key `shop-1042`. */
export const lineItemsOrder = (over: Record<string, unknown> = {}) => ({
  unique_key: 'shop-1042',
  customer_name: 'Verkkokauppa Asiakas Oy',
  business_id: '0737546-2',
  street: 'Mannerheimintie 1',
  postal_code: '00100',
  city: 'Helsinki',
  email: 'laskut@asiakas.example',
  invoice_date: '2026-11-24',
  line_items: [lineItem(1)],
  ...over,
});
