import { defineInputFields } from 'zapier-platform-core';
// What both invoice actions ask besides their source (date, payment term, bank account, channel, language, notes,
// default VAT, VAT status and what is sold abroad, exchange rate, Slack channel): the fields, and how they are read, side by side so the two steps cannot drift apart.
import { toIsoDate } from '../rules/dates';
import { InputError } from '../zapier/errors';
import { decimal, text, wholeNumber } from '../zapier/inputs';
import { LANGUAGE_CHOICES, languageInput } from '../procountor/languages';
import { InvoiceChannel, type ExchangeRateType } from '../procountor/schemas';
import type { OrderOptions } from '../invoice/order';

const CHANNEL_CHOICES = {
  EMAIL: 'E-mail',
  MAIL: 'Paper mail',
  ELECTRONIC_INVOICE: 'E-invoice',
  NO_SENDING: 'No sending',
};

const FOREIGN_SALES_CHOICES = {
  services: 'Services (reverse charge)',
  goods: 'Goods (intra-Community supply)',
  per_line: 'Each line says (stop the step when one does not)',
};

/** A list as a Zap builder writes it: comma-separated text, or a list mapped from another step. */
const listOf = (value: unknown): string[] | undefined => {
  const items = (Array.isArray(value) ? value.map((v) => text(v) ?? '') : (text(value) ?? '').split(',')).map((v) => v.trim()).filter(Boolean);
  return items.length ? items : undefined;
};

const EXCHANGE_RATE_CHOICES: Record<ExchangeRateType, string> = {
  PROCOUNTOR_ACCOUNTING_EXCHANGE_RATE: "Procountor's accounting exchange rate",
  ACCOUNT_CURRENCY_BUYING_RATE: 'Account currency buying rate',
};

/** A choice as Zapier hands it over: its key (any case), or its label as a person types it. */
const choiceOf = <K extends string>(choices: Record<K, string>, value: unknown, label: string): K | undefined => {
  const raw = text(value);
  if (!raw) return undefined;
  const found = (Object.keys(choices) as K[]).find((key) => key.toLowerCase() === raw.toLowerCase() || choices[key].toLowerCase() === raw.toLowerCase());
  if (!found) throw new InputError(`${label} "${raw}" is not one of: ${Object.values(choices).join(', ')}.`);
  return found;
};

export const invoiceOptionsFrom = (input: Record<string, unknown>): OrderOptions => {
  const dateText = text(input.invoice_date);
  const invoiceDate = toIsoDate(dateText);
  if (dateText && !invoiceDate) throw new InputError(`Invoice Date "${dateText}" is not a date. Use YYYY-MM-DD, or leave it empty for today.`);
  const channelText = text(input.invoice_channel)?.toUpperCase();
  const channel = channelText ? InvoiceChannel.safeParse(channelText) : undefined;
  if (channel && !channel.success) {
    throw new InputError(`Invoice Channel "${text(input.invoice_channel)}" is not one of: ${Object.values(CHANNEL_CHOICES).join(', ')}.`);
  }
  return {
    invoiceDate,
    paymentTermDays: wholeNumber(input.payment_term_days, 'Payment Term (days)'),
    bankAccountIban: text(input.bank_account),
    channel: channel?.data,
    language: languageInput(input.language),
    notes: text(input.notes),
    defaultVatPercent: decimal(input.default_vat_percent, 'Default VAT %'),
    foreignSales: choiceOf(FOREIGN_SALES_CHOICES, input.foreign_sales, 'What You Sell Abroad'),
    goodsCodes: listOf(input.goods_codes),
    goodsUnits: listOf(input.goods_units),
    vatStatus: wholeNumber(input.vat_status, 'VAT Status', 0, 2_147_483_647),
    exchangeRateType: choiceOf(EXCHANGE_RATE_CHOICES, input.exchange_rate_type, 'Exchange Rate Type'),
  };
};

