// Customers (Procountor business partners of type CUSTOMER): find by business ID, then name; create.
import { invalidBusinessIdMessage, parseFinnishBusinessId, sameBusinessId, storedSpellings } from '../rules/businessId';
import { parseEuVatNumber } from '../rules/euVat';
import { activeBeforeInactive, customerNameKey } from '../rules/customerMatch';
import { InputError } from '../zapier/errors';
import { fitsWindows1252, toWindows1252 } from './charset';
import { IDENTIFIER_TYPES } from './enums';
import { FIELD_LIMITS } from './limits';
import { allSettledOrThrow } from '../zapier/settle';
import { cachedPerCompany } from '../zapier/claim';
import type { ZObject } from 'zapier-platform-core';
import type { ProcountorClient } from './client';
import { z } from 'zod';
import { Country, InvoiceChannel, Language, type BusinessPartner, type BusinessPartnerBasicInfo } from './schemas';

/**
 * Procountor's identifierType for a Finnish business ID. `Y_TUNNUS` is nowhere in Procountor's published schema; of
 * the codes it does publish (BusinessIdentifier.brnType, BusinessPartnerAdditionalInfo.parentCompanyIdType), `YHD`
 * ("yritys- ja yhteisötunnus", the full name of the Y-tunnus) is the one for a Finnish business ID, beside `HETU`
 * (a person's ID) and country codes (foreign VAT identifiers). Inferred from the schema, not stated by Procountor.
 */
export const FINNISH_BUSINESS_ID_TYPE = 'YHD';

/**
 * A customer as the app knows it, whatever it came from (a contract, a Zap's customer fields, Create Customer): the
 * one shape a new business partner and an invoice's counterparty are built from. Text is as the user wrote it; a
 * Finnish business ID is normalised when it is used.
 */
export const Customer = z.object({
  name: z.string(),
  businessId: z.string().optional(),
  /**
   * Procountor's identifierType; undefined (or YHD) for a Finnish business ID. `FOREIGN_UNTYPED` marks a foreign
   * identifier whose country has no published code: it is stored as given, without a type.
   */
  identifierType: z.string().optional(),
  street: z.string().optional(),
  postalCode: z.string().optional(),
  city: z.string().optional(),
  country: Country,
  /** False when the source named no country and `country` is only the default (Finland): the customer's record may then tell. */
  countryGiven: z.boolean().optional(),
  contactName: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  /** What only Procountor's own record or the Create Customer step say. */
  language: Language.optional(),
  invoiceChannel: InvoiceChannel.optional(),
  einvoiceAddress: z.string().optional(),
  einvoiceOperator: z.string().optional(),
  paymentTermDays: z.number().int().optional(),
  paymentMethod: z.enum(['BANK_TRANSFER', 'DIRECT_PAYMENT', 'OTHER', 'CASH']).optional(),
});
export type Customer = z.infer<typeof Customer>;

const isFinnishType = (type?: string) => type === undefined || type === FINNISH_BUSINESS_ID_TYPE;

const FOREIGN_UNTYPED = '';

/** The published identifier type for a foreign business or VAT ID from this ISO country (Greece's VAT prefix is EL). */
const foreignIdentifierType = (isoCountry: string | undefined): string => {
  const code = isoCountry?.trim().toUpperCase() === 'GR' ? 'EL' : isoCountry?.trim().toUpperCase();
  return code && code !== 'FI' && (IDENTIFIER_TYPES as readonly string[]).includes(code) ? code : FOREIGN_UNTYPED;
};

/**
 * The identifier type for a business ID given with an ISO country: undefined (Finnish) in Finland or when the ID
 * reads as a Finnish business ID; otherwise the country's foreign type, and the ID passes through as written.
 */
export const identifierTypeFor = (isoCountry: string | undefined, country: Country, businessId: string | undefined) => {
  if (businessId && parseFinnishBusinessId(businessId).kind === 'finnish') return undefined;
  // An EU VAT number names its own country, whatever the address says; Greece's prefix EL is Procountor's code too.
  const vat = businessId ? parseEuVatNumber(businessId) : undefined;
  if (vat?.kind === 'eu') return foreignIdentifierType(vat.isoCountry);
  return country === 'FINLAND' ? undefined : foreignIdentifierType(isoCountry);
};

