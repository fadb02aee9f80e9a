import { connectedAuthData, startProcountor, type ProcountorHandle } from '../support/procountorSandbox';
import { App, appTester, zapierError } from '../support/app';

let p: ProcountorHandle;
let authData: Record<string, string>;
beforeAll(async () => {
  p = await startProcountor();
});
afterAll(() => p.stop());
beforeEach(async () => {
  await p.control('reset', {});
  authData = await connectedAuthData(p.base);
});

const run = (kind: 'searches' | 'creates' | 'triggers', key: string, inputData: Record<string, unknown>, meta?: object) =>
  appTester((App as any)[kind][key].operation.perform, { authData, inputData, meta } as any) as Promise<any>;

const requestsDuring = async (work: () => Promise<unknown>) => {
  await p.control('stats/reset', {});
  await work();
  return (await p.control('stats')).requests as number;
};

describe('find_customer', () => {
  it.each(['0737546-2', '07375462', 'FI07375462', ' 0737546 - 2 ', 'fi0737546-2'])(
    'finds the customer stored as FI07375462 when searched as %j',
    async (spelling) => {
      await p.control('seed', { businesspartners: [{ name: 'Asiakas Oy', invoicingInfo: { identifier: 'FI07375462' } }] });
      const found = await run('searches', 'find_customer', { business_id: spelling });
      expect(found).toHaveLength(1);
      expect(found[0]).toEqual(expect.objectContaining({ name: 'Asiakas Oy', business_id: 'FI07375462' }));
    },
  );

  it('finds a customer stored in the usual spelling with one request', async () => {
    await p.control('seed', { businesspartners: [{ name: 'Asiakas Oy', invoicingInfo: { identifier: '0737546-2' } }] });
    let found: any[] = [];
    const requests = await requestsDuring(async () => {
      found = await run('searches', 'find_customer', { business_id: '07375462' });
    });
    expect(found[0].name).toBe('Asiakas Oy');
    expect(requests).toBe(1);
  });

  it('does not mistake another company or a supplier for the customer', async () => {
    await p.control('seed', {
      businesspartners: [
        { name: 'Toinen Oy', invoicingInfo: { identifier: '0836922-4' } },
        { name: 'Toimittaja Oy', type: 'SUPPLIER', invoicingInfo: { identifier: '0737546-2' } },
      ],
    });
    expect(await run('searches', 'find_customer', { business_id: '0737546-2' })).toEqual([]);
  });

  it('finds by exact name, ignoring case and spacing, only when no business ID is given', async () => {
    await p.control('seed', { businesspartners: [{ name: 'Asiakas Oy' }, { name: 'Asiakas Oy Ab' }] });
    const found = await run('searches', 'find_customer', { name: '  asiakas   OY ' });
    expect(found.map((c: any) => c.name)).toEqual(['Asiakas Oy']);
  });

  it('says clearly that an invalid business ID is not valid instead of finding nothing', async () => {
    const error = await zapierError(run('searches', 'find_customer', { business_id: '2077474-1' }));
    expect(error.message).toContain('"2077474-1" is not a valid Finnish business ID');
    expect(error.message).toContain('check digit');
  });
});

