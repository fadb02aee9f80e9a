// "Create Unfinished Invoice": one accepted contract -> customer, products and an Unfinished invoice, exactly once.
import type { ZObject } from 'zapier-platform-core';
import { parseFinnishBusinessId } from '../businessId';
import { withClaim, cachedPerConnection } from '../claim';
import { click2contractFor } from '../click2contract/client';
import { itemLine } from '../click2contract/mapping';
import type { Contract, PricingItem } from '../click2contract/schemas';
import { toProcountorCountry } from '../countries';
import { todayInHelsinki } from '../dates';
import { InputError } from '../inputError';
import { normaliseProductName } from '../productMatch';
import { allSettledOrThrow } from '../settle';
import { procountorFor, type ProcountorClient } from '../procountor/client';
import { companyData } from '../procountor/companyData';
import { withConnectionRateWindow } from '../procountor/rateWindow';
import { checkedBusinessId, createCustomer, findCustomer, foreignIdentifierType, type CustomerDetails } from '../procountor/customers';
import { findInvoiceForContract } from '../procountor/invoices';
import { invoiceTotals } from '../procountor/outputs';
import { retryingStaleProducts, withCatalogue } from '../procountor/catalogue';
import type { ProductWanted } from '../procountor/products';
import type { BankAccount, InvoiceBasicInfo, InvoiceChannel, Language, Product } from '../procountor/schemas';
import { toProcountorUnit } from '../units';
import { contractProblems, TEMPLATE_TIP } from './contractChecks';
import { toInvoiceDraft, type DraftCustomer, type DraftLine } from './draft';
import { chooseChannel, paymentTermFrom, vatProblems } from './rules';

export interface InvoiceRequest {
  contractId: string;
  invoiceDate?: string;
  paymentTermDays?: number;
  bankAccountIban?: string;
  channel?: InvoiceChannel;
  language?: Language;
  notes?: string;
  defaultVatPercent?: number;
}

export interface InvoiceResult {
  contract: Contract;
  invoice: InvoiceBasicInfo & { paymentInfo?: { bankReferenceCode?: string } };
  alreadyExisted: boolean;
  customerId: number;
  customerName: string;
  customerCreated: boolean;
  productsCreated: string[];
  productsReused: string[];
  procountorRequests: number;
}

/**
 * Zapier stops a step at 30 s. A contract with many new products can need more requests than fit at
 * Procountor's rate; past this point the step stops starting requests and lets Zapier's retry continue
 * (everything made so far is found again).
 */
export const STEP_DEADLINE_MS = 22_000;

/** One Procountor connection writes one invoice at a time: this is what keeps concurrent runs under 20 requests/s. */
const CONNECTION_CLAIM = 'procountor:invoice-writer';
const CLAIM_WAIT_MS = 20_000;

/** All problems in one message, with Click2Contract's template tip when the template is what needs fixing. */
const halt = (problems: string[]) =>
  new InputError([...problems, ...(problems.some((p) => /Pricing Table|Address/.test(p)) ? [TEMPLATE_TIP] : [])].join(' '));

const productKey = (item: PricingItem) =>
  item.code?.trim() ? `code:${item.code.trim().toLowerCase()}` : `name:${normaliseProductName(item.name)}`;

const wantedProduct = (item: PricingItem, currency: Product['currency']): ProductWanted => ({
  name: item.name.trim(),
  code: item.code?.trim() || undefined,
  unit: toProcountorUnit(item.unit),
  price: item.unit_price,
  vatPercent: item.vat_percent ?? undefined,
  currency,
});

const customerDetailsOf = (contract: Contract): CustomerDetails => {
  const c = contract.customer ?? {};
  const country = toProcountorCountry(c.country ?? 'FI');
  if (!country) throw new InputError(`Contract ${contract.number ?? contract.id} has the customer country "${c.country}", which Procountor does not know. Use a two-letter code such as FI.`);
  const raw = c.business_id?.trim() || undefined;
  // A business ID under another country is foreign: passed through as written.
  const finnish = country === 'FINLAND' || (raw ? parseFinnishBusinessId(raw).kind === 'finnish' : false);
  return {
    name: c.company_name?.trim() ?? '',
    businessId: raw,
    identifierType: finnish ? undefined : foreignIdentifierType(c.country ?? undefined),
    street: c.address ?? undefined,
    postalCode: c.postal_code ?? undefined,
    city: c.city ?? undefined,
    country,
    contactName: c.contact_name ?? undefined,
    email: c.email ?? undefined,
    phone: c.phone ?? undefined,
  };
};

