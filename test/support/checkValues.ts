// Rules over values, shared by the definition checks (static samples) and the live checks (what the app answered):
// title case, ISO 8601 dates, Markdown links, values against their output fields.

export interface Problem {
  code: string;
  where: string;
  message: string;
}

export interface Field {
  key: string;
  label?: string;
  helpText?: string;
  type?: string;
  required?: boolean;
  dynamic?: string;
  search?: string;
  children?: Field[];
}

/** Static fields only: a function field is computed at run time and cannot be judged here. */
export const staticFields = (fields: unknown[] | undefined): Field[] =>
  (fields ?? []).filter((field): field is Field => typeof field === 'object' && field !== null && 'key' in field);

/**
 * Title case as the Chicago Manual has it (Zapier does not publish its word list): every word capitalised except
 * articles, conjunctions and prepositions inside the label, which stay lower case ("Contract Sent to Procountor",
 * "Create Unfinished Invoice (from a Contract)").
 */
const MINOR_WORDS = new Set([
  'a',
  'an',
  'and',
  'as',
  'at',
  'but',
  'by',
  'for',
  'from',
  'in',
  'into',
  'nor',
  'of',
  'on',
  'onto',
  'or',
  'per',
  'the',
  'to',
  'via',
  'vs',
  'with',
]);

export const titleCaseProblems = (label: string): string[] => {
  const words = label.split(/\s+/).filter(Boolean);
  const problems: string[] = [];
  words.forEach((raw, index) => {
    const word = raw.replace(/^[("'“‘]+|[)"'”’:,.!?]+$/g, '');
    if (!/[A-Za-z]/.test(word)) return;
    const edge = index === 0 || index === words.length - 1;
    if (!edge && MINOR_WORDS.has(word.toLowerCase())) {
      if (word !== word.toLowerCase()) problems.push(`"${word}" should be lower case`);
      return;
    }
    if (!/^[A-Z0-9]/.test(word)) problems.push(`"${word}" should start with a capital`);
  });
  return problems;
};

export const normalised = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** ISO 8601: a date, or a date and time with its offset (`Z`, `+02:00`, `-0500`). */
export const isIsoDateOrDateTime = (value: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(value) || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value);

/** Keys whose values are dates or times by their name. */
const DATE_KEY = /(^|_)(date|at)$/;

/** Markdown links whose text swallowed the address, bare addresses, and links that are not https. */
export const linkProblems = (text: string): string[] => {
  const problems: string[] = [];
  const withoutCode = text.replace(/`[^`]*`/g, '');
  if (/\[[^\]]*\(https?:/.test(withoutCode) || /\]\s+\(https?:/.test(withoutCode)) problems.push('a Markdown link is malformed');
  for (const [, url] of withoutCode.matchAll(/\[[^\]]+\]\(([^)\s]+)\)/g)) {
    if (!url!.startsWith('https://')) problems.push(`the link ${url} is not https`);
  }
  const withoutLinks = withoutCode.replace(/\[[^\]]+\]\([^)\s]+\)/g, '');
  if (/https?:\/\//.test(withoutLinks)) problems.push('an address is neither a Markdown link nor in backticks');
  return problems;
};

/** Every string in a definition, with where it is (functions and their bodies are left out). */
export const stringsIn = (value: unknown, where: string): Array<[string, string]> => {
  if (typeof value === 'string') return [[where, value]];
  if (Array.isArray(value)) return value.flatMap((item, i) => stringsIn(item, `${where}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => stringsIn(v, `${where}.${k}`));
  return [];
};

const FIELD_TYPE_TESTS: Record<string, (value: unknown) => boolean> = {
  string: (v) => typeof v === 'string',
  text: (v) => typeof v === 'string',
  password: (v) => typeof v === 'string',
  copy: (v) => typeof v === 'string',
  code: (v) => typeof v === 'string',
  file: (v) => typeof v === 'string',
  integer: (v) => typeof v === 'number' && Number.isInteger(v),
  number: (v) => typeof v === 'number' && Number.isFinite(v),
  boolean: (v) => typeof v === 'boolean',
  datetime: (v) => typeof v === 'string' && isIsoDateOrDateTime(v),
};

/** The values an output-field key names: `line_items[]name` is `name` in each of `line_items`. */
const valuesAt = (result: Record<string, unknown>, key: string): Array<{ present: boolean; value: unknown }> => {
  const [list, inner] = key.split('[]');
  if (inner === undefined) return [{ present: Object.hasOwn(result, key), value: result[key] }];
  const items = result[list!];
  return Array.isArray(items) ? items.map((item) => ({ present: Object.hasOwn(item ?? {}, inner), value: (item ?? {})[inner] })) : [];
};

/**
 * D024, T005, Z001: required output fields are present and values match their field's type. An empty value
 * (null) is the absence of a value, which any field that is not required may have.
 */
export const outputFieldProblems = (code: string, where: string, result: Record<string, unknown>, outputFields: unknown[] | undefined): Problem[] => {
  const problems: Problem[] = [];
  for (const field of staticFields(outputFields)) {
    const test = FIELD_TYPE_TESTS[field.type ?? 'string'] ?? FIELD_TYPE_TESTS.string!;
    for (const { present, value } of valuesAt(result, field.key)) {
      if (!present || value === null || value === undefined) {
        if (field.required) problems.push({ code, where, message: `the required field ${field.key} has no value` });
        continue;
      }
      if (!test(value)) problems.push({ code, where, message: `${field.key} is ${JSON.stringify(value)}, not a ${field.type ?? 'string'}` });
    }
  }
  return problems;
};

/** D023, T003: dates and times are ISO 8601, with an offset when they have a time. */
export const dateTimeProblems = (code: string, where: string, result: Record<string, unknown>, outputFields: unknown[] | undefined): Problem[] => {
  const typed = new Map(staticFields(outputFields).map((field) => [field.key, field.type]));
  const problems: Problem[] = [];
  // `path` is the output-field key (`line_items[]name` for a line item's field), `key` the last name in it.
  const visit = (value: unknown, key: string, path: string): void => {
    if (Array.isArray(value)) {
      for (const item of value) {
        if (item && typeof item === 'object' && !Array.isArray(item)) {
          for (const [k, v] of Object.entries(item)) visit(v, k, `${path}[]${k}`);
        } else visit(item, key, path);
      }
      return;
    }
    if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) visit(v, k, `${path}.${k}`);
      return;
    }
    if (typeof value !== 'string' || value === '') return;
    const looksTimed = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(value);
    const dated = typed.get(path) === 'datetime' || DATE_KEY.test(key) || looksTimed;
    if (dated && !isIsoDateOrDateTime(value)) problems.push({ code, where, message: `${path} is "${value}", not an ISO 8601 date or date-time with offset` });
  };
  for (const [key, value] of Object.entries(result)) visit(value, key, key);
  return problems;
};

/** T004, T006: every key of the sample (or the sample list's item) is in the live result. */
export const missingKeyProblems = (code: string, where: string, sample: Record<string, unknown>, live: Record<string, unknown>): Problem[] =>
  Object.keys(sample)
    .filter((key) => !Object.hasOwn(live, key))
    .map((key) => ({ code, where, message: `${key} is in the sample but not in the live result` }));