describe('create_customer', () => {
  it('creates the customer with the fields Procountor needs', async () => {
    const created = await run('creates', 'create_customer', {
      name: 'Uusi Asiakas Oy',
      business_id: 'FI08369224',
      street: 'Aleksanterinkatu 5',
      postal_code: '00100',
      city: 'Helsinki',
      email: 'laskut@uusi.fi',
      contact_name: 'Matti Meikäläinen',
      payment_term_days: '21',
    });
    expect(created).toEqual(expect.objectContaining({ id: expect.any(Number), business_id: '0836922-4', city: 'Helsinki', country: 'FINLAND' }));
    const [stored] = (await p.control('state')).businesspartners;
    expect(stored.invoicingInfo).toEqual(
      expect.objectContaining({ identifier: '0836922-4', identifierType: 'YHD', email: 'laskut@uusi.fi', invoiceChannel: 'EMAIL', language: 'FINNISH' }),
    );
    expect(stored.paymentInfo).toEqual(expect.objectContaining({ paymentMethod: 'BANK_TRANSFER', paymentTermDays: '21' }));
    expect(stored.contactPersons[0].name).toBe('Matti Meikäläinen');
  });

  it('passes a foreign identifier through untouched', async () => {
    await run('creates', 'create_customer', { name: 'Svensk AB', business_id: 'SE556036079301', identifier_type: 'SE', country: 'SE' });
    const [stored] = (await p.control('state')).businesspartners;
    expect(stored.invoicingInfo).toEqual(expect.objectContaining({ identifier: 'SE556036079301', identifierType: 'SE' }));
    expect(stored.address.country).toBe('SWEDEN');
  });

  it('recognises an EU VAT number left with the default identifier type, and chooses the language by the country', async () => {
    await run('creates', 'create_customer', { name: 'Berliner GmbH', business_id: 'DE 136 695 976', identifier_type: 'YHD' });
    const [stored] = (await p.control('state')).businesspartners;
    expect(stored.invoicingInfo).toEqual(expect.objectContaining({ identifier: 'DE136695976', identifierType: 'DE', language: 'ENGLISH' }));
    expect(stored.address.country).toBe('GERMANY');
  });

  it.each([
    [{ name: 'X Oy', business_id: '1234567-8' }, 'is not a valid Finnish business ID'],
    [{ name: 'X Oy', country: 'Atlantis' }, 'is not a country Procountor knows'],
    [{ name: 'X Oy', payment_term_days: 'soon' }, 'Payment Term (days) must be a number'],
    [{ name: 'X Oy', language: 'Klingon' }, 'is not an invoicing language'],
    [{ name: 'x'.repeat(120) }, "longer than Procountor's 80 characters"],
  ])('rejects %j with a message naming what to fix', async (input, message) => {
    const error = await zapierError(run('creates', 'create_customer', input));
    expect(error.message).toContain(message);
    expect((await p.control('state')).businesspartners).toHaveLength(0);
  });
});

describe('find_product and create_product', () => {
  beforeEach(() =>
    p.control('seed', {
      products: [
        { name: 'Design Sprint', code: 'DS-01', unit: 'WEEK', price: 4800, vat: 25.5 },
        { name: 'Hosting, 12 months', unit: 'MONTH', price: 39.9 },
        { name: 'Old thing', active: false },
      ],
    }),
  );

  it('finds by code, exactly and ignoring case', async () => {
    const [found] = await run('searches', 'find_product', { code: 'ds-01' });
    expect(found).toEqual(expect.objectContaining({ name: 'Design Sprint', matched_by: 'code', similarity: 1 }));
    expect(await run('searches', 'find_product', { code: 'DS-0' })).toEqual([]);
  });

  it.each(['Design Sprint', 'design sprint ', 'Design-sprint', 'DESIGN  SPRINTS'])('reuses the product for the similar name %j', async (name) => {
    const [found] = await run('searches', 'find_product', { name });
    expect(found).toEqual(expect.objectContaining({ name: 'Design Sprint', matched_by: 'name' }));
  });

  it('does not reuse a clearly different product, nor an inactive one', async () => {
    expect(await run('searches', 'find_product', { name: 'Design review' })).toEqual([]);
    expect(await run('searches', 'find_product', { name: 'Old thing' })).toEqual([]);
  });

  it('creates a product with the unit mapped from free text, when nothing matches', async () => {
    const created = await run('creates', 'create_product', { name: 'Brand workshop', code: 'BW-1', unit: 'päivä', price: '1 200,50', vat_percent: '25.5' });
    expect(created).toEqual(expect.objectContaining({ name: 'Brand workshop', unit: 'DAY', price: 1200.5, vat_percent: 25.5 }));
  });

  it.each([
    [{ name: 'X', price: 'free' }, 'Price must be a number'],
    [{ name: 'X', vat_percent: '23' }, 'field "vat"'],
    [{ name: 'X', currency: 'XYZ' }, 'is not a currency code'],
    [{ code: 'X' }, 'Name'],
  ])('rejects %j clearly', async (input, message) => {
    const error = await zapierError(run('creates', 'create_product', input));
    expect(error.message).toContain(message);
  });

  it('lists products for the dropdown', async () => {
    const list = await run('triggers', 'product_list', {});
    expect(list.map((x: any) => x.label)).toEqual(['Design Sprint (DS-01)', 'Hosting, 12 months']);
  });
});

