// The house's plan, as rules: each folder of lib/ is a layer, and imports go one way only:
//   operations (triggers/, searches/, creates/, authentication.ts, index.ts)
//     -> lib/fields -> lib/invoice -> lib/indexes -> lib/procountor, lib/click2contract, lib/slack -> lib/zapier, lib/rules
// The sandboxes stand in for the services and import nothing of the app; the demo and the benchmark use the app only
// as Zapier does, through index.ts.
const SERVICES = '^lib/(procountor|click2contract|slack)/';
const below = (...folders) => `^(${folders.join('|')})/`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'sandbox-imports-app',
      comment: 'A sandbox takes its rules from the published reference, never from the app (STYLE.md: it could only confirm our own mistakes).',
      severity: 'error',
      from: { path: '^sandboxes/' },
      to: { path: '^(lib|triggers|searches|creates|demo|bench|test)/|^(index|authentication)\\.ts$' },
    },
    {
      name: 'demo-or-bench-reach-into-lib',
      comment: 'The demo and the benchmark run the app as Zapier does: through index.ts.',
      severity: 'error',
      from: { path: '^(demo|bench)/' },
      to: { path: '^(lib|triggers|searches|creates)/|^authentication\\.ts$' },
    },
    {
      name: 'rules-import-nothing',
      comment: 'lib/rules holds pure rules: they import nothing else of the app.',
      severity: 'error',
      from: { path: '^lib/rules/' },
      to: { path: '^(lib/(?!rules/)|triggers/|searches/|creates/|index\\.ts|authentication\\.ts)' },
    },
    {
      name: 'zapier-plumbing-stays-low',
      comment: 'lib/zapier is the runtime plumbing every layer uses; it uses none of them.',
      severity: 'error',
      from: { path: '^lib/zapier/' },
      to: { path: '^(lib/(?!zapier/)|triggers/|searches/|creates/|index\\.ts|authentication\\.ts)' },
    },
    {
      name: 'service-module-imports-up-or-sideways',
      comment: 'A service module (Procountor, Click2Contract, Slack) knows its own service, lib/zapier and lib/rules; never another service or a layer above.',
      severity: 'error',
      from: { path: SERVICES },
      to: { path: '^lib/', pathNot: ['^lib/(zapier|rules)/', '^lib/$1/'] },
    },
    {
      name: 'indexes-import-up',
      comment: 'The indexes sit on the Procountor module; the engine and the fields sit on them.',
      severity: 'error',
      from: { path: '^lib/indexes/' },
      to: { path: '^lib/', pathNot: below('lib/indexes', 'lib/procountor', 'lib/zapier', 'lib/rules') },
    },
    {
      name: 'engine-imports-up',
      comment: 'The invoice engine and its sources know the indexes and services below them, never the fields above.',
      severity: 'error',
      from: { path: '^lib/invoice/' },
      to: { path: '^lib/', pathNot: below('lib/invoice', 'lib/indexes', 'lib/procountor', 'lib/click2contract', 'lib/slack', 'lib/zapier', 'lib/rules') },
    },
    {
      name: 'lib-imports-operations',
      comment: 'Operations are the top: nothing in lib/ imports them.',
      severity: 'error',
      from: { path: '^lib/' },
      to: { path: '^(triggers|searches|creates)/|^(index|authentication)\\.ts$' },
    },
    {
      name: 'operation-imports-operation',
      comment: 'One file per Zapier operation; what two share lives in lib/fields.',
      severity: 'error',
      from: { path: '^(triggers|searches|creates)/' },
      to: { path: '^(triggers|searches|creates)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|build|coverage)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    moduleSystems: ['cjs', 'es6'],
  },
};
