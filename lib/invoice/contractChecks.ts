// Whether an accepted contract can become an invoice, and if not, exactly what to fix in Click2Contract.
// The wording follows Click2Contract's own "Tips for getting started".
import type { Contract } from '../click2contract/schemas';
import type { InvoiceChannel } from '../procountor/schemas';

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
    const discount = item.discount_percent ?? 0;
    if (discount < 0 || discount > 100) problems.push(`${line} has a discount of ${discount} %; a discount must be from 0 to 100 %.`);
  });
  const customer = contract.customer;
  if (!customer?.company_name?.trim()) {
    problems.push(`${name} has no customer company name. Fill in the customer's company name in the proposal.`);
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
