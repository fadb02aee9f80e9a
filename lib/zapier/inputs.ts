// Reading what a Zap step was given: Zapier hands every mapped value over as text (or whatever type a field
// declared, or nothing when left empty).
import { InputError } from './errors';

export const text = (value: unknown): string | undefined => {
  if (value === undefined || value === null) return undefined;
  const s = String(value).trim();
  return s ? s : undefined;
};

/** A number written either way Finns and Zapier write them: "1 234,50", "1234.5", 1234.5. */
export const decimal = (value: unknown, label: string): number | undefined => {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new InputError(`${label} must be a number.`);
    return value;
  }
  const raw = text(value);
  if (raw === undefined) return undefined;
  const normalised = raw
    .replace(/[\s\u00a0]/g, '')
    .replace(/€$/, '')
    .replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(normalised)) throw new InputError(`${label} must be a number, not "${raw.slice(0, 40)}".`);
  return Number(normalised);
};

export const wholeNumber = (value: unknown, label: string, min = 0, max = 365) => {
  const n = decimal(value, label);
  if (n === undefined) return undefined;
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new InputError(`${label} must be a whole number from ${min} to ${max}.`);
  }
  return n;
};

export const flag = (value: unknown, fallback: boolean) => {
  if (typeof value === 'boolean') return value;
  const raw = text(value)?.toLowerCase();
  if (raw === undefined) return fallback;
  return !['false', 'no', '0', 'off', 'n'].includes(raw);
};
