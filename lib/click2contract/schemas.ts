// Click2Contract API wire shapes (reference/click2contract-api.md).
import { z } from 'zod';

const nullableText = z.string().nullish();
const money = z.number().finite();

const PricingItem = z.looseObject({
  name: z.string(),
  code: nullableText,
  description: nullableText,
  quantity: money,
  unit: nullableText,
  unit_price: money,
  discount_percent: money.nullish(),
  vat_percent: money.nullish(),
});

export const Contract = z.looseObject({
  id: z.string().min(1),
  number: nullableText,
  title: nullableText,
  status: z.enum(['draft', 'sent', 'viewed', 'accepted', 'declined', 'expired']),
  accepted_at: nullableText,
  signed_by: z.looseObject({ name: nullableText, email: nullableText }).nullish(),
  customer: z
    .looseObject({
      company_name: nullableText,
      business_id: nullableText,
      address: nullableText,
      postal_code: nullableText,
      city: nullableText,
      country: nullableText,
      contact_name: nullableText,
      email: nullableText,
      phone: nullableText,
    })
    .nullish(),
  pricing_table: z
    .looseObject({
      currency: nullableText,
      prices_include_vat: z.boolean().nullish(),
      items: z.array(PricingItem).default([]),
      total_excluding_vat: money.nullish(),
    })
    .nullish(),
  procountor: z.looseObject({ auto_invoice: z.boolean().nullish(), sent_at: nullableText }).nullish(),
  created_at: nullableText,
  updated_at: nullableText,
});
export type Contract = z.infer<typeof Contract>;

export const ContractList = z.looseObject({ data: z.array(Contract), next_cursor: z.string().nullish() });

export const Me = z.looseObject({
  account: z.looseObject({ id: z.string(), name: z.string() }),
  user: z.looseObject({ id: z.string().optional(), email: nullableText }).optional(),
});

const WEBHOOK_EVENTS = ['contract.accepted', 'contract.sent_to_procountor'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

export const Webhook = z.looseObject({
  id: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  secret: z.string().optional(),
});

export const WebhookEvent = z.looseObject({
  id: z.string().min(1),
  type: z.enum(WEBHOOK_EVENTS),
  created_at: nullableText,
  data: z.looseObject({ contract: Contract }),
});
export type WebhookEvent = z.infer<typeof WebhookEvent>;

export const SendToProcountorAnswer = z.looseObject({ contract: Contract, event_id: z.string() });

export const C2CError = z.looseObject({
  error: z.looseObject({ code: z.string().optional(), message: z.string().optional() }),
});
