// The invoice engine: one neutral order -> customer, products and an Unfinished invoice, exactly once. Both invoice
// actions feed it (a Click2Contract contract, line items mapped in a Zap); it knows nothing of where an order came from
// beyond the words its messages use.
import type { ZObject } from 'zapier-platform-core';
import { NeedsRecordLane } from '../indexes/syncedIndex';
import { withIndexes, type IndexOpeners, type OpenedIndexes } from '../indexes/withIndexes';
import { procountorFor, type ProcountorClient } from '../procountor/client';
import { companyData, type CompanyData } from '../procountor/companyData';
import { checkedBusinessId, createCustomer, customerRecord, type CustomerRecord } from '../procountor/customers';
import { basicInfoOf, findInvoiceForOrder } from '../procountor/invoices';
import { withWriterState, type WriterTurn } from '../procountor/writerState';
import type { InvoiceAnswer, InvoiceBasicInfo, ProductAnswer } from '../procountor/schemas';
import { vatStatusLabel } from '../procountor/vat';
import { todayInHelsinki } from '../rules/dates';
import { withClaim } from '../zapier/claim';
import { InputError, isOutcomeUnknown, messageOf, retryLater } from '../zapier/errors';
import { allSettledOrThrow } from '../zapier/settle';
import { draftLines, toInvoiceDraft, type DraftCustomer } from './draft';
import type { InvoiceOrder } from './order';
import { haltMessage } from './orderChecks';
import { prepareOrder, wantedProducts } from './prepare';
import { chooseChannel, paymentTermFrom, pickBankAccount } from './companyRules';
import { retryingStaleProducts } from './staleProducts';
import { invoiceCurrency } from './currency';
import { invoiceLanguage } from './language';
import { withCustomerRecord } from './customerDefaults';
import { vatTreatment } from './treatment';
import { clearInDoubt, invoiceOfLostWrite, markInDoubt, readInDoubtMark } from './inDoubt';
import { laneClaimKey, laneOf, RECORD_LANE } from './lanes';

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
  /** What the engine chose, and why, in words for the task history: never a silent guess. */
  chosen: {
    vatTreatment: string;
    /** What the VAT rules leave in doubt (`vat_warning`); empty when nothing does. */
    vatWarning: string;
    vatStatus: number | null;
    language: string;
    languageReason: string;
    currencyRate: number | null;
    currencyRateNote: string;
  };
  procountorRequests: number;
}

/** How long a step waits for its lane, or for the record lane, before Zapier retries it. */
const CLAIM_WAIT_MS = 20_000;
/**
 * How long a lane-1 step that must make something waits for the record lane before Zapier retries it: a burst's
 * record lane has many steps waiting, and a long wait would stop the lane-1 orders behind this one too.
 */
const HANDOVER_WAIT_MS = 3_000;
/** How long a reader waits for the record lane only to write back what it read (the next step reads it again otherwise). */
const SAVE_WAIT_MS = 1_000;

/** What one step works with: the connection's client, the order as Procountor will store it, and the invoice date. */
interface Step {
  z: ZObject;
  procountor: ProcountorClient;
  order: InvoiceOrder;
  invoiceDate: string;
  /** What was changed to fit Procountor before any request. */
  adjustments: string[];
}

/**
 * 1. Take a turn in one of the company's invoice lanes (lib/invoice/lanes.ts): the order's own lane, and the record
 * lane too when something must be made. Requests are taken from the API client's budget that every company shares
 * (lib/zapier/requestBudget.ts); a company asks it with at most one step per lane.
 */
const takeLane = <T>(step: Step, lane: number, work: () => Promise<T>, { waitMs = CLAIM_WAIT_MS, requests = true } = {}) =>
  withClaim(
    step.z,
    {
      key: laneClaimKey(lane),
      of: 'company',
      waitMs,
      busyMessage: `Other invoices are being written to Procountor right now; ${step.order.words.label} waits its turn. Zapier will retry.`,
    },
    () => {
      // Procountor's shared budget is asked beside the step's first reads, not after them, for one ticket: the duplicate
      // check and the invoice, all a step needs while its indexes are trusted (a second ticket for their reads costs the
      // other companies its two requests whenever they are not needed).
      if (requests) step.procountor.budget.reserve(1);
      return work();
    },
  );

