// Zapier's integration checks (docs.zapier.com, "Integration check reference") and the publishing requirements
// that can be judged without Zapier's servers, as rules over an app definition: the D checks, and the publishing
// requirements under PUB codes. Every trigger, search, create and search-or-create and each of their static fields
// is walked, so operations added later are checked too. The same value rules (./checkValues) judge what the app
// answered when it ran, for the T and Z checks Zapier takes from the Zap history (test/system/build-zip.test.ts).
import {
  type Field,
  type Problem,
  dateTimeProblems,
  linkProblems,
  normalised,
  outputFieldProblems,
  staticFields,
  stringsIn,
  titleCaseProblems,
} from './checkValues';

export type { Problem };

interface Display {
  label?: string;
  description?: string;
  hidden?: boolean;
}

interface OperationDefinition {
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

type Kind = 'trigger' | 'search' | 'create';

interface WalkedOperation {
  kind: Kind;
  where: string;
  definition: OperationDefinition;
}

const KIND_GROUPS: Array<[Kind, keyof Pick<AppDefinition, 'triggers' | 'searches' | 'creates'>]> = [
  ['trigger', 'triggers'],
  ['search', 'searches'],
  ['create', 'creates'],
];

const walkOperations = (app: AppDefinition): WalkedOperation[] =>
  KIND_GROUPS.flatMap(([kind, group]) => Object.entries(app[group] ?? {}).map(([key, definition]) => ({ kind, where: `${group}.${key}`, definition })));

const isHook = (operation: WalkedOperation) => operation.kind === 'trigger' && operation.definition.operation.type === 'hook';

export interface DefinitionCheck {
  code: string;
  title: string;
  problems: (app: AppDefinition) => Problem[];
}

const problem = (code: string, where: string, message: string): Problem => ({ code, where, message });

/** IDs users have on their own papers, not ids of ours: no dropdown can list them. */
const EXTERNAL_ID_KEYS: Record<string, string> = {
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
    problems: (app) => (app.authentication && !app.authentication.connectionLabel ? [problem('D003', 'authentication', 'no connectionLabel')] : []),
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
        ...staticFields(definition.operation.inputFields).flatMap((f) => linkProblems(f.helpText ?? '').map((m) => problem('D008', `${where}.${f.key}`, m))),
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
      [
        ...walkOperations(app).flatMap(({ where, definition }) => staticFields(definition.operation.inputFields).map((f) => [where, f] as const)),
        ...staticFields(app.authentication?.fields).map((f) => ['authentication.fields', f] as const),
      ]
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