/** The full record of an existing customer, cached by its version so a changed customer is read again. */
const existingCustomerDetails = (z: ZObject, client: ProcountorClient, id: number, version: string | undefined) =>
  cachedPerConnection(z, `procountor:partner:${id}:${version ?? 'unversioned'}`, 24 * 3600, async () => {
    const partner = await client.getBusinessPartner(id);
    return {
      paymentTermDays: partner.paymentInfo.paymentTermDays,
      einvoiceAddress: partner.invoicingInfo?.einvoiceAddress,
      einvoiceOperator: partner.invoicingInfo?.einvoiceOperator,
      email: partner.invoicingInfo?.email,
    };
  });

const pickBankAccount = (accounts: BankAccount[], iban: string | undefined) => {
  if (!accounts.length) {
    throw new InputError('Your Procountor company has no bank account, and a sales invoice paid by bank transfer needs one. Add one in Procountor under Management → Company info.');
  }
  if (!iban) return accounts[0]!;
  const wanted = iban.replace(/\s+/g, '').toUpperCase();
  const found = accounts.find((a) => a.iban.replace(/\s+/g, '').toUpperCase() === wanted);
  if (!found) throw new InputError(`The bank account ${iban} is not one of your Procountor company's accounts. Pick one from the "Bank Account" dropdown.`);
  return found;
};

