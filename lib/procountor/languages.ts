import { InputError } from '../zapier/errors';
import { text } from '../zapier/inputs';
import type { Language } from './schemas';

export const LANGUAGE_CHOICES: Record<Language, string> = {
  FINNISH: 'Finnish',
  SWEDISH: 'Swedish',
  ENGLISH: 'English',
  DANISH: 'Danish',
  NORWEGIAN: 'Norwegian',
  ESTONIAN: 'Estonian',
};

const ALIASES: Record<string, Language> = { fi: 'FINNISH', sv: 'SWEDISH', en: 'ENGLISH', da: 'DANISH', no: 'NORWEGIAN', nb: 'NORWEGIAN', et: 'ESTONIAN' };

export const languageInput = (value: unknown): Language | undefined => {
  const raw = text(value);
  if (!raw) return undefined;
  const upper = raw.toUpperCase();
  if (upper in LANGUAGE_CHOICES) return upper as Language;
  const alias = ALIASES[raw.toLowerCase()];
  if (alias) return alias;
  throw new InputError(`"${raw}" is not an invoicing language Procountor offers. Choose one of: ${Object.values(LANGUAGE_CHOICES).join(', ')}.`);
};

/** The invoice language for a customer's country when the step names none: its own where Procountor has it, else English. */
const LANGUAGE_BY_COUNTRY: Record<string, Language> = { FI: 'FINNISH', SE: 'SWEDISH', AX: 'SWEDISH', DK: 'DANISH', NO: 'NORWEGIAN', EE: 'ESTONIAN' };

export const languageForCountry = (isoCountry: string | undefined): Language => LANGUAGE_BY_COUNTRY[isoCountry?.toUpperCase() ?? ''] ?? 'ENGLISH';
