// Sales invoices: the list, one or more by id, a new Unfinished invoice, and its approval and sending.
import { json, type SandboxRequest } from '../http';
import {
  badRequest,
  basicInvoice,
  byIds,
  errors,
  fullInvoice,
  isWholeNumber,
  oneOf,
  orderRule,
  pageOf,
  pagingError,
  queryProblems,
  versionStartDateRule,
} from './answers';
import { isIsoDate } from './published';
import { withReferenceCheckDigit } from './reference';
import { invoiceProblems } from './rules';
import { invoiceTotals, nextVersion, procountorDateTime, round2, type Json, type SandboxRoutes } from './state';

/** The published invoice statuses (Invoice.status). */
const INVOICE_STATUSES = [
  'EMPTY',
  'UNFINISHED',
  'NOT_SENT',
  'SENT',
  'RECEIVED',
  'PAID',
  'PAYMENT_DENIED',
  'VERIFIED',
  'APPROVED',
  'INVALIDATED',
  'PAYMENT_QUEUED',
  'PARTLY_PAID',
  'PAYMENT_SENT_TO_BANK',
  'MARKED_PAID',
  'STARTED',
  'INVOICED',
  'OVERRIDDEN',
  'DELETED',
  'UNSAVED',
  'PAYMENT_TRANSACTION_REMOVED',
];

/**
 * Invoice.invoiceSumInfo: "If the invoice has currency other than the one set for the environment, it returns sum for
 * both the accounting and invoice currency." The accounting sums are the invoice's divided by its currencyRate, "the
 * amount of one unit of domestic currency in foreign currency".
 */
const sumInfo = (invoice: Json, companyCurrency: string) => {
  const own = invoiceTotals(invoice);
  const currency = invoice.paymentInfo.currency;
  if (currency === companyCurrency) return [{ currency, inAccountingCurrency: true, ...own }];
  const rate = Number(invoice.paymentInfo.currencyRate) || 1;
  const inAccounting = { excludingVatTotal: round2(own.excludingVatTotal / rate), vatSumTotal: round2(own.vatSumTotal / rate) };
  return [
    { currency, inAccountingCurrency: false, ...own },
    {
      currency: companyCurrency,
      inAccountingCurrency: true,
      ...inAccounting,
      invoiceSumTotal: round2(inAccounting.excludingVatTotal + inAccounting.vatSumTotal),
    },
  ];
};

/** GET /invoices: filtered by the published query parameters, in id or version order, paged. */
const listInvoices = ({ state, options }: SandboxRoutes, req: SandboxRequest) => {
  const problems = [
    ...pagingError(req),
    ...queryProblems(req, [
      ['invoiceNumber', isWholeNumber, () => 'invoiceNumber must be a number.'],
      // `status` is one invoice status (only `types` is published as comma-separated).
      ['status', oneOf(INVOICE_STATUSES), (status) => `Unknown invoice status "${status}".`],
      versionStartDateRule('YYYY-MM-DDTHH:MM:SS'),
      orderRule('orderByVersion'),
      // dueStartDate, dueEndDate: "Start/End date of the search (invoice due date)", @format date.
      ['dueStartDate', isIsoDate, () => 'dueStartDate must be a date YYYY-MM-DD.'],
      ['dueEndDate', isIsoDate, () => 'dueEndDate must be a date YYYY-MM-DD.'],
    ]),
  ];
  if (problems.length) return badRequest(problems);
  const invoiceNumber = req.query.get('invoiceNumber');
  const versionStart = req.query.get('versionStartDate');
  const orderByVersion = req.query.get('orderByVersion');
  const versionOf = (inv: Json) => String(inv.version ?? '').slice(0, 19);
  const types = req.query.get('types')?.split(',').filter(Boolean);
  const status = req.query.get('status');
  const partnerId = req.query.get('businessPartnerId');
  // INFERRED: "invoice due date" is the due date the invoice was made with (InvoiceBasicInfo.dueDate), not a newDueDate
  // given later; both bounds inclusive.
  const dueStart = req.query.get('dueStartDate');
  const dueEnd = req.query.get('dueEndDate');
  const term = (req.query.get('searchTerm') ?? '').toLowerCase();
  const matches = state.invoices
    .filter((inv) => !types?.length || types.includes(inv.type))
    .filter((inv) => !status || inv.status === status)
    .filter((inv) => !partnerId || inv.partnerId === Number(partnerId))
    .filter((inv) => !invoiceNumber || inv.invoiceNumber === Number(invoiceNumber))
    .filter((inv) => (!dueStart || inv.paymentInfo?.dueDate >= dueStart) && (!dueEnd || inv.paymentInfo?.dueDate <= dueEnd))
    .filter((inv) => !versionStart || versionOf(inv) >= versionStart.padEnd(19, ':00').slice(0, 19))
    .filter(
      (inv) =>
        !term ||
        String(inv.counterParty?.counterPartyAddress?.name ?? '')
          .toLowerCase()
          .includes(term) ||
        String(inv.invoiceNumber).includes(term) ||
        String(inv.additionalInformation ?? '')
          .toLowerCase()
          .includes(term),
    )
    .sort((a, b) => (req.query.get('orderById') === 'ASC' ? a.id - b.id : b.id - a.id))
    .sort((a, b) => (!orderByVersion ? 0 : (orderByVersion === 'ASC' ? 1 : -1) * versionOf(a).localeCompare(versionOf(b))))
    .map((inv) => basicInvoice(inv, options.unnumberedUnfinished));
  const { results, size, page, total } = pageOf(matches, req);
  return json(200, { results, meta: { pageNumber: page, pageSize: size, resultCount: results.length, totalCount: total } });
};

