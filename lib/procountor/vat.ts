// The company's VAT lists as Procountor answers them (GET /vats/default): its sales VAT percentages, and its sales VAT
// statuses recognised by what each means.
import type { VatInformation } from './schemas';

/** The sales VAT percentages the company uses in Finland (or, failing that, anywhere), highest first. */
export const salesVatRates = (vats: VatInformation): number[] => {
  const countries = vats.vatInformation;
  const finnish = countries.filter((c) => !c.country || /^(FI|FINLAND)$/i.test(c.country));
  const source = finnish.length ? finnish : countries;
  const rates = source.flatMap((c) => c.percentages.filter((p) => p.sales !== false).flatMap((p) => (typeof p.vatPercent === 'number' ? [p.vatPercent] : [])));
  return [...new Set(rates)].sort((a, b) => b - a);
};

/** What a sales VAT status means, as far as an invoice's VAT treatment needs to know. */
export type VatStatusKind = 'domestic' | 'outsideEu' | 'euGoods' | 'euServices';

export interface SalesVatStatus {
  id: number;
  description: string;
  /** Undefined for a status this integration does not choose by itself (construction reverse charge, no VAT handling…). */
  kind?: VatStatusKind;
}

/**
 * Procountor publishes only an example list ("BtoB Webshop sales Domestic/EU": 1 Domestic, 3 Outside of the EU, 5 EU
 * community sales (product), 12 No VAT handling) and says each company switches on its own; the numbers of the EU
 * services status and others are not published. A status is therefore recognised by its description, in English or
 * Finnish; a published number counts only for a status listed without a description. Never by an assumed number.
 */
const BY_DESCRIPTION: Array<[VatStatusKind, RegExp]> = [
  // Read first: "Non-EU service sales" and "EU:n ulkopuolinen palvelumyynti" name the EU and a service, and are neither
  // EU status. A description that says outside / non- / ulkopuoli… is never an EU status.
  ['outsideEu', /outside (of )?(the )?EU|\bnon[- ]?EU|EU:n ulkopuol|ulkopuolinen|ulkomaanmyynti|export|vienti/i],
  // Construction services are reverse-charged too, but inside Finland: never an EU sale.
  ['euServices', /^(?!.*(construction|rakennus)).*(\bEU\b|EU:n|yhteisö|community).*(service|palvelu)|palveluiden yhteisömyynti|palvelujen yhteisömyynti/i],
  ['euGoods', /(\bEU\b|EU:n|yhteisö|community).*(product|goods|tavara)|tavaroiden yhteisömyynti|tavarayhteisömyynti/i],
  ['domestic', /^(?!.*(reverse|käännet)).*(^domestic|^kotimaa|^kotimainen)/i],
];
const PUBLISHED_EXAMPLE: Record<number, VatStatusKind> = { 1: 'domestic', 3: 'outsideEu', 5: 'euGoods' };

export const vatStatusKind = (id: number, description: string | null | undefined): VatStatusKind | undefined => {
  const text = description?.trim();
  if (!text) return PUBLISHED_EXAMPLE[id];
  return BY_DESCRIPTION.find(([, pattern]) => pattern.test(text))?.[0];
};

/** The company's sales VAT statuses, in its own order, each with what it means. */
export const salesVatStatuses = (vats: VatInformation): SalesVatStatus[] =>
  (vats.vatStatuses ?? [])
    .filter((s): s is typeof s & { vatStatus: number } => s.sales !== false && typeof s.vatStatus === 'number')
    .map((s) => ({ id: s.vatStatus, description: s.description?.trim() ?? '', kind: vatStatusKind(s.vatStatus, s.description) }));

/** "19 · EU community sales (service)": how a status is named in dropdowns and messages. */
export const vatStatusLabel = (status: Pick<SalesVatStatus, 'id' | 'description'>) =>
  status.description ? `${status.id} · ${status.description}` : String(status.id);

/** Where a company switches a VAT status on, for messages that ask for one. */
export const VAT_DEFAULTS_PLACE = 'Management → Accounting info → VAT defaults';