/** 2a. What the order needs read once: its lane's lost writes, an invoice made for it already, the company's data. */
const readOrder = async ({ z, procountor, order }: Step, reading: Promise<WriterTurn>) => {
  const [turn, found, company] = await allSettledOrThrow([reading, findInvoiceForOrder(procountor, order.idempotencyKey), companyData(z, procountor)]);
  const inDoubt = readInDoubtMark(turn, order.idempotencyKey);
  // A write of this order whose answer was lost: its invoice may exist and not be searchable yet, or still be coming.
  const existing = found ?? (inDoubt && (await invoiceOfLostWrite(z, procountor, order.idempotencyKey, inDoubt, order.words.label)));
  return { turn, existing, inDoubt, company };
};
type OrderReads = Awaited<ReturnType<typeof readOrder>>;

/** 2b. The records the order needs, as the indexes find them: the customer with its own record, and the catalogue. */
const readRecords = async ({ z, procountor, order }: Step, open: IndexOpeners) => {
  const { customer } = order;
  const [[customers, foundCustomer, partnerRecord], catalogue] = await allSettledOrThrow([
    // The matched customer's own record (channel, language, country) is read as soon as the index names it, beside the
    // duplicate check rather than after it: one round trip less inside the lane's turn.
    open.customers().then(async (index) => {
      const match = await index.find({ businessId: customer.businessId, identifierType: customer.identifierType, name: customer.name });
      const record: CustomerRecord | undefined = match ? await customerRecord(z, procountor, match.id, match.version) : undefined;
      return [index, match, record] as const;
    }),
    open.catalogue(),
  ]);
  return { customers, foundCustomer, partnerRecord, catalogue };
};
type RecordReads = Awaited<ReturnType<typeof readRecords>>;
type Reads = OrderReads & RecordReads;

/**
 * 3. Decide: the channel (the customer's own record may decide it), the checks with the company's VAT rates, the bank
 * account and the products the lines need. Halts with every problem at once.
 */
const decide = async (step: Step, { company, partnerRecord }: Reads) => {
  const { procountor, order, invoiceDate } = step;
  const { options, customer } = order;
  const channel = chooseChannel(options.channel, {
    einvoiceAddress: partnerRecord?.einvoiceAddress,
    einvoiceOperator: partnerRecord?.einvoiceOperator,
    email: customer.email ?? partnerRecord?.email,
  });
  const prepared = prepareOrder(order, { channel, invoiceDate, company });
  const problems = [...prepared.problems];
  if (channel === 'ELECTRONIC_INVOICE' && !(partnerRecord?.einvoiceAddress && partnerRecord?.einvoiceOperator)) {
    problems.push(
      "An e-invoice needs the customer's e-invoice address and operator. Add them to the customer in Procountor, or choose another invoice channel.",
    );
  }
  const { order: ready, sentence: fromRecord } = withCustomerRecord(prepared.order, partnerRecord);
  const vat = vatTreatment(ready, company.vatStatuses);
  problems.push(...vat.problems);
  // A foreign currency costs one request for its rate: before anything is made, so a missing rate halts cleanly.
  const money = await invoiceCurrency(procountor, ready, company, invoiceDate);
  if (money.problem) problems.push(money.problem);
  if (problems.length || !vat.treatment || !money.value) throw new InputError(haltMessage(problems, order.words));
  // Each product is found or made on its own, so a step cut short by the deadline leaves its products for the retry to
  // find instead of repeating every lookup.
  return {
    ready,
    partnerRecord,
    channel,
    bankAccount: pickBankAccount(company.bankAccounts, options.bankAccountIban),
    wanted: wantedProducts(ready, money.value.currency),
    treatment: { ...vat.treatment, sentence: [vat.treatment.sentence, fromRecord].filter(Boolean).join(' ') },
    currency: money.value,
    language: invoiceLanguage(ready),
  };
};
type Plan = Awaited<ReturnType<typeof decide>>;

