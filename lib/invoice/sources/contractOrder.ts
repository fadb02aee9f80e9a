// An accepted Click2Contract contract -> the invoice engine's neutral order. The checks only a contract needs (signed,
// has a Pricing Table) live here; every line and customer check is the engine's, in the proposal's words.
// The wording follows Click2Contract's own "Tips for getting started".
import type { ZObject } from 'zapier-platform-core';
import { InputError } from '../../zapier/errors';
import type { InvoiceOrder, OrderOptions, OrderVocabulary } from '../order';
import { orderProblems } from '../orderChecks';
import { identifierTypeFor } from '../../procountor/customers';
import { customerCountry } from './customerFields';
import { contractOrderKey } from '../../procountor/invoices';
import type { InvoiceChannel } from '../../procountor/schemas';
import { click2contractFor } from '../../click2contract/client';
import type { Contract } from '../../click2contract/schemas';

const TEMPLATE_TIP =
  "The integration only works with proposals that include the Pricing Table element, and the customer's address " +
  'separated into Address, Postal code and City fields.';

export const contractWords = (contract: Contract): OrderVocabulary => ({
  label: `Contract ${contract.number ?? contract.id}`,
  lineNoun: 'Pricing Table line',
  fixLinesWhere: 'in the Pricing Table',
  fixCustomerWhere: 'in the proposal',
  lineFields: {
    name: 'name',
    code: 'product code',
    quantity: 'quantity',
    unit: 'unit',
    unitPrice: 'price',
    discountPercent: 'discount',
    vatPercent: 'VAT %',
    // A Pricing Table line cannot say what it sells: the step's goods rules do.
    kind: '"Goods Product Codes" or "Goods Units" of this step',
  },
  customerFields: {
    name: 'company name',
    businessId: 'Business ID',
    street: 'Address',
    postalCode: 'Postal code',
    city: 'City',
    email: 'e-mail',
    contactName: 'contact person',
  },
  currencyField: 'the Pricing Table currency',
  templateTip: TEMPLATE_TIP,
});

/** What only a contract can get wrong, before its lines and customer are looked at. */
const contractOnlyProblems = (contract: Contract): string[] => {
  const problems: string[] = [];
  const name = contractWords(contract).label;
  if (contract.status !== 'accepted') {
    problems.push(`${name} is "${contract.status}", not accepted. Only accepted (signed) contracts become invoices.`);
  }
  const table = contract.pricing_table;
  if (!table) {
    problems.push(`${name} has no Pricing Table, so there are no invoice lines. Add a Pricing Table to the proposal template.`);
  } else if (!table.items.length) {
    problems.push(`${name} has an empty Pricing Table. Add at least one line to the Pricing Table.`);
  }
  return problems;
};

const heading = (contract: Contract) => {
  const title = contract.title?.trim();
  const number = contract.number ? `Contract ${contract.number}` : 'Contract';
  return title ? `${number}: ${title}` : number;
};

/** The order for a contract (pure); throws when the customer's country is one Procountor does not know. */
export const contractToOrder = (contract: Contract, options: OrderOptions): InvoiceOrder => {
  const words = contractWords(contract);
  const c = contract.customer ?? {};
  const raw = c.business_id?.trim() || undefined;
  const { written, country, countryGiven } = customerCountry(c.country ?? undefined, raw);
  if (!country)
    throw new InputError(`${words.label} has the customer country "${c.country}", which Procountor does not know. Use a two-letter code such as FI.`);
  return {
    idempotencyKey: contractOrderKey(contract.id),
    heading: heading(contract),
    agreementNumber: contract.number ?? undefined,
    customer: {
      name: c.company_name?.trim() ?? '',
      businessId: raw,
      identifierType: identifierTypeFor(written, country, raw),
      street: c.address ?? undefined,
      postalCode: c.postal_code ?? undefined,
      city: c.city ?? undefined,
      country,
      countryGiven,
      contactName: c.contact_name ?? undefined,
      email: c.email ?? undefined,
      phone: c.phone ?? undefined,
    },
    lines: (contract.pricing_table?.items ?? []).map((item) => ({
      name: item.name,
      code: item.code ?? undefined,
      description: item.description ?? undefined,
      quantity: item.quantity,
      unit: item.unit ?? undefined,
      unitPrice: item.unit_price,
      discountPercent: item.discount_percent ?? 0,
      vatPercent: item.vat_percent ?? undefined,
    })),
    pricesIncludeVat: Boolean(contract.pricing_table?.prices_include_vat),
    currency: contract.pricing_table?.currency?.trim().toUpperCase() || undefined,
    options,
    // A Pricing Table's negative line is a deliberate credit, and its free-text units have always meant "piece" when unknown.
    lineRules: { allowNegativeQuantities: true, unknownUnitsAsPiece: true },
    words,
  };
};

/** Problems that stop the contract's invoice, each a sentence a Zap builder can act on; empty when it is fine. */
export const contractProblems = (contract: Contract, channel: InvoiceChannel | undefined): string[] => {
  const own = contractOnlyProblems(contract);
  let order: InvoiceOrder;
  try {
    order = contractToOrder(contract, {});
  } catch (error) {
    if (error instanceof InputError) return [...own, error.message];
    throw error;
  }
  return [...own, ...orderProblems(order, channel)];
};

/** Reads the contract and maps it; halts on what only a contract can get wrong. */
export const orderFromContract = async (
  z: ZObject,
  bundle: { authData: Record<string, string | undefined> },
  contractId: string,
  options: OrderOptions,
): Promise<{ contract: Contract; order: InvoiceOrder }> => {
  const contract = await click2contractFor(z, bundle).findContract(contractId);
  if (!contract) {
    throw new InputError(
      `Click2Contract has no contract "${contractId}". Pick a contract in "Contract", or map Contract ID from the "Contract Accepted" trigger.`,
    );
  }
  const own = contractOnlyProblems(contract);
  if (own.length) throw new InputError([...own, ...(own.some((p) => p.includes('Pricing Table')) ? [TEMPLATE_TIP] : [])].join(' '));
  return { contract, order: contractToOrder(contract, options) };
};
