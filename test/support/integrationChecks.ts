// Zapier's integration checks (docs.zapier.com, "Integration check reference") and the publishing requirements
// that can be judged without Zapier's servers, as rules over an app definition (the D checks) and over what the
// app answered when it ran (the T and Z checks, which Zapier judges from the Zap history). Each problem names the
// check's code. Every trigger, search, create and search-or-create is walked, so new operations are checked too.

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

interface Display {
  label?: string;
  description?: string;
  hidden?: boolean;
}

export interface OperationDefinition {
  key: string;
  noun?: string;
  display: Display;
  operation: {
    type?: string;
    inputFields?: unknown[];
    outputFields?: unknown[];
    sample?: Record<string, unknown>;
    perform?: unknown;
    performList?: unknown;
    performSubscribe?: unknown;
    performUnsubscribe?: unknown;
  };
}

export interface AppDefinition {
  authentication?: { type?: string; fields?: unknown[]; connectionLabel?: unknown };
  triggers?: Record<string, OperationDefinition>;
  searches?: Record<string, OperationDefinition>;
  creates?: Record<string, OperationDefinition>;
  searchOrCreates?: Record<string, { key: string; display: Display; search: string; create: string }>;
}

export type Kind = 'trigger' | 'search' | 'create';

export interface WalkedOperation {
  kind: Kind;
  where: string;
  definition: OperationDefinition;
}

const KIND_GROUPS: Array<[Kind, keyof Pick<AppDefinition, 'triggers' | 'searches' | 'creates'>]> = [
  ['trigger', 'triggers'],
  ['search', 'searches'],
  ['create', 'creates'],
];

export const walkOperations = (app: AppDefinition): WalkedOperation[] =>
  KIND_GROUPS.flatMap(([kind, group]) =>
    Object.entries(app[group] ?? {}).map(([key, definition]) => ({ kind, where: `${group}.${key}`, definition })),
  );

/** Static fields only: a function field is computed at run time and cannot be judged here. */
const staticFields = (fields: unknown[] | undefined): Field[] =>
  (fields ?? []).filter((field): field is Field => typeof field === 'object' && field !== null && 'key' in field);

const isHook = (operation: WalkedOperation) => operation.kind === 'trigger' && operation.definition.operation.type === 'hook';

// ---------------------------------------------------------------------------------------------- words and values

/**
 * Title case as the Chicago Manual has it (Zapier does not publish its word list): every word capitalised except
 * articles, conjunctions and prepositions inside the label, which stay lower case ("Contract Sent to Procountor",
 * "Create Unfinished Invoice (from a Contract)").
 */