/** The option fields, after each action's own; `lines` names the action's lines in the Default VAT % help. */
export const invoiceOptionFields = (lines: string) =>
  defineInputFields([
    { key: 'invoice_date', label: 'Invoice Date', type: 'datetime' as const, helpText: 'Defaults to today (Finnish time).' },
    {
      key: 'payment_term_days',
      label: 'Payment Term (days)',
      type: 'integer' as const,
      helpText: "Defaults to the customer's own payment term in Procountor, else 14 days.",
    },
    {
      key: 'bank_account',
      label: 'Bank Account',
      dynamic: 'bank_account_list.id.label',
      helpText: 'The account the customer pays to. Defaults to your first bank account in Procountor.',
    },
    {
      key: 'invoice_channel',
      label: 'Invoice Channel',
      choices: CHANNEL_CHOICES,
      helpText:
        'Leave empty to choose automatically: e-invoice when the customer has an e-invoice address and operator in Procountor, e-mail when it has an e-mail, else paper mail.',
    },
    {
      key: 'language',
      label: 'Invoice Language',
      choices: LANGUAGE_CHOICES,
      helpText:
        "Leave empty for the language stored for an existing customer in Procountor, else the customer's country: Finnish for Finland, Swedish for Sweden and the Åland Islands, Danish, Norwegian or Estonian for those countries, English elsewhere. The step's output says which was chosen.",
    },
    {
      key: 'foreign_sales',
      label: 'What You Sell Abroad',
      choices: FOREIGN_SALES_CHOICES,
      default: 'services',
      helpText:
        'What a line at 0 % VAT abroad sells when neither its Kind nor Goods Product Codes / Goods Units say: services (reverse charge to an EU business) or goods (intra-Community supply). Each line is decided on its own, and an EU sale needs the buyer\'s VAT number in Business ID. "Each line says" stops the step naming any line that does not. [EU VAT rules for invoices](https://taxation-customs.ec.europa.eu/taxation/vat/vat-directive/vat-invoicing-rules_en)',
    },
    {
      key: 'goods_codes',
      label: 'Goods Product Codes',
      list: true,
      helpText:
        'Optional. Product codes whose lines are goods, such as LC-100, or a prefix ending in * (HW-*). Other lines are what "What You Sell Abroad" says. The output\'s VAT Treatment names the lines this decided.',
    },
    {
      key: 'goods_units',
      label: 'Goods Units',
      list: true,
      helpText: 'Optional. Units whose lines are goods, such as kpl or pcs, as the lines write them.',
    },
    {
      key: 'vat_status',
      label: 'VAT Status',
      dynamic: 'vat_status_list.id.label',
      helpText:
        'Leave empty to let the step choose line by line from your company\'s sales VAT statuses: Domestic in Finland and for lines with VAT; for lines at 0 % to an EU business the EU goods or services status; outside the EU "Outside of the EU". A status picked here is used for the whole invoice, and any status other than Domestic needs every line at 0 %.',
    },
    {
      key: 'exchange_rate_type',
      label: 'Exchange Rate Type',
      choices: EXCHANGE_RATE_CHOICES,
      // No default: a default would be filled in and always override the company's own setting.
      helpText:
        "For an invoice in another currency than your company's: the rate for the invoice date. Leave empty to follow your company's Basic company info in Procountor: its accounting exchange rate (fixed for each calendar year), or the account currency buying rate when the company uses daily or month-end rates. The output's Currency Rate Used says which.",
    },
    {
      key: 'default_vat_percent',
      label: 'Default VAT %',
      dynamic: 'vat_rate_list.id.label',
      helpText: `Used for ${lines} that have no VAT %. Lines with a VAT % keep their own.`,
    },
    { key: 'notes', label: 'Notes', type: 'text' as const, helpText: 'Internal notes on the invoice (not printed for the customer).' },
    {
      key: 'slack_channel',
      label: 'Notify Slack Channel',
      dynamic: 'slack_channel_list.id.name',
      helpText:
        'Optional. Posts a new-invoice alert to this Slack channel in the same step (needs the Slack Bot Token in the connection). It becomes the invoice\'s one message there, which "Approve and Send Invoice" and "Update Invoice Message in Slack" keep up to date. If Slack fails, the invoice is still made and the output says why; replaying the step posts the alert once.',
    },
  ]);
