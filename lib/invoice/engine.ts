// The invoice engine: one neutral order -> customer, products and an Unfinished invoice, exactly once. Both invoice
// actions feed it (a Click2Contract contract, line items mapped in a Zap); it knows nothing of where an order came from
// beyond the words its messages use.
import type { ZObject } from 'zapier-platform-core';
import { withClaim, cachedPerConnection } from '../zapier/claim';
import { todayInHelsinki } from '../rules/dates';
import { InputError } from '../zapier/errors';
import { normaliseProductName } from '../rules/productMatch';
import { allSettledOrThrow } from '../zapier/settle';
import { procountorFor, type ProcountorClient } from '../procountor/client';
import { companyData, type CompanyData } from '../procountor/companyData';
import { withConnectionRateWindow } from '../procountor/rateWindow';
import { checkedBusinessId, createCustomer } from '../procountor/customers';
import { findInvoiceForOrder } from '../procountor/invoices';
import { withIndexes } from '../indexes/withIndexes';
import type { ProductWanted } from '../procountor/products';
import type { BankAccount, InvoiceBasicInfo, InvoiceChannel, ProductAnswer } from '../procountor/schemas';
import { toProcountorUnit } from '../procountor/units';
import { toInvoiceDraft, type DraftCustomer, type DraftLine } from './draft';
import type { InvoiceOrder, OrderLine } from './order';
import { fitOrderForProcountor } from './fitText';
import { retryingStaleProducts } from './staleProducts';
import { haltMessage, orderProblems } from './orderChecks';
import { chooseChannel, paymentTermFrom, vatProblems } from './rules';

export interface InvoiceResult {
  invoice: InvoiceBasicInfo & { paymentInfo?: { bankReferenceCode?: string | null } | null };
  alreadyExisted: boolean;
  customerId: number;
  customerName: string;
  customerCreated: boolean;
  productsCreated: string[];
  productsReused: string[];
  /** What was changed to fit Procountor, one sentence each (empty when nothing was). */
  adjustments: string[];
  procountorRequests: number;
}

/**
 * Zapier stops a step at 30 s. An order with many new products can need more requests than fit at
 * Procountor's rate; past this point the step stops starting requests and lets Zapier's retry continue
 * (everything made so far is found again).
 */
export const STEP_DEADLINE_MS = 22_000;

/** One Procountor connection writes one invoice at a time: this is what keeps concurrent runs under 20 requests/s. */
const CONNECTION_CLAIM = 'procountor:invoice-writer';
const CLAIM_WAIT_MS = 20_000;

export interface PreparedOrder {
  order: InvoiceOrder;
  problems: string[];
  adjustments: string[];
}

/**
 * The one place an order is checked (and, later, fitted to Procountor) before anything is written. Called twice:
 * before any request, with the channel the user chose and no company data, and after the reads, with the company's
 * VAT rates and the channel the customer's record decides; nothing is written until the second call finds no problem.
 */
export const prepareOrder = (order: InvoiceOrder, context: { channel?: InvoiceChannel; invoiceDate: string; company?: CompanyData }): PreparedOrder => {
  // Text first: the checks below judge the text Procountor will get, and every change is listed for the output.
  const fitted = fitOrderForProcountor(order);
  order = fitted.order;
  const problems = [...fitted.problems, ...orderProblems(order, context.channel)];
  if (context.company) {
    const vats = order.lines.map((line) => ({ name: line.name, vatPercent: lineVat(order, line) }));
    problems.push(...vatProblems(vats, context.company.vatRates, context.invoiceDate, order.words));
    if (context.company.vatStatus === undefined) {
      problems.push(
        'Your Procountor company lists no VAT status for sales, and Procountor requires one on every sales invoice. Check the VAT settings in Procountor (Management → Company info).',
      );
    }
  }
  return { order, problems, adjustments: fitted.adjustments };
};

const lineVat = (order: InvoiceOrder, line: OrderLine) => line.vatPercent ?? order.options.defaultVatPercent;

