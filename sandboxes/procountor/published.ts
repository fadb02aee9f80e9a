// Procountor's published schemas (API 26.04), read from the reference file, and the two things the sandbox does with
// them: check what a client sends field by field, and answer the way Procountor does, with every field of the
// response schema present and empty ones as null. Nothing here comes from the app: only the reference file.
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';

interface FieldSpec {
  required?: boolean;
  type?: string;
  enum?: string[];
  minLength?: number;
  maxLength?: number;
  min?: number;
  max?: number;
  format?: string;
  description?: string;
}
export type SchemaSpec = Record<string, FieldSpec>;

export interface FieldError {
  status: 400;
  field: string;
  message: string;
}

const REFERENCE_FILE = path.join('reference', 'procountor-schemas-26.04.json');

/** The project's committed copy of the reference (a test keeps it equal to the owner's copy in shared/). */
export const referencePath = (): string => {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, REFERENCE_FILE);
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`${REFERENCE_FILE} not found above ${__dirname}`);
  }
};

let loaded: Record<string, SchemaSpec> | undefined;
export const publishedSchemas = (): Record<string, SchemaSpec> =>
  (loaded ??= JSON.parse(fs.readFileSync(referencePath(), 'utf8')).schemas as Record<string, SchemaSpec>);

export const schemaOf = (name: string): SchemaSpec => {
  const schema = publishedSchemas()[name];
  if (!schema) throw new Error(`Procountor's reference has no schema ${name}`);
  return schema;
};

/** "Character set: Windows-1252" (dev.procountor.com/api-requests): text that does not survive the round trip is refused. */
const isWindows1252 = (text: string) => iconv.decode(iconv.encode(text, 'win1252'), 'win1252') === text;

const firstOutside1252 = (text: string) => (isWindows1252(text) ? undefined : [...text].find((ch) => !isWindows1252(ch)));

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?$/;

export const isIsoDate = (value: unknown): value is string => {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.getUTCFullYear() === Number(m[1]) && date.getUTCMonth() === Number(m[2]) - 1 && date.getUTCDate() === Number(m[3]);
};

const isIsoDateTime = (value: string) => {
  const m = ISO_DATE_TIME.exec(value);
  return Boolean(m && isIsoDate(m[1]) && Number(m[2]) < 24 && Number(m[3]) < 60 && Number(m[4] ?? 0) < 60);
};

const FORMAT_CHECKS: Record<string, (value: unknown) => boolean> = {
  date: (v) => isIsoDate(v),
  'date-time': (v) => typeof v === 'string' && isIsoDateTime(v),
  int32: (v) => typeof v === 'number' && Number.isInteger(v) && v >= -(2 ** 31) && v < 2 ** 31,
  int64: (v) => typeof v === 'number' && Number.isSafeInteger(v),
  email: (v) => typeof v === 'string' && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v),
  uuid: (v) => typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v),
  url: (v) => typeof v === 'string' && /^https?:\/\/\S+$/.test(v),
};

const error = (field: string, message: string): FieldError => ({ status: 400, field, message });
const join = (base: string, key: string) => (base ? `${base}.${key}` : key);
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const checkValue = (spec: FieldSpec, value: unknown, field: string): FieldError[] => {
  const type = spec.type ?? 'string';
  if (type.endsWith('[]')) {
    if (!Array.isArray(value)) return [error(field, 'INVALID_TYPE: expected a list')];
    const itemSpec = { ...spec, type: type.slice(0, -2), required: false };
    return value.flatMap((item, i) => checkValue(itemSpec, item, `${field}[${i}]`));
  }
  if (type === 'string') {
    if (typeof value !== 'string') return [error(field, 'INVALID_TYPE: expected text')];
    const problems: FieldError[] = [];
    const outside = firstOutside1252(value);
    if (outside !== undefined) {
      problems.push(error(field, `INVALID_CHARACTER: "${outside}" is not in the Windows-1252 character set`));
    }
    if (spec.maxLength !== undefined && value.length > spec.maxLength) {
      problems.push(error(field, `FIELD_TOO_LONG: at most ${spec.maxLength} characters (got ${value.length})`));
    }
    if (spec.minLength !== undefined && value.length < spec.minLength) {
      problems.push(error(field, `FIELD_TOO_SHORT: at least ${spec.minLength} characters`));
    }
    if (spec.enum && !spec.enum.includes(value)) problems.push(error(field, 'INVALID_ENUM_VALUE'));
    if (spec.format && FORMAT_CHECKS[spec.format] && !FORMAT_CHECKS[spec.format]!(value)) {
      problems.push(error(field, `INVALID_FORMAT: expected ${spec.format}`));
    }
    return problems;
  }
  if (type === 'number') {
    if (typeof value !== 'number' || !Number.isFinite(value)) return [error(field, 'INVALID_TYPE: expected a number')];
    const problems: FieldError[] = [];
    if (spec.format && FORMAT_CHECKS[spec.format] && !FORMAT_CHECKS[spec.format]!(value)) {
      problems.push(error(field, `INVALID_FORMAT: expected ${spec.format}`));
    }
    if (spec.min !== undefined && value < spec.min) problems.push(error(field, `VALUE_TOO_SMALL: at least ${spec.min}`));
    if (spec.max !== undefined && value > spec.max) problems.push(error(field, `VALUE_TOO_LARGE: at most ${spec.max}`));
    return problems;
  }
  if (type === 'boolean') return typeof value === 'boolean' ? [] : [error(field, 'INVALID_TYPE: expected true or false')];
  if (type.startsWith('Record<')) return isObject(value) ? [] : [error(field, 'INVALID_TYPE: expected an object')];
  // A nested schema by name.
  if (!isObject(value)) return [error(field, 'INVALID_TYPE: expected an object')];
  return validateAgainst(type, value, field);
};

/**
 * Every field of `body` checked against the published schema: required, type, enum, lengths, min/max, formats and
 * the Windows-1252 character set, nested schemas and lists included. Fields the schema does not name are left alone,
 * as Procountor's JSON reader ignores them. `null` counts as absent.
 */
export const validateAgainst = (schemaName: string, body: unknown, base = ''): FieldError[] => {
  if (!isObject(body)) return [error(base || 'body', 'INVALID_TYPE: expected an object')];
  const schema = schemaOf(schemaName);
  return Object.entries(schema).flatMap(([key, spec]) => {
    const value = body[key];
    const field = join(base, key);
    if (value === undefined || value === null) return spec.required ? [error(field, 'REQUIRED_FIELD_MISSING')] : [];
    return checkValue(spec, value, field);
  });
};

/**
 * The answer Procountor gives: every field of the schema present, an empty one as null ("an empty reference ID has a
 * value of null", dev.procountor.com/api-requests), nested objects and lists of objects shaped the same way.
 */
export const fullObject = (schemaName: string, value: Record<string, unknown>): Record<string, unknown> => {
  const schema = schemaOf(schemaName);
  return Object.fromEntries(
    Object.entries(schema).map(([key, spec]) => {
      const field = value[key];
      if (field === undefined || field === null) return [key, null];
      const type = spec.type ?? 'string';
      const nested = type.replace(/\[\]$/, '');
      if (!publishedSchemas()[nested]) return [key, field];
      if (type.endsWith('[]') && Array.isArray(field)) return [key, field.map((item) => (isObject(item) ? fullObject(nested, item) : item))];
      return [key, isObject(field) ? fullObject(nested, field) : field];
    }),
  );
};