/** An identifier type the user typed, checked against the codes Procountor publishes. */
export const checkedIdentifierType = (type: string | undefined): string | undefined => {
  const code = type?.trim().toUpperCase();
  if (!code) return undefined;
  if (code === 'Y_TUNNUS' || code === 'Y-TUNNUS') return FINNISH_BUSINESS_ID_TYPE;
  if (!(IDENTIFIER_TYPES as readonly string[]).includes(code)) {
    throw new InputError(
      `Identifier Type "${type}" is not one of Procountor's codes. Use YHD for a Finnish business ID, or the country code (SE, DE, EE…) for a foreign VAT ID.`,
    );
  }
  return code;
};

/** The canonical business ID for storing and searching; foreign identifiers pass through untouched. */
export const checkedBusinessId = (businessId: string | undefined, identifierType?: string, field = 'Business ID') => {
  const raw = businessId?.trim();
  if (!raw) return undefined;
  if (!isFinnishType(identifierType)) {
    const vat = parseEuVatNumber(raw);
    return vat.kind === 'eu' ? vat.normalised : raw;
  }
  const parsed = parseFinnishBusinessId(raw);
  if (parsed.kind === 'invalid') throw new InputError(invalidBusinessIdMessage(parsed, field));
  return parsed.canonical;
};

const activeFirst = (list: BusinessPartnerBasicInfo[]) => [...list].sort(activeBeforeInactive((p) => p.registryInfo?.active !== false));

/**
 * Finds the customer by business ID (any spelling Procountor may hold: the usual one first, the others only when
 * that finds nothing), or, only when no business ID is given, by exact name ignoring case and spacing.
 */
export const findCustomer = async (
  client: ProcountorClient,
  query: { businessId?: string; identifierType?: string; name?: string },
): Promise<BusinessPartnerBasicInfo | undefined> => {
  const businessId = checkedBusinessId(query.businessId, query.identifierType);
  if (businessId) {
    const matches = (list: BusinessPartnerBasicInfo[]) =>
      activeFirst(list.filter((p) => (p.type ?? 'CUSTOMER') === 'CUSTOMER' && sameBusinessId(p.invoicingInfo?.identifier, businessId)));
    const first = await client.searchBusinessPartners({ type: 'CUSTOMER', identifier: businessId, size: 50 });
    const found = matches(first.results)[0];
    if (found) return found;
    if (!isFinnishType(query.identifierType)) {
      // An EU VAT number is searched as it is normally written, then as the step gave it, if that differs.
      const written = query.businessId!.trim();
      if (written === businessId) return undefined;
      return matches((await client.searchBusinessPartners({ type: 'CUSTOMER', identifier: written, size: 50 })).results)[0];
    }
    const parsed = parseFinnishBusinessId(businessId);
    if (parsed.kind !== 'finnish') return undefined;
    const others = storedSpellings(parsed).filter((s) => s !== businessId);
    const lookups = [
      ...others.map((identifier) => client.searchBusinessPartners({ type: 'CUSTOMER', identifier, size: 50 })),
      client.searchBusinessPartners({ type: 'CUSTOMER', identifier: businessId, active: false, size: 50 }),
    ];
    const results = await allSettledOrThrow(lookups);
    return matches(results.flatMap((r) => r.results))[0];
  }
  const name = query.name?.trim().replace(/\s+/g, ' ');
  if (!name) throw new InputError('Give a business ID or a customer name to search by.');
  const result = await client.searchBusinessPartners({ type: 'CUSTOMER', name, size: 200 });
  return activeFirst(result.results.filter((p) => customerNameKey(p.name ?? '') === customerNameKey(name)))[0];
};

const present = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);