const productKey = (line: OrderLine) => (line.code?.trim() ? `code:${line.code.trim().toLowerCase()}` : `name:${normaliseProductName(line.name)}`);

const wantedProduct = (order: InvoiceOrder, line: OrderLine): ProductWanted => ({
  name: line.name.trim(),
  code: line.code?.trim() || undefined,
  unit: toProcountorUnit(line.unit),
  price: line.unitPrice,
  vatPercent: lineVat(order, line),
  currency: order.currency,
});

/** The full record of an existing customer, cached by its version so a changed customer is read again. */
const existingCustomerDetails = (z: ZObject, client: ProcountorClient, id: number, version: string | null | undefined) =>
  cachedPerConnection(z, `procountor:partner:${id}:${version ?? 'unversioned'}`, 24 * 3600, async () => {
    const partner = await client.getBusinessPartner(id);
    return {
      paymentTermDays: partner.paymentInfo?.paymentTermDays ?? undefined,
      einvoiceAddress: partner.invoicingInfo?.einvoiceAddress ?? undefined,
      einvoiceOperator: partner.invoicingInfo?.einvoiceOperator ?? undefined,
      email: partner.invoicingInfo?.email ?? undefined,
    };
  });

const pickBankAccount = (accounts: BankAccount[], iban: string | undefined) => {
  if (!accounts.length) {
    throw new InputError(
      'Your Procountor company has no bank account, and a sales invoice paid by bank transfer needs one. Add one in Procountor under Management → Company info.',
    );
  }
  if (!iban) return accounts[0]!;
  const wanted = iban.replace(/\s+/g, '').toUpperCase();
  const found = accounts.find((a) => a.iban.replace(/\s+/g, '').toUpperCase() === wanted);
  if (!found) throw new InputError(`The bank account ${iban} is not one of your Procountor company's accounts. Pick one from the "Bank Account" dropdown.`);
  return found;
};