const MINOR_WORDS = new Set([
  'a', 'an', 'and', 'as', 'at', 'but', 'by', 'for', 'from', 'in', 'into', 'nor', 'of', 'on', 'onto', 'or', 'per', 'the', 'to', 'via', 'vs', 'with',
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

const normalised = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

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
const stringsIn = (value: unknown, where: string): Array<[string, string]> => {
  if (typeof value === 'string') return [[where, value]];
  if (Array.isArray(value)) return value.flatMap((item, i) => stringsIn(item, `${where}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => stringsIn(v, `${where}.${k}`));
  return [];
};

// ------------------------------------------------------------------------------ values against output fields

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

// ------------------------------------------------------------------------------------------ definition checks

export interface DefinitionCheck {
  code: string;
  title: string;
  problems: (app: AppDefinition) => Problem[];
}

const problem = (code: string, where: string, message: string): Problem => ({ code, where, message });

/** IDs users have on their own papers, not ids of ours: no dropdown can list them. */
export const EXTERNAL_ID_KEYS: Record<string, string> = {
  business_id: "the Finnish Business ID (Y-tunnus) is printed on the customer's own letters and invoices",
};

const holdsAnId = (field: Field) => /(^|_)id$/.test(field.key) || /\bID\b/.test(field.label ?? '');

export const DEFINITION_CHECKS: DefinitionCheck[] = [
  {
    code: 'D001',
    title: 'asks for no API key, token or password in a step (they belong to the connection)',
    problems: (app) =>
      walkOperations(app).flatMap(({ where, definition }) =>
        staticFields(definition.operation.inputFields)
          .filter((f) => f.type === 'password' || /(api_?key|token|secret|password)/i.test(`${f.key} ${f.label ?? ''}`))
          .map((f) => problem('D001', `${where}.${f.key}`, 'asks for a credential')),
      ),
  },
  {
    code: 'D002',
    title: 'every connection field says, with a link, where to find its value',
    problems: (app) =>
      staticFields(app.authentication?.fields)
        .filter((f) => !/\[[^\]]+\]\(https:\/\/[^)\s]+\)/.test(f.helpText ?? ''))
        .map((f) => problem('D002', `authentication.fields.${f.key}`, 'its help text has no link to where the value is found')),
  },
  {
    code: 'D003',
    title: 'the connection has a label',
    problems: (app) =>
      app.authentication && !app.authentication.connectionLabel ? [problem('D003', 'authentication', 'no connectionLabel')] : [],
  },
  {
    code: 'D004',
    title: 'ID fields are dynamic dropdowns, labelled by what they pick, not "… ID"',
    problems: (app) =>
      walkOperations(app).flatMap(({ where, definition }) =>
        staticFields(definition.operation.inputFields)
          .filter((f) => holdsAnId(f) && !EXTERNAL_ID_KEYS[f.key])
          .flatMap((f) => [
            ...(f.dynamic ? [] : [problem('D004', `${where}.${f.key}`, 'holds an ID but has no dynamic dropdown')]),
            ...(/\bID$/.test(f.label ?? '') ? [problem('D004', `${where}.${f.key}`, `is labelled "${f.label}"; name what is picked instead`)] : []),
          ]),
      ),
  },
  {
    code: 'D005',
    title: 'every dynamic dropdown is fed by an existing trigger that answers its id and label keys',
    problems: (app) =>
      walkOperations(app).flatMap(({ where, definition }) =>
        staticFields(definition.operation.inputFields)
          .filter((f) => f.dynamic)
          .flatMap((f) => {
            const [triggerKey, idKey, labelKey] = f.dynamic!.split('.');
            const source = app.triggers?.[triggerKey!];
            if (!source) return [problem('D005', `${where}.${f.key}`, `no trigger ${triggerKey}`)];
            const sample = source.operation.sample ?? {};
            return [idKey, labelKey]
              .filter((k) => k && !Object.hasOwn(sample, k))
              .map((k) => problem('D005', `${where}.${f.key}`, `${triggerKey}'s sample has no ${k}`));
          }),
      ),
  },
  {
    code: 'D006',
    title: 'every REST hook trigger can fetch real samples (performList)',
    problems: (app) =>
      walkOperations(app)
        .filter((o) => isHook(o) && !o.definition.operation.performList)
        .map((o) => problem('D006', o.where, 'no performList')),
  },
  {
    code: 'D007',
    title: 'every address in the definition is https',
    problems: (app) =>
      stringsIn(app, 'app')
        .filter(([, value]) => /http:\/\//.test(value))
        .map(([where]) => problem('D007', where, 'has an http:// address')),
  },
  {
    code: 'D008',
    title: 'links in descriptions and help texts are valid Markdown (or in backticks)',
    problems: (app) => [
      ...walkOperations(app).flatMap(({ where, definition }) => [
        ...linkProblems(definition.display.description ?? '').map((m) => problem('D008', `${where}.description`, m)),
        ...staticFields(definition.operation.inputFields).flatMap((f) =>
          linkProblems(f.helpText ?? '').map((m) => problem('D008', `${where}.${f.key}`, m)),
        ),
      ]),
      ...staticFields(app.authentication?.fields).flatMap((f) =>
        linkProblems(f.helpText ?? '').map((m) => problem('D008', `authentication.fields.${f.key}`, m)),
      ),
    ],
  },
  {
    code: 'D009',
    title: 'every search has a field to search by',
    problems: (app) =>
      walkOperations(app)
        .filter((o) => o.kind === 'search' && !(o.definition.operation.inputFields ?? []).length)
        .map((o) => problem('D009', o.where, 'no input field')),
  },
  {
    code: 'D010',
    title: 'every polling trigger sample has an id (the deduper needs it)',
    problems: (app) =>
      walkOperations(app)
        .filter((o) => o.kind === 'trigger' && !isHook(o) && !Object.hasOwn(o.definition.operation.sample ?? {}, 'id'))
        .map((o) => problem('D010', o.where, 'the sample has no id')),
  },
  {
    code: 'D011',
    title: 'no help text only repeats its label',
    problems: (app) =>
      [...walkOperations(app).flatMap(({ where, definition }) => staticFields(definition.operation.inputFields).map((f) => [where, f] as const)),
        ...staticFields(app.authentication?.fields).map((f) => ['authentication.fields', f] as const)]
        .filter(([, f]) => f.helpText !== undefined && normalised(f.helpText) === normalised(f.label ?? f.key))
        .map(([where, f]) => problem('D011', `${where}.${f.key}`, 'the help text repeats the label')),
  },
  {
    code: 'D012',
    title: 'every trigger, search and create has a static sample',
    problems: (app) =>
      walkOperations(app)
        .filter((o) => !Object.keys(o.definition.operation.sample ?? {}).length)
        .map((o) => problem('D012', o.where, 'no sample')),
  },
  {
    code: 'D013',
    title: 'search-powered fields name an existing search',
    problems: (app) =>
      walkOperations(app).flatMap(({ where, definition }) =>
        staticFields(definition.operation.inputFields)
          .filter((f) => f.search && !app.searches?.[f.search.split('.')[0]!])
          .map((f) => problem('D013', `${where}.${f.key}`, `no search ${f.search}`)),
      ),
  },
  {
    code: 'D014',
    title: 'search-powered fields have a dynamic dropdown too',
    problems: (app) =>
      walkOperations(app).flatMap(({ where, definition }) =>
        staticFields(definition.operation.inputFields)
          .filter((f) => f.search && !f.dynamic)
          .map((f) => problem('D014', `${where}.${f.key}`, 'a search connector without a dynamic dropdown')),
      ),
  },
  {
    code: 'D015',
    title: 'every search-or-create names an existing search and create',
    problems: (app) =>
      Object.entries(app.searchOrCreates ?? {}).flatMap(([key, soc]) => [
        ...(app.searches?.[soc.search] ? [] : [problem('D015', `searchOrCreates.${key}`, `no search ${soc.search}`)]),
        ...(app.creates?.[soc.create] ? [] : [problem('D015', `searchOrCreates.${key}`, `no create ${soc.create}`)]),
      ]),
  },
  {
    code: 'D016',
    title: 'the app is more than a single static webhook',
    problems: (app) => {
      const visible = walkOperations(app).filter((o) => !o.definition.display.hidden);
      const only = visible.length === 1 ? visible[0]! : undefined;
      return only && isHook(only) && !only.definition.operation.performSubscribe ? [problem('D016', only.where, 'the only operation is a static hook')] : [];
    },
  },
  {
    code: 'D017',
    title: 'every REST hook trigger subscribes and unsubscribes (no static hooks)',
    problems: (app) =>
      walkOperations(app)
        .filter((o) => isHook(o) && !(o.definition.operation.performSubscribe && o.definition.operation.performUnsubscribe))
        .map((o) => problem('D017', o.where, 'a static hook: no performSubscribe or performUnsubscribe')),
  },
  {
    code: 'D018',
    title: 'trigger, search, create and search-or-create labels are in title case',
    problems: (app) =>
      [
        ...walkOperations(app).map((o) => [o.where, o.definition.display.label ?? ''] as const),
        ...Object.entries(app.searchOrCreates ?? {}).map(([key, soc]) => [`searchOrCreates.${key}`, soc.display.label ?? ''] as const),
      ].flatMap(([where, label]) => titleCaseProblems(label).map((m) => problem('D018', where, `"${label}": ${m}`))),
  },
  {
    code: 'D021',
    title: 'trigger descriptions start with "Triggers when" and end with a period',
    problems: (app) =>
      walkOperations(app)
        .filter((o) => o.kind === 'trigger')
        .filter((o) => !/^Triggers when .*\.$/s.test(o.definition.display.description ?? ''))
        .map((o) => problem('D021', o.where, `"${o.definition.display.description}"`)),
  },
  {
    code: 'D022',
    title: 'every create has static input fields (so Zap templates can fill them)',
    problems: (app) =>
      walkOperations(app)
        .filter((o) => o.kind === 'create' && !staticFields(o.definition.operation.inputFields).length)
        .map((o) => problem('D022', o.where, 'no static input field')),
  },
  {
    code: 'D023',
    title: 'dates and times in static samples are ISO 8601, with an offset when they have a time',
    problems: (app) =>
      walkOperations(app).flatMap(({ where, definition }) =>
        dateTimeProblems('D023', where, definition.operation.sample ?? {}, definition.operation.outputFields),
      ),
  },
  {
    code: 'D024',
    title: 'static samples carry every required output field, each of its declared type',
    problems: (app) =>
      walkOperations(app).flatMap(({ where, definition }) =>
        outputFieldProblems('D024', where, definition.operation.sample ?? {}, definition.operation.outputFields),
      ),
  },
  {
    code: 'PUB-4.1',
    title: 'publishing requirements 4.1, 5.1, 6.2: every operation has a noun and a description ending with a period',
    problems: (app) =>
      walkOperations(app).flatMap(({ where, definition }) => [
        ...(definition.noun ? [] : [problem('PUB-4.1', where, 'no noun')]),
        ...(/\.$/.test(definition.display.description ?? '') ? [] : [problem('PUB-4.1', where, 'the description does not end with a period')]),
      ]),
  },
  {
    code: 'PUB-5.1',
    title: 'publishing requirement 5.1: create descriptions start with their verb ("Creates…", "Posts…")',
    problems: (app) =>
      walkOperations(app)
        .filter((o) => o.kind === 'create')
        .flatMap(({ where, definition }) => {
          const verb = (definition.display.label ?? '').split(/\s+/)[0] ?? '';
          const description = definition.display.description ?? '';
          return description.startsWith(`${verb}s `) || description.startsWith(`${verb}es `)
            ? []
            : [problem('PUB-5.1', where, `"${description.slice(0, 40)}…" does not start with "${verb}s"`)];
        }),
  },
  {
    code: 'PUB-6.2',
    title: 'publishing requirement 6.2: search descriptions start with "Finds"',
    problems: (app) =>
      walkOperations(app)
        .filter((o) => o.kind === 'search' && !(o.definition.display.description ?? '').startsWith('Finds '))
        .map((o) => problem('PUB-6.2', o.where, `"${o.definition.display.description}"`)),
  },
];

/** PUB-3.3: the connection label names the account, plainly: no "App:" prefixes, no secrets. */
export const connectionLabelProblems = (label: unknown, secrets: string[]): Problem[] => {
  const problems: Problem[] = [];
  if (typeof label !== 'string' || !label.trim()) problems.push(problem('PUB-3.3', 'authentication.connectionLabel', 'empty'));
  else {
    if (/\b[A-Z][\w]*:\s/.test(label)) problems.push(problem('PUB-3.3', 'authentication.connectionLabel', `"${label}" prefixes values with app names`));
    if (secrets.some((secret) => secret && label.includes(secret))) problems.push(problem('PUB-3.3', 'authentication.connectionLabel', 'shows a secret'));
  }
  return problems;
};