describe('find_product in a 5,000-product catalogue', () => {
  it('narrows with Procountor filters and reads only the pages it needs', async () => {
    await p.control('reset', {});
    const products = Array.from({ length: 5000 }, (_, i) => ({ name: `Catalogue item ${i}`, code: `CAT-${i}`, price: i }));
    products[4321] = { name: 'Design Sprint', code: 'DS-01', price: 4800 };
    await p.control('seed', { products });
    const counts: Record<string, number> = {};
    counts.byCode = await requestsDuring(() => run('searches', 'find_product', { code: 'ds-01' }));
    counts.bySimilarName = await requestsDuring(() => run('searches', 'find_product', { name: 'design-sprint' }));
    counts.missingCodeThenName = await requestsDuring(() => run('searches', 'find_product', { code: 'NOPE', name: 'Design sprint' }));
    counts.newProduct = await requestsDuring(() => run('searches', 'find_product', { name: 'Brand new workshop' }));
    counts.commonWord = await requestsDuring(() => run('searches', 'find_product', { name: 'Catalogue item 4999' }));
    console.log(`Procountor requests per product lookup, 5,000 products: ${JSON.stringify(counts)}`);
    // The whole name first, then its two longest words: an exact name costs 1, a spelling variant 2, a new product 3.
    expect(counts).toEqual({ byCode: 1, bySimilarName: 2, missingCodeThenName: 2, newProduct: 3, commonWord: 1 });
  });
});

describe('find_invoice', () => {
  it('finds the invoice carrying the contract marker, and by invoice number', async () => {
    const invoice = (marker: string) => ({
      type: 'SALES_INVOICE',
      date: '2026-11-24',
      discountPercent: 0,
      invoiceChannel: 'EMAIL',
      additionalInformation: marker,
      language: 'FINNISH',
      vatStatus: 1,
      counterParty: { counterPartyAddress: { name: 'Asiakas Oy' } },
      paymentInfo: {
        paymentMethod: 'BANK_TRANSFER',
        currency: 'EUR',
        dueDate: '2026-12-08',
        currencyRate: 1,
        bankAccount: { accountNumber: 'FI4250001510000023' },
      },
      extraInfo: { accountingByRow: false, unitPricesIncludeVat: false },
      invoiceRows: [{ product: 'X', quantity: 1, unit: 'PIECE', unitPrice: 10, discountPercent: 0, vatPercent: 25.5 }],
    });
    for (const marker of ['Contract C-1 [C2C:ctr_10]', 'Contract C-2 [C2C:ctr_1]']) {
      await fetch(`${p.api}/invoices`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${authData.access_token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(invoice(marker)),
      });
    }
    const [byContract] = await run('searches', 'find_invoice', { contract_id: 'ctr_1' });
    expect(byContract).toEqual(expect.objectContaining({ invoice_number: 1002, status: 'UNFINISHED', contract_id: 'ctr_1', total: 12.55 }));
    const [byNumber] = await run('searches', 'find_invoice', { invoice_number: 1001 });
    expect(byNumber.id).toBe(9001);
    expect(await run('searches', 'find_invoice', { contract_id: 'ctr_2' })).toEqual([]);
  });
});