/** 4. Make what is missing: the customer (only when none has its business ID) and the products (only when none is similar). */
const makeWhatIsMissing = async ({ procountor, order }: Step, { foundCustomer, customers, catalogue }: Reads, plan: Plan) => {
  const { ready, wanted } = plan;
  const { options } = order;
  const { language } = plan;
  const [customer, products] = await allSettledOrThrow([
    foundCustomer
      ? Promise.resolve({ id: foundCustomer.id, name: foundCustomer.name ?? order.customer.name, created: false })
      : // The customer joins the index from its POST answer: the next contract finds it with no request.
        customers
          .create(() => createCustomer(procountor, { ...ready.customer, language: language.code, paymentTermDays: options.paymentTermDays }))
          .then((p) => ({ id: p.id, name: p.name ?? ready.customer.name, created: true })),
    catalogue.findOrCreate(wanted),
  ]);
  return { customer, products };
};
type Made = Awaited<ReturnType<typeof makeWhatIsMissing>>;

/** 5. Write: the invoice, built from the order, the customer and its products (sent again if a product proved stale). */
const write = async ({ z, procountor, invoiceDate }: Step, turn: WriterTurn, { catalogue }: Reads, plan: Plan, made: Made) => {
  const { ready, partnerRecord, channel, bankAccount, wanted, treatment, currency, language } = plan;
  const { options } = ready;
  const draftWith = (productByKey: Map<string, ProductAnswer>) => {
    const lines = draftLines(ready, productByKey, treatment.rowStatuses);
    const customer: DraftCustomer = {
      ...ready.customer,
      partnerId: made.customer.id,
      email: ready.customer.email ?? partnerRecord?.email,
      einvoiceAddress: partnerRecord?.einvoiceAddress,
      einvoiceOperator: partnerRecord?.einvoiceOperator,
    };
    return toInvoiceDraft(ready, customer, lines, {
      invoiceDate,
      paymentTermDays: paymentTermFrom(options.paymentTermDays, partnerRecord?.paymentTermDays),
      bankAccount,
      channel,
      language: language.code,
      treatment,
      currency,
      notes: options.notes,
    });
  };
  const post = async (draft: Parameters<ProcountorClient['createInvoice']>[0]) => {
    const sentAt = Date.now();
    try {
      return await procountor.createInvoice(draft);
    } catch (error) {
      throw isOutcomeUnknown(error) ? markInDoubt(z, turn, ready.idempotencyKey, sentAt, error) : error;
    }
  };
  return retryingStaleProducts(catalogue, wanted, made.products, draftWith, post);
};

/** What an invoice made by an earlier run was made with, from Procountor's own record of it. */
const chosenOnInvoice = (invoice: InvoiceAnswer, company: CompanyData): InvoiceResult['chosen'] => {
  const status = company.vatStatuses.find((s) => s.id === invoice.vatStatus);
  return {
    vatTreatment:
      typeof invoice.vatStatus === 'number' ? `VAT status ${status ? vatStatusLabel(status) : invoice.vatStatus}, as on the invoice an earlier run made.` : '',
    vatWarning: '',
    vatStatus: invoice.vatStatus ?? null,
    language: invoice.language ?? '',
    languageReason: 'as on the invoice an earlier run made',
    currencyRate: invoice.paymentInfo?.currencyRate ?? null,
    currencyRateNote: '',
  };
};

const answer = (step: Step, invoice: InvoiceResult['invoice'], rest: Omit<InvoiceResult, 'invoice' | 'procountorRequests' | 'adjustments'>): InvoiceResult => ({
  invoice,
  ...rest,
  adjustments: step.adjustments,
  procountorRequests: step.procountor.requestCount,
});

/** The invoice an earlier run made, answered as it is: it says what it was made with. */
const answerExisting = (step: Step, existing: InvoiceAnswer, company: CompanyData, foundCustomer?: { id: number }) =>
  answer(step, basicInfoOf(existing), {
    chosen: chosenOnInvoice(existing, company),
    alreadyExisted: true,
    customerId: existing.partnerId ?? foundCustomer?.id ?? 0,
    customerName: existing.counterParty?.counterPartyAddress?.name ?? step.order.customer.name,
    customerCreated: false,
    productsCreated: [],
    productsReused: [],
  });

/**
 * 2-5 with the order's reads (made once per step) and the records as this attempt's indexes find them. A `reader`
 * (outside the record lane) ends in NeedsRecordLane where it would make anything.
 */