export const createInvoiceFromOrder = async (
  z: ZObject,
  bundle: { authData: Record<string, string | undefined> },
  given: InvoiceOrder,
  timing: { startedAt?: number } = {},
): Promise<InvoiceResult> => {
  const procountor = procountorFor(z, bundle);
  const startedAt = timing.startedAt ?? Date.now();
  procountor.deadline = startedAt + Number(process.env.STEP_DEADLINE_MS || STEP_DEADLINE_MS);
  const invoiceDate = given.options.invoiceDate ?? todayInHelsinki();
  const early = prepareOrder(given, { channel: given.options.channel, invoiceDate });
  if (early.problems.length) throw new InputError(haltMessage(early.problems, given.words));
  // From here on the order as Procountor will store it: the marker searched for and the customer looked up are the
  // ones that will be written.
  const order = early.order;
  const { options, customer: details, words } = order;
  checkedBusinessId(details.businessId, details.identifierType, words.customerFields.businessId);

  return withClaim(
    z,
    {
      key: CONNECTION_CLAIM,
      waitMs: CLAIM_WAIT_MS,
      busyMessage: `Other invoices are being written to Procountor right now; ${words.label} waits its turn. Zapier will retry.`,
    },
    // The catalogue and customer indexes are read and written back inside the claim: one run of the connection
    // extends them at a time.
    () =>
      withConnectionRateWindow(z, procountor, () =>
        withIndexes(z, procountor, startedAt, async (open) => {
          const distinct = new Map<string, OrderLine>();
          for (const line of order.lines) if (!distinct.has(productKey(line))) distinct.set(productKey(line), line);

          // The reads every check needs run at once; nothing is created until every check has passed.
          const [existing, company, [customers, foundCustomer], catalogue] = await allSettledOrThrow([
            findInvoiceForOrder(procountor, order.idempotencyKey),
            companyData(z, procountor),
            open
              .customers()
              .then(
                async (index) =>
                  [index, await index.find({ businessId: details.businessId, identifierType: details.identifierType, name: details.name })] as const,
              ),
            open.catalogue(),
          ]);

          const result = (invoice: InvoiceResult['invoice'], rest: Omit<InvoiceResult, 'invoice' | 'procountorRequests'>) => ({
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
              adjustments: early.adjustments,
            });
          }

          const own = foundCustomer ? await existingCustomerDetails(z, procountor, foundCustomer.id, foundCustomer.version) : undefined;
          const channel = chooseChannel(options.channel, {
            einvoiceAddress: own?.einvoiceAddress,
            einvoiceOperator: own?.einvoiceOperator,
            email: details.email ?? own?.email,
          });
          const prepared = prepareOrder(order, { channel, invoiceDate, company });
          const problems = [...prepared.problems];
          if (channel === 'ELECTRONIC_INVOICE' && !(own?.einvoiceAddress && own?.einvoiceOperator)) {
            problems.push(
              "An e-invoice needs the customer's e-invoice address and operator. Add them to the customer in Procountor, or choose another invoice channel.",
            );
          }
          if (problems.length) throw new InputError(haltMessage(problems, words));
          const ready = prepared.order;
          const bankAccount = pickBankAccount(company.bankAccounts, options.bankAccountIban);

          // Each product is found or made on its own, so a step cut short by the deadline leaves its products for the
          // retry to find instead of repeating every lookup.
          const wanted = [...distinct].map(([key, line]) => [key, wantedProduct(ready, line)] as [string, ProductWanted]);
          const [customer, products] = await allSettledOrThrow([
            foundCustomer
              ? Promise.resolve({ id: foundCustomer.id, name: foundCustomer.name ?? details.name, created: false })
              : createCustomer(procountor, { ...ready.customer, language: options.language, paymentTermDays: options.paymentTermDays }).then((p) => {
                  // The customer joins the index from its POST answer: the next contract finds it with no request.
                  customers.added(p);
                  return { id: p.id, name: p.name ?? ready.customer.name, created: true };
                }),
            catalogue.findOrCreate(wanted),
          ]);

          const draftWith = (productByKey: Map<string, ProductAnswer>) => {
            const lines: DraftLine[] = ready.lines.map((line) => {
              const product = productByKey.get(productKey(line))!;
              return {
                productId: product.id!,
                productName: line.name.trim(),
                productCode: line.code?.trim() || product.code || undefined,
                unit: toProcountorUnit(line.unit),
                quantity: line.quantity,
                unitPrice: line.unitPrice,
                discountPercent: line.discountPercent,
                vatPercent: lineVat(ready, line)!,
                description: line.description,
              };
            });
            const draftCustomer: DraftCustomer = {
              ...ready.customer,
              partnerId: customer.id,
              email: ready.customer.email ?? own?.email,
              einvoiceAddress: own?.einvoiceAddress,
              einvoiceOperator: own?.einvoiceOperator,
            };
            return toInvoiceDraft(ready, draftCustomer, lines, {
              invoiceDate,
              paymentTermDays: paymentTermFrom(options.paymentTermDays, own?.paymentTermDays),
              bankAccount,
              channel,
              language: options.language ?? 'FINNISH',
              vatStatus: company.vatStatus!,
              notes: options.notes,
            });
          };
          const { created, products: used } = await retryingStaleProducts(catalogue, wanted, products, draftWith, (draft) => procountor.createInvoice(draft));
          return result(
            {
              ...created,
              id: created.id,
              dueDate: created.paymentInfo?.dueDate,
              paymentInfo: created.paymentInfo ?? undefined,
            } as InvoiceResult['invoice'],
            {
              alreadyExisted: false,
              customerId: customer.id,
              customerName: customer.name,
              customerCreated: customer.created,
              productsCreated: used.filter(([, , made]) => made).map(([, p]) => p.name),
              productsReused: used.filter(([, , made]) => !made).map(([, p]) => p.name),
              adjustments: early.adjustments,
            },
          );
        }),
      ),
  );
};
