// GET /invoices/{id}/paymentevents: "The payment events of an invoice", answered as a PaymentEventSearchResult whose
// results are PaymentEvents (reference/procountor-endpoints-26.04.md), every field of the published schema present.
// The events are the payments `POST /_sandbox/invoices/{id}/paid` recorded (received by reference payment) and those
// `PUT .../paymentevents/markpaid` added (invoiceLife.ts): in the invoice's currency (`paidAmount`), and in the
// company's currency (`amount`, "in accounting currency") converted with the invoice's `currencyRate`, "the amount of
// one unit of domestic currency in foreign currency" (PaymentInfo).
import { json } from '../http';
import { errors } from './answers';
import { fullObject } from './published';
import { round2, type SandboxRoutes } from './state';

export const paymentEventRoutes = ({ api, state }: SandboxRoutes) => {
  api('GET', '/invoices/:id/paymentevents', (req) => {
    const invoice = state.invoices.find((inv) => inv.id === Number(req.params.id));
    if (!invoice) return errors(404, [{ message: 'Invoice not found.' }]);
    const paidCurrency = invoice.paymentInfo?.currency ?? state.fixed.company.companyCurrency;
    const rate = Number(invoice.paymentInfo?.currencyRate) || 1;
    const results = (state.payments.get(invoice.id) ?? []).map((payment) =>
      fullObject('PaymentEvent', {
        id: payment.id,
        invoiceId: invoice.id,
        type: payment.type ?? 'REFERENCEPAYMENT',
        paymentDate: payment.paymentDate,
        status: 'PAID',
        description: payment.description,
        amount: round2(payment.amount / rate),
        currency: state.fixed.company.companyCurrency,
        paidAmount: payment.amount,
        paidCurrency,
      }),
    );
    return json(200, { results, meta: { pageNumber: 0, pageSize: results.length, resultCount: results.length, totalCount: results.length } });
  });
};
