// Zapier's integration checks that can be judged offline, applied to the whole app definition: one test per
// check code. The checks Zapier judges from live runs (T002-T006, Z001) are applied to the outputs of the
// packaged app in build-zip.test.ts.
import { App } from '../support/app';
import { isIsoDateOrDateTime, linkProblems, titleCaseProblems } from '../support/checkValues';
import { type AppDefinition, connectionLabelProblems, DEFINITION_CHECKS } from '../support/integrationChecks';
import { click2contractApiUrl, procountorApiUrl, procountorLoginUrl, slackApiUrl } from '../../lib/zapier/config';

const app = App as unknown as AppDefinition;

describe("Zapier's integration checks on the app definition", () => {
  it.each(DEFINITION_CHECKS.map((check) => [check.code, check.title, check] as const))('%s: %s', (code, _title, check) => {
    const problems = check.problems(app);
    expect({ code, problems }).toEqual({ code, problems: [] });
  });

  it('D007: the services the app talks to by default are reached over https', () => {
    const names = ['PROCOUNTOR_API_URL', 'PROCOUNTOR_LOGIN_URL', 'CLICK2CONTRACT_API_URL', 'SLACK_API_URL'];
    const saved = names.map((name) => [name, process.env[name]] as const);
    try {
      for (const name of names) delete process.env[name];
      for (const url of [procountorApiUrl(), procountorLoginUrl(), click2contractApiUrl(), slackApiUrl()]) {
        expect({ code: 'D007', url }).toEqual({ code: 'D007', url: expect.stringMatching(/^https:\/\//) });
      }
    } finally {
      for (const [name, value] of saved) if (value !== undefined) process.env[name] = value;
    }
  });
});

/** A one-trigger app to show each rule failing on what it is meant to catch. */
const appWith = (over: { trigger?: object; operation?: object; fields?: object[]; auth?: object; create?: object } = {}): AppDefinition => ({
  authentication: { type: 'custom', fields: [], connectionLabel: '{{name}}', ...over.auth },
  triggers: {
    new_thing: {
      key: 'new_thing',
      noun: 'Thing',
      display: { label: 'New Thing', description: 'Triggers when a thing is added.' },
      operation: { perform: () => [], inputFields: over.fields ?? [], sample: { id: 1 }, outputFields: [], ...over.operation },
      ...over.trigger,
    },
  },
  creates: over.create ? { make_thing: over.create as never } : {},
});

const codesOf = (definition: AppDefinition) => DEFINITION_CHECKS.flatMap((check) => check.problems(definition)).map((p) => p.code);

describe('the checks catch what they are meant to catch', () => {
  it.each<[string, AppDefinition]>([
    ['D001', appWith({ fields: [{ key: 'api_key', label: 'API Key' }] })],
    ['D002', appWith({ auth: { fields: [{ key: 'api_key', label: 'API Key', helpText: 'Found in Settings.' }] } })],
    ['D003', appWith({ auth: { connectionLabel: undefined } })],
    ['D004', appWith({ fields: [{ key: 'contract_id', label: 'Contract ID' }] })],
    ['D005', appWith({ fields: [{ key: 'list', label: 'List', dynamic: 'missing_list.id.name' }] })],
    ['D006', appWith({ operation: { type: 'hook', performSubscribe: () => ({}), performUnsubscribe: () => ({}) } })],
    ['D007', appWith({ fields: [{ key: 'x', label: 'X', helpText: 'See [docs](http://example.com).' }] })],
    ['D008', appWith({ fields: [{ key: 'x', label: 'X', helpText: 'See https://example.com for more.' }] })],
    ['D010', appWith({ operation: { sample: { contact_id: 4 } } })],
    ['D011', appWith({ fields: [{ key: 'subdomain', label: 'Subdomain', helpText: 'subdomain' }] })],
    ['D012', appWith({ operation: { sample: {} } })],
    ['D014', appWith({ fields: [{ key: 'thing', label: 'Thing', search: 'find_thing.id' }] })],
    ['D013', appWith({ fields: [{ key: 'thing', label: 'Thing', search: 'find_thing.id', dynamic: 'new_thing.id.id' }] })],
    ['D017', appWith({ operation: { type: 'hook', performList: () => [] } })],
    ['D016', appWith({ operation: { type: 'hook', performList: () => [] } })],
    ['D018', appWith({ trigger: { display: { label: 'new contact', description: 'Triggers when a contact is added.' } } })],
    ['D021', appWith({ trigger: { display: { label: 'New Thing', description: 'Triggers instantly when a thing is added.' } } })],
    [
      'D022',
      appWith({
        create: {
          key: 'make_thing',
          noun: 'Thing',
          display: { label: 'Make Thing', description: 'Makes a thing.' },
          operation: { perform: () => ({}), inputFields: [() => []], sample: { id: 1 } },
        },
      }),
    ],
    ['D023', appWith({ operation: { sample: { id: 1, created_at: '2023-08-01T06:50:30' } } })],
    [
      'D024',
      appWith({
        operation: {
          sample: { id: '1' },
          outputFields: [
            { key: 'id', type: 'integer' },
            { key: 'email', required: true },
          ],
        },
      }),
    ],
    ['PUB-4.1', appWith({ trigger: { noun: undefined } })],
    [
      'PUB-5.1',
      appWith({
        create: {
          key: 'make_thing',
          noun: 'Thing',
          display: { label: 'Create Thing', description: 'Turns data into a thing.' },
          operation: { perform: () => ({}), inputFields: [{ key: 'name' }], sample: { id: 1 } },
        },
      }),
    ],
  ])('%s fails an app that breaks it', (code, definition) => {
    expect(codesOf(definition)).toContain(code);
  });

  it('PUB-6.2 fails a search described with another verb', () => {
    const definition: AppDefinition = {
      searches: {
        find_thing: {
          key: 'find_thing',
          noun: 'Thing',
          display: { label: 'Find Thing', description: 'Looks up a thing.' },
          operation: { perform: () => [], inputFields: [{ key: 'name' }], sample: { id: 1 } },
        },
      },
    };
    expect(codesOf(definition)).toContain('PUB-6.2');
    expect(
      codesOf({ ...definition, searches: { find_thing: { ...definition.searches!.find_thing!, operation: { perform: () => [], sample: { id: 1 } } } } }),
    ).toContain('D009');
  });

  it('D015 fails a search-or-create that names a missing search', () => {
    expect(
      codesOf({ ...appWith(), searchOrCreates: { x: { key: 'x', display: { label: 'Find or Create Thing' }, search: 'find_thing', create: 'make_thing' } } }),
    ).toContain('D015');
  });

  it('judges title case, ISO dates and links the way the reference shows them', () => {
    expect(titleCaseProblems('Create Unfinished Invoice (from a Contract)')).toEqual([]);
    expect(titleCaseProblems('Contract Sent to Procountor')).toEqual([]);
    expect(titleCaseProblems('Find Customer (by business ID, then name)')).not.toEqual([]);
    expect(titleCaseProblems('Find Or Create Customer')).toEqual(['"Or" should be lower case']);
    expect(['2023-08-01', '2023-08-01T06:50:30-0500', '2023-09-15T09:59:59Z', '2026-11-23T14:05:09+02:00'].every(isIsoDateOrDateTime)).toBe(true);
    expect(['01 Aug 2023', '2023-08-01T06:50:30', ''].some(isIsoDateOrDateTime)).toBe(false);
    expect(linkProblems('Go to [API Details](https://my.site.com/manage) or `https://example.com`.')).toEqual([]);
    expect(linkProblems('See [Google(https://google.com)')).toContain('a Markdown link is malformed');
  });

  it('PUB-3.3 fails a connection label that prefixes app names or shows a secret', () => {
    expect(connectionLabelProblems('Sandbox Oy (sandbox.api)', ['pat_123'])).toEqual([]);
    expect(connectionLabelProblems('Sandbox Oy, Click2Contract: Sandbox Oy', []).map((p) => p.code)).toEqual(['PUB-3.3']);
    expect(connectionLabelProblems('Sandbox Oy pat_123', ['pat_123']).map((p) => p.code)).toEqual(['PUB-3.3']);
  });
});