const finish = async (step: Step, ordering: Promise<OrderReads>, recording: Promise<RecordReads>, reader: boolean) => {
  const { z, order } = step;
  const [orderRead, recordsRead] = await Promise.allSettled([ordering, recording]);
  if (orderRead.status === 'rejected') throw orderRead.reason;
  const { turn, existing, inDoubt, company } = orderRead.value;
  if (inDoubt) clearInDoubt(turn, order.idempotencyKey);
  if (existing) return answerExisting(step, existing, company, recordsRead.status === 'fulfilled' ? recordsRead.value.foundCustomer : undefined);
  if (recordsRead.status === 'rejected') throw recordsRead.reason;
  const reads: Reads = { ...orderRead.value, ...recordsRead.value };
  if (reader && !reads.foundCustomer) throw new NeedsRecordLane('make the customer');
  const plan = await decide(step, reads);
  // A customer or product whose answer was lost is found again before it is made again (the indexes look it up), so
  // it does not hold the lane the way an invoice in doubt does.
  const made = await makeWhatIsMissing(step, reads, plan).catch((error: unknown) => {
    throw isOutcomeUnknown(error) ? retryLater(z, messageOf(error)) : error;
  });
  const { created, products } = await write(step, turn, reads, plan, made);
  return answer(
    step,
    { ...created, id: created.id, dueDate: created.paymentInfo?.dueDate, paymentInfo: created.paymentInfo ?? undefined } as InvoiceResult['invoice'],
    {
      chosen: {
        vatTreatment: plan.treatment.sentence,
        vatWarning: plan.treatment.warning ?? '',
        vatStatus: plan.treatment.vatStatus,
        language: plan.language.code,
        languageReason: plan.language.reason,
        currencyRate: plan.currency.rate,
        currencyRateNote: plan.currency.rateNote,
      },
      alreadyExisted: false,
      customerId: made.customer.id,
      customerName: made.customer.name,
      customerCreated: made.customer.created,
      productsCreated: products.filter(([, , wasMade]) => wasMade).map(([, p]) => p.name),
      productsReused: products.filter(([, , wasMade]) => !wasMade).map(([, p]) => p.name),
    },
  );
};

export const createInvoiceFromOrder = async (
  z: ZObject,
  bundle: { authData: Record<string, string | undefined> },
  given: InvoiceOrder,
  timing: { startedAt?: number } = {},
): Promise<InvoiceResult> => {
  const startedAt = timing.startedAt ?? Date.now();
  // Past the step's deadline no request starts and Zapier's retry continues (everything made so far is found again).
  const procountor = procountorFor(z, bundle, { startedAt });
  const invoiceDate = given.options.invoiceDate ?? todayInHelsinki();
  const early = prepareOrder(given, { channel: given.options.channel, invoiceDate });
  if (early.problems.length) throw new InputError(haltMessage(early.problems, given.words));
  // From here on the order as Procountor will store it: the marker searched for and the customer looked up are the ones
  // that will be written.
  const { order, adjustments } = early;
  checkedBusinessId(order.customer.businessId, order.customer.identifierType, order.words.customerFields.businessId);
  const step: Step = { z, procountor, order, invoiceDate, adjustments };
  const lane = laneOf(order.idempotencyKey);

  return takeLane(step, lane, () =>
    withWriterState(z, lane, async (reading) => {
      // Read once per step, also when the step moves on to the record lane: the order's own lane stays held, so no
      // other run of the order can have written it meanwhile.
      const ordering = readOrder(step, reading);
      ordering.catch(() => undefined);
      const attempt = (options: Parameters<typeof withIndexes>[4]) =>
        withIndexes(z, procountor, startedAt, (open) => finish(step, ordering, readRecords(step, open), open.reader), options);
      if (lane === RECORD_LANE) return attempt({});
      const opened: OpenedIndexes = {};
      // A reader's reads of Procountor are written back in the record lane, if it is free within a moment.
      const inRecordLane = (save: () => Promise<void>) => takeLane(step, RECORD_LANE, save, { waitMs: SAVE_WAIT_MS, requests: false });
      try {
        return await attempt({ reader: true, opened, inRecordLane });
      } catch (error) {
        if (!(error instanceof NeedsRecordLane)) throw error;
        // Something must be made (or the indexes loaded): the record lane's turn too, taking over what was read.
        // A short wait: while this step waits it holds its own lane, which the company's other orders in it need.
        return takeLane(step, RECORD_LANE, () => attempt({ after: opened }), { waitMs: HANDOVER_WAIT_MS });
      }
    }),
  );
};
