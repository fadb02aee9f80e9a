// The same work as "Create Unfinished Invoice", done the obvious way: one request after another, nothing cached,
// nothing in parallel. Only the benchmark uses it, as the baseline the app is measured against.
import { salesVatStatus } from '../lib/procountor/vat';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { click2contractFor } from '../lib/click2contract/client';
import { itemLine } from '../lib/fields/contract';
import { todayInHelsinki } from '../lib/rules/dates';
import { toInvoiceDraft } from '../lib/invoice/draft';
import { contractToOrder } from '../lib/invoice/sources/contract';
import { procountorFor } from '../lib/procountor/client';
import { checkedBusinessId, findOrCreateCustomer } from '../lib/procountor/customers';
import { findInvoiceForContract } from '../lib/procountor/invoices';
import { findOrCreateProduct } from '../lib/procountor/products';
import { toProcountorUnit } from '../lib/procountor/units';

export const naiveInvoice = async (z: ZObject, bundle: Bundle) => {
  const contract = (await click2contractFor(z, bundle).findContract(String(bundle.inputData.contract_id)))!;
  const procountor = procountorFor(z, bundle);
  const existing = await findInvoiceForContract(procountor, contract.id);
  if (existing) return { id: existing.id, requests: procountor.requestCount };
  await procountor.getDefaultVats();
  const [bankAccount] = await procountor.listBankAccounts();
  const vatStatus = salesVatStatus(await procountor.getDefaultVats());
  const c = contract.customer!;
  const details = { name: c.company_name!, businessId: c.business_id ?? undefined, street: c.address ?? undefined, postalCode: c.postal_code ?? undefined, city: c.city ?? undefined, country: 'FINLAND' as const, email: c.email ?? undefined };
  const customer = await findOrCreateCustomer(procountor, details);
  if (!customer.created) await procountor.getBusinessPartner(customer.id);
  const lines = [];
  for (const item of contract.pricing_table!.items) {
    const unit = toProcountorUnit(item.unit);
    const { product } = await findOrCreateProduct(procountor, { name: item.name, code: item.code ?? undefined, unit, price: item.unit_price, vatPercent: item.vat_percent ?? 25.5 });
    lines.push({ productId: product.id!, productName: item.name, productCode: item.code ?? undefined, unit, ...itemLine(item) });
  }
  const draft = toInvoiceDraft(
    contractToOrder(contract, {}),
    { partnerId: customer.id, name: details.name, identifier: checkedBusinessId(details.businessId), email: details.email, street: details.street, postalCode: details.postalCode, city: details.city, country: 'FINLAND' },
    lines,
    { invoiceDate: todayInHelsinki(), paymentTermDays: 14, bankAccount: bankAccount!, channel: 'EMAIL', language: 'FINNISH', vatStatus: vatStatus ?? 1 },
  );
  const invoice = await procountor.createInvoice(draft);
  return { id: invoice.id, requests: procountor.requestCount };
};
