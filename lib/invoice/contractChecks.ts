// Whether an accepted contract can become an invoice, and if not, exactly what to fix in Click2Contract.
// The wording follows Click2Contract's own "Tips for getting started".
import type { Contract } from '../click2contract/schemas';
import { FIELD_LIMITS, MAX_ABS_QUANTITY, MAX_ABS_UNIT_PRICE } from '../procountor/limits';
import type { InvoiceChannel } from '../procountor/schemas';

const tooLong = (value: string | null | undefined, max: number) => (value?.trim().length ?? 0) > max;

export const TEMPLATE_TIP =
  'The integration only works with proposals that include the Pricing Table element, and the customer\'s address ' +
  'separated into Address, Postal code and City fields.';

const label = (contract: Contract) => `Contract ${contract.number ?? contract.id}`;

/** Problems that stop the invoice, each a sentence a Zap builder can act on; empty when the contract is fine. */
export const contractProblems = (contract: Contract, channel: InvoiceChannel | undefined): string[] => {
  const problems: string[] = [];
  const name = label(contract);
  if (contract.status !== 'accepted') {
    problems.push(`${name} is "${contract.status}", not accepted. Only accepted (signed) contracts become invoices.`);
  }
  const table = contract.pricing_table;
  if (!table) {
    problems.push(`${name} has no Pricing Table, so there are no invoice lines. Add a Pricing Table to the proposal template.`);
  } else if (!table.items.length) {
    problems.push(`${name} has an empty Pricing Table. Add at least one line to the Pricing Table.`);
  }
  table?.items.forEach((item, i) => {
    const line = `Pricing Table line ${i + 1}${item.name?.trim() ? ` ("${item.name.trim().slice(0, 60)}")` : ''}`;
    if (!item.name?.trim()) problems.push(`${line} has no name. Give every Pricing Table line a name.`);
    if (!Number.isFinite(item.quantity) || item.quantity === 0) problems.push(`${line} has no quantity. Give it a quantity other than 0.`);
    if (!Number.isFinite(item.unit_price)) problems.push(`${line} has no price.`);
    if (Math.abs(item.quantity) > MAX_ABS_QUANTITY || Math.abs(item.unit_price) > MAX_ABS_UNIT_PRICE) {
      problems.push(`${line} has a quantity or price too large for an invoice (${item.quantity} × ${item.unit_price}). Check the Pricing Table.`);
    }
    if (tooLong(item.name, FIELD_LIMITS.product)) problems.push(`${line} has a name longer than ${FIELD_LIMITS.product} characters. Shorten it in the Pricing Table.`);
    if (tooLong(item.code, FIELD_LIMITS.code)) problems.push(`${line} has a product code longer than ${FIELD_LIMITS.code} characters.`);
    const discount = item.discount_percent ?? 0;
    if (discount < 0 || discount > 100) problems.push(`${line} has a discount of ${discount} %; a discount must be from 0 to 100 %.`);
  });
  const customer = contract.customer;
  if (!customer?.company_name?.trim()) {
    problems.push(`${name} has no customer company name. Fill in the customer's company name in the proposal.`);
  }
  const fieldLimits: Array<[string, string | null | undefined, number]> = [
    ['company name', customer?.company_name, FIELD_LIMITS.name],
    ['Address', customer?.address, FIELD_LIMITS.street],
    ['Postal code', customer?.postal_code, FIELD_LIMITS.zip],
    ['City', customer?.city, FIELD_LIMITS.city],
    ['e-mail', customer?.email, FIELD_LIMITS.email],
    ['contact person', customer?.contact_name, FIELD_LIMITS.contactPersonName],
    ['Business ID', customer?.business_id, FIELD_LIMITS.identifier],
  ];
  for (const [field, value, max] of fieldLimits) {
    if (tooLong(value, max)) problems.push(`${name} has a customer ${field} longer than Procountor's ${max} characters. Shorten it in the proposal.`);
  }
  if (channel === 'MAIL') {
    const missing = [
      ['Address', customer?.address],
      ['Postal code', customer?.postal_code],
      ['City', customer?.city],
    ]
      .filter(([, value]) => !value?.trim())
      .map(([field]) => field);
    if (missing.length) {
      problems.push(
        `${name} is missing the customer's ${missing.join(', ')}, which a paper invoice needs. ` +
          'Add the Address, Postal code and City fields to the proposal template, or choose e-mail as the invoice channel.',
      );
    }
  }
  if (channel === 'EMAIL' && !customer?.email?.trim()) {
    problems.push(`${name} has no customer e-mail, which an e-mailed invoice needs. Add the customer's e-mail to the proposal, or choose another invoice channel.`);
  }
  return problems;
};