/** POST /invoices: a new sales invoice, UNFINISHED, numbered, with a reference generated when asked for. */
const createInvoice = ({ state, options, company }: SandboxRoutes, req: SandboxRequest) => {
  const body = req.body as Json;
  const problems = invoiceProblems(body, company);
  if (body.type !== undefined && body.type !== 'SALES_INVOICE') {
    problems.push({ status: 400, field: 'type', message: 'The sandbox creates SALES_INVOICE invoices only.' });
  }
  if (problems.length) return badRequest(problems);
  const paymentInfo = { ...body.paymentInfo };
  if (paymentInfo.bankReferenceCode === '') {
    paymentInfo.bankReferenceCode = withReferenceCheckDigit(String(state.nextId.reference++));
    paymentInfo.bankReferenceCodeType = 'FI';
  }
  const invoice: Json = {
    ...body,
    paymentInfo,
    id: state.nextId.invoice++,
    invoiceNumber: state.nextId.invoiceNumber++,
    status: 'UNFINISHED',
    created: procountorDateTime(),
    version: procountorDateTime(),
  };
  invoice.invoiceSumInfo = sumInfo(invoice, state.companyCurrency);
  state.invoices.push(invoice);
  return json(200, fullInvoice(invoice, options.unnumberedUnfinished));
};

export const invoiceRoutes = (routes: SandboxRoutes) => {
  const { api, state, options } = routes;
  api('GET', '/invoices', (req) => listInvoices(routes, req));
  api('GET', '/invoices/:id', (req) => byIds(state.invoices, req.params.id!, 'Invoice', (inv) => fullInvoice(inv, options.unnumberedUnfinished)));
  api('POST', '/invoices', (req) => createInvoice(routes, req));

  // PUT /invoices/{id}/approve: an Unfinished sales invoice becomes Not sent, or Approved "when the invoice channel is No
  // sending" ("Sales invoice statuses in the Procountor API"); any other status is a 403 "invalid invoice status"
  // (Response 403: "Insufficient user rights or invalid invoice status").
  api('PUT', '/invoices/:id/approve', (req) => {
    const invoice = state.invoices.find((inv) => inv.id === Number(req.params.id));
    if (!invoice) return errors(404, [{ message: 'Invoice not found.' }]);
    if (invoice.status !== 'UNFINISHED') {
      return errors(403, [{ field: 'status', message: `Invalid invoice status ${invoice.status}: only an UNFINISHED invoice can be approved.` }]);
    }
    invoice.status = invoice.invoiceChannel === 'NO_SENDING' ? 'APPROVED' : 'NOT_SENT';
    invoice.version = nextVersion(invoice.version);
    return json(200, { message: 'The invoice was successfully approved.' });
  });

  // PUT /invoices/{id}/send: "Supports sales invoices. Only invoices with status as 'NOT_SENT' and 'SENT' can be send."
  api('PUT', '/invoices/:id/send', (req) => {
    const invoice = state.invoices.find((inv) => inv.id === Number(req.params.id));
    if (!invoice) return errors(404, [{ message: 'Invoice not found.' }]);
    if (invoice.type !== 'SALES_INVOICE') return errors(403, [{ field: 'type', message: 'Not supported invoice type.' }]);
    if (invoice.status !== 'NOT_SENT' && invoice.status !== 'SENT') {
      return errors(403, [{ field: 'status', message: `Invalid invoice status ${invoice.status}: only NOT_SENT or SENT invoices can be sent.` }]);
    }
    invoice.status = 'SENT';
    invoice.version = nextVersion(invoice.version);
    return json(200, { message: 'Request to send the invoice processed correctly.' });
  });
};