/** The Procountor business partner for a new customer (pure). */
const toBusinessPartner = (customer: Customer): BusinessPartner => {
  const identifier = checkedBusinessId(customer.businessId, customer.identifierType);
  const address = {
    name: customer.name.trim(),
    street: present(customer.street),
    zip: present(customer.postalCode),
    city: present(customer.city),
    country: customer.country,
  };
  const einvoice = present(customer.einvoiceAddress) && present(customer.einvoiceOperator);
  return {
    name: customer.name.trim(),
    type: 'CUSTOMER',
    address,
    billingAddress: address,
    invoicingInfo: {
      identifier,
      identifierType: identifier ? customer.identifierType || (isFinnishType(customer.identifierType) ? FINNISH_BUSINESS_ID_TYPE : undefined) : undefined,
      contactPerson: present(customer.contactName),
      email: present(customer.email),
      language: customer.language ?? 'FINNISH',
      invoiceChannel: customer.invoiceChannel ?? (einvoice ? 'ELECTRONIC_INVOICE' : present(customer.email) ? 'EMAIL' : 'MAIL'),
      einvoiceAddress: present(customer.einvoiceAddress),
      einvoiceOperator: present(customer.einvoiceOperator),
    },
    contactPersons: present(customer.contactName)
      ? [{ name: present(customer.contactName), email: present(customer.email), phone: present(customer.phone) }]
      : undefined,
    paymentInfo: {
      paymentMethod: customer.paymentMethod ?? 'BANK_TRANSFER',
      paymentTermDays: customer.paymentTermDays !== undefined ? String(customer.paymentTermDays) : undefined,
    },
  };
};

/** The customer's texts as Procountor can store them (Windows-1252), each checked against its published length. */
const fittedCustomer = (customer: Customer): Customer => {
  const fields: Array<[keyof Customer, string, number]> = [
    ['name', 'Name', FIELD_LIMITS.name],
    ['street', 'Street Address', FIELD_LIMITS.street],
    ['postalCode', 'Postal Code', FIELD_LIMITS.zip],
    ['city', 'City', FIELD_LIMITS.city],
    ['contactName', 'Contact Person', FIELD_LIMITS.contactPerson],
    ['email', 'Invoicing Email', FIELD_LIMITS.email],
    ['phone', 'Phone', FIELD_LIMITS.phone],
  ];
  const fitted: Customer = { ...customer };
  for (const [key, label, max] of fields) {
    const value = customer[key];
    if (typeof value !== 'string' || !value.trim()) continue;
    const text = key === 'email' ? value.trim() : toWindows1252(value.trim());
    if (key === 'email' && !fitsWindows1252(text)) {
      throw new InputError(`${label} "${value}" has characters Procountor cannot store (it accepts only Windows-1252). Correct the address.`);
    }
    if (!text) throw new InputError(`${label} "${value}" has no characters Procountor can store (it accepts only Windows-1252). Write it in Latin letters.`);
    if (text.length > max) throw new InputError(`${label} is longer than Procountor's ${max} characters (${text.length}). Shorten it.`);
    (fitted as unknown as Record<string, string>)[key] = text;
  }
  return fitted;
};

export const createCustomer = (client: ProcountorClient, customer: Customer) => {
  if (!customer.name?.trim()) throw new InputError('The customer needs a name. Map the company name into "Name".');
  return client.createBusinessPartner(toBusinessPartner(fittedCustomer(customer)));
};

/**
 * What an existing customer's full record says that an invoice uses (payment term, e-invoice address, e-mail, and the
 * customer's own invoicing language, country and business ID or VAT number), cached per connection by the record's
 * version, so a changed customer is read again. Read leniently: a value Procountor leaves null or the app does not know
 * is simply not there. BusinessPartner (API 26.04): the language is `invoicingInfo.language`, the VAT number or
 * business ID `invoicingInfo.identifier` with its `identifierType` (a partner has no `taxCode`), the country
 * `address.country` (else `billingAddress.country`).
 */
export const customerRecord = (z: ZObject, client: ProcountorClient, id: number, version: string | null | undefined) =>
  cachedPerCompany(z, `procountor:partner:v2:${id}:${version ?? 'unversioned'}`, 24 * 3600, async () => {
    const partner = await client.getBusinessPartner(id);
    const info = partner.invoicingInfo;
    return {
      paymentTermDays: partner.paymentInfo?.paymentTermDays ?? undefined,
      einvoiceAddress: info?.einvoiceAddress ?? undefined,
      einvoiceOperator: info?.einvoiceOperator ?? undefined,
      email: info?.email ?? undefined,
      language: Language.safeParse(info?.language).data,
      country: Country.safeParse(partner.address?.country ?? partner.billingAddress?.country).data,
      identifier: info?.identifier?.trim() || undefined,
      identifierType: info?.identifierType?.trim() || undefined,
    };
  });
export type CustomerRecord = Awaited<ReturnType<typeof customerRecord>>;
