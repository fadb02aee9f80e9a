// What happens to a sales invoice after it is made, beyond approving and sending (invoices.ts): it is invalidated, or
// payments taken elsewhere are marked on it. The rules come from the endpoint texts (reference/procountor-endpoints-26.04.md)
// and Procountor's status flow ("Sales invoice statuses in the Procountor API", in the owner's use-case notes); each has a
// counter-example in test/sandboxes/procountor-invoice-life.test.ts.
import { json, type SandboxRequest } from '../http';
import { badRequest, errors } from './answers';
import { fullObject, isIsoDate, schemaOf } from './published';
import { invoiceSum, nextPaymentId, nextVersion, paidSoFar, round2, type Json, type SandboxRoutes } from './state';

/**
 * PUT /invoices/{id}/invalidate: "Sets an invoice to INVALIDATED". "A sent invoice cannot be changed or invalidated;
 * errors are corrected with a credit invoice" ("Sales invoice and order statuses"): only an invoice not yet sent
 * (Unfinished, Not sent, Approved) is invalidated. INFERRED: the refusal is a 403, as the endpoint's 403 covers
 * "invoice in closed fiscal year", and approve and send answer a wrong status with 403.
 */
const INVALIDATABLE = new Set(['UNFINISHED', 'NOT_SENT', 'APPROVED']);

/**
 * PUT /invoices/{id}/paymentevents/markpaid: "The transactions will not be able to be added if the status of the
 * invoice is UNFINISHED" (Procountor's use case "Sales invoices: Add payment transactions"). INFERRED: nor to an
 * invalidated one, which is no longer a receivable.
 */
const UNMARKABLE = new Set(['UNFINISHED', 'INVALIDATED']);

const findInvoice = ({ state }: SandboxRoutes, req: SandboxRequest) => state.invoices.find((inv) => inv.id === Number(req.params.id));

const invalidate = (routes: SandboxRoutes, req: SandboxRequest) => {
  const invoice = findInvoice(routes, req);
  if (!invoice) return errors(404, [{ message: 'Invoice not found.' }]);
  if (!INVALIDATABLE.has(invoice.status)) {
    return errors(403, [{ field: 'status', message: `Invalid invoice status ${invoice.status}: a sent invoice is corrected with a credit invoice.` }]);
  }
  invoice.status = 'INVALIDATED';
  invoice.version = nextVersion(invoice.version);
  return json(200, { message: 'The invoice was successfully invalidated.' });
};

/**
 * The body, as the use case shows it: `{"paymentDate": "2020-11-11", "amount": 120, "currency": "EUR", "description":
 * "Paid in cash", "paymentMethodType": "CASH"}`. "Currency must be the same as the invoice currency" (the endpoint: "The
 * payment is given in the invoice's currency"). INFERRED: paymentDate, amount and currency are required (the use case
 * gives no schema); paymentMethodType ("informative", it "will not affect anything") is one of PaymentEvent.type's values.
 */
const markPaidProblems = (body: Json, invoice: Json) => {
  const problems: Array<{ field: string; message: string }> = [];
  if (!isIsoDate(body.paymentDate)) problems.push({ field: 'paymentDate', message: 'paymentDate must be a date YYYY-MM-DD.' });
  if (typeof body.amount !== 'number' || !Number.isFinite(body.amount)) problems.push({ field: 'amount', message: 'amount must be a number.' });
  const currency = invoice.paymentInfo?.currency;
  if (body.currency !== currency) problems.push({ field: 'currency', message: `The payment's currency must be the invoice's (${currency}).` });
  const types = schemaOf('PaymentEvent').type?.enum ?? [];
  if (body.paymentMethodType !== undefined && !types.includes(body.paymentMethodType)) {
    problems.push({ field: 'paymentMethodType', message: `Unknown paymentMethodType "${String(body.paymentMethodType)}".` });
  }
  if (body.description !== undefined && typeof body.description !== 'string') problems.push({ field: 'description', message: 'description must be text.' });
  return problems;
};

/**
 * "If the total sum of the payment transactions on the invoice is other than the sum of the invoice, the status of the
 * invoice will be Partly paid (PARTLY_PAID). When the invoice's open sum is zero, the status of the invoice will change
 * to Marked paid (MARKED_PAID)." Answers the PaymentEvent (Response 200 `PaymentEvent`).
 */
const markPaid = (routes: SandboxRoutes, req: SandboxRequest) => {
  const { state } = routes;
  const invoice = findInvoice(routes, req);
  if (!invoice) return errors(404, [{ message: 'Invoice not found.' }]);
  if (UNMARKABLE.has(invoice.status)) {
    return errors(403, [{ field: 'status', message: `Invalid invoice status ${invoice.status}: payments cannot be added to it.` }]);
  }
  const body = (req.body ?? {}) as Json;
  const problems = markPaidProblems(body, invoice);
  if (problems.length) return badRequest(problems);
  const payment = {
    id: nextPaymentId(state),
    amount: round2(body.amount),
    paymentDate: body.paymentDate,
    type: body.paymentMethodType,
    description: body.description,
  };
  state.payments.set(invoice.id, [...(state.payments.get(invoice.id) ?? []), payment]);
  invoice.paymentDate = body.paymentDate;
  invoice.status = round2(invoiceSum(invoice) - paidSoFar(state, invoice.id)) === 0 ? 'MARKED_PAID' : 'PARTLY_PAID';
  invoice.version = nextVersion(invoice.version);
  return json(
    200,
    fullObject('PaymentEvent', {
      ...payment,
      invoiceId: invoice.id,
      type: payment.type ?? null,
      status: 'PAID',
      amount: round2(payment.amount / (Number(invoice.paymentInfo?.currencyRate) || 1)),
      currency: state.companyCurrency,
      paidAmount: payment.amount,
      paidCurrency: body.currency,
    }),
  );
};

export const invoiceLifeRoutes = (routes: SandboxRoutes) => {
  routes.api('PUT', '/invoices/:id/invalidate', (req) => invalidate(routes, req));
  routes.api('PUT', '/invoices/:id/paymentevents/markpaid', (req) => markPaid(routes, req));
};