export const createInvoiceFromContract = async (
  z: ZObject,
  bundle: { authData: Record<string, string | undefined> },
  request: InvoiceRequest,
): Promise<InvoiceResult> => {
  const started = Date.now();
  const c2c = click2contractFor(z, bundle);
  const procountor = procountorFor(z, bundle);
  procountor.deadline = started + Number(process.env.STEP_DEADLINE_MS || STEP_DEADLINE_MS);

  const contract = await c2c.findContract(request.contractId);
  if (!contract) {
    throw new InputError(`Click2Contract has no contract "${request.contractId}". Map the Contract ID from the "Contract Accepted" trigger.`);
  }
  const early = contractProblems(contract, request.channel);
  if (early.length) throw halt(early);

  const invoiceDate = request.invoiceDate ?? todayInHelsinki();
  const currency = (contract.pricing_table?.currency ?? 'EUR').toUpperCase();
  if (currency !== 'EUR') {
    throw halt([`Contract ${contract.number ?? contract.id} is priced in ${currency}; this integration creates EUR invoices only. Change the Pricing Table currency to EUR, or create this invoice by hand.`]);
  }
  const details = customerDetailsOf(contract);
  checkedBusinessId(details.businessId, details.identifierType, 'Business ID field of the proposal');
  const items = contract.pricing_table!.items;
  const lineVat = items.map((item) => item.vat_percent ?? request.defaultVatPercent);

  return withClaim(
    z,
    {
      key: CONNECTION_CLAIM,
      waitMs: CLAIM_WAIT_MS,
      busyMessage: `Other invoices are being written to Procountor right now; contract ${contract.number ?? contract.id} waits its turn. Zapier will retry.`,
    },
    // The catalogue index is read and written back inside the claim: one run of the connection extends it at a time.
    () => withConnectionRateWindow(z, procountor, () => withCatalogue(z, procountor, started, async (openCatalogue) => {
      const distinct = new Map<string, PricingItem>();
      for (const item of items) if (!distinct.has(productKey(item))) distinct.set(productKey(item), item);

      // The reads every check needs run at once; nothing is created until every check has passed.
      const [existing, company, foundCustomer, catalogue] = await allSettledOrThrow([
        findInvoiceForContract(procountor, contract.id),
        companyData(z, procountor),
        findCustomer(procountor, { businessId: details.businessId, identifierType: details.identifierType, name: details.name }),
        openCatalogue(),
      ]);

      const result = (invoice: InvoiceResult['invoice'], rest: Omit<InvoiceResult, 'contract' | 'invoice' | 'procountorRequests'>) => ({
        contract,
        invoice,
        ...rest,
        procountorRequests: procountor.requestCount,
      });

      if (existing) {
        return result(existing, {
          alreadyExisted: true,
          customerId: existing.partnerId ?? foundCustomer?.id ?? 0,
          customerName: existing.counterParty?.counterPartyAddress?.name ?? details.name,
          customerCreated: false,
          productsCreated: [],
          productsReused: [],
        });
      }

      const own = foundCustomer ? await existingCustomerDetails(z, procountor, foundCustomer.id, foundCustomer.version) : undefined;
      const channel = chooseChannel(request.channel, {
        einvoiceAddress: own?.einvoiceAddress,
        einvoiceOperator: own?.einvoiceOperator,
        email: details.email ?? own?.email,
      });
      const problems = [
        ...contractProblems(contract, channel).filter((p) => !early.includes(p)),
        ...vatProblems(items.map((item, i) => ({ name: item.name, vatPercent: lineVat[i] })), company.vatRates, invoiceDate),
      ];
      if (channel === 'ELECTRONIC_INVOICE' && !(own?.einvoiceAddress && own?.einvoiceOperator)) {
        problems.push('An e-invoice needs the customer\'s e-invoice address and operator. Add them to the customer in Procountor, or choose another invoice channel.');
      }
      if (company.vatStatus === undefined) {
        problems.push('Your Procountor company lists no VAT status for sales, and Procountor requires one on every sales invoice. Check the VAT settings in Procountor (Management → Company info).');
      }
      if (problems.length) throw halt(problems);
      const bankAccount = pickBankAccount(company.bankAccounts, request.bankAccountIban);

      // Each product is found or made on its own, so a step cut short by the deadline leaves its products for the
      // retry to find instead of repeating every lookup.
      const wanted = [...distinct].map(
        ([key, item]) => [key, { ...wantedProduct(item, 'EUR'), vatPercent: item.vat_percent ?? request.defaultVatPercent }] as [string, ProductWanted],
      );
      const [customer, products] = await allSettledOrThrow([
        foundCustomer
          ? Promise.resolve({ id: foundCustomer.id, name: foundCustomer.name ?? details.name, created: false })
          : createCustomer(procountor, { ...details, language: request.language, paymentTermDays: request.paymentTermDays }).then((p) => ({
              id: p.id!,
              name: p.name,
              created: true,
            })),
        catalogue.findOrCreate(wanted),
      ]);

      const draftWith = (productByKey: Map<string, Product>) => {
      const lines: DraftLine[] = items.map((item, i) => {
        const product = productByKey.get(productKey(item))!;
        const line = itemLine(item);
        return {
          productId: product.id!,
          productName: item.name.trim(),
          productCode: item.code?.trim() || product.code || undefined,
          unit: toProcountorUnit(item.unit),
          quantity: line.quantity,
          unitPrice: line.unitPrice,
          discountPercent: line.discountPercent,
          vatPercent: lineVat[i]!,
          description: item.description ?? undefined,
        };
      });
      const draftCustomer: DraftCustomer = {
        partnerId: customer.id,
        name: details.name,
        identifier: checkedBusinessId(details.businessId, details.identifierType),
        email: details.email ?? own?.email,
        contactName: details.contactName,
        street: details.street,
        postalCode: details.postalCode,
        city: details.city,
        country: details.country ?? 'FINLAND',
        einvoiceAddress: own?.einvoiceAddress,
        einvoiceOperator: own?.einvoiceOperator,
      };
      return toInvoiceDraft(contract, draftCustomer, lines, {
        invoiceDate,
        paymentTermDays: paymentTermFrom(request.paymentTermDays, own?.paymentTermDays),
        bankAccount,
        channel,
        language: request.language ?? 'FINNISH',
        vatStatus: company.vatStatus!,
        notes: request.notes,
      });
      };
      const { created, products: used } = await retryingStaleProducts(catalogue, wanted, products, draftWith, (draft) => procountor.createInvoice(draft));
      return result(
        {
          ...created,
          id: created.id!,
          dueDate: created.paymentInfo.dueDate,
          paymentInfo: created.paymentInfo,
        } as InvoiceResult['invoice'],
        {
          alreadyExisted: false,
          customerId: customer.id,
          customerName: customer.name,
          customerCreated: customer.created,
          productsCreated: used.filter(([, , made]) => made).map(([, p]) => p.name),
          productsReused: used.filter(([, , made]) => !made).map(([, p]) => p.name),
        },
      );
    })),
  );
};

export const invoiceResultOutput = (r: InvoiceResult) => ({
  id: r.invoice.id,
  invoice_id: r.invoice.id,
  invoice_number: r.invoice.invoiceNumber ?? null,
  status: r.invoice.status ?? '',
  already_existed: r.alreadyExisted,
  date: r.invoice.date ?? '',
  due_date: r.invoice.dueDate ?? '',
  reference_number: r.invoice.paymentInfo?.bankReferenceCode ?? '',
  ...invoiceTotals(r.invoice),
  customer_id: r.customerId,
  customer_name: r.customerName,
  customer_created: r.customerCreated,
  products_created: r.productsCreated.length,
  products_created_names: r.productsCreated.join(', '),
  products_reused: r.productsReused.length,
  contract_id: r.contract.id,
  contract_number: r.contract.number ?? '',
  contract_title: r.contract.title ?? '',
  procountor_requests: r.procountorRequests,
});
