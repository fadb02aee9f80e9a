// The house's plan, as rules. Each folder of lib/ is a layer, and imports go one way only:
//   operations (triggers/, searches/, creates/, authentication.ts, index.ts)
//     -> lib/fields -> lib/invoice, lib/invoiceMessage -> lib/indexes -> lib/procountor, lib/click2contract, lib/slack
//     -> lib/zapier, lib/rules
// The sandboxes stand in for the services and import nothing of the app; the demo and the benchmark use the app only
// as Zapier does, through index.ts. `npm run lint` runs these rules.
const APP = '^(lib|triggers|searches|creates)/|^(index|authentication)\\.ts$';
const SERVICES = ['lib/procountor', 'lib/click2contract', 'lib/slack'];

/** Each layer of lib/, what it may import besides itself, and why. */
const LAYERS = [
  ['lib/rules', [], 'Pure rules (business IDs, money, dates, matching) import nothing else of the app.'],
  ['lib/zapier', [], 'The runtime plumbing every layer uses uses none of them.'],
  ...SERVICES.map((service) => [
    service,
    ['lib/zapier', 'lib/rules'],
    'A service module knows its own service, the plumbing and the rules: never another service or a layer above.',
  ]),
  ['lib/indexes', ['lib/procountor', 'lib/zapier', 'lib/rules'], 'The per-connection indexes sit on the Procountor module.'],
  ['lib/invoice', ['lib/indexes', ...SERVICES, 'lib/zapier', 'lib/rules'], 'The engine and its sources never import the fields above them.'],
  [
    'lib/invoiceMessage',
    [...SERVICES, 'lib/zapier', 'lib/rules'],
    "The invoice's Slack message (alert, living message, where an invoice stands) reads Procountor and writes Slack; it never imports the engine or the fields.",
  ],
  [
    'lib/fields',
    ['lib/invoice', 'lib/invoiceMessage', 'lib/indexes', ...SERVICES, 'lib/zapier', 'lib/rules'],
    'What a Zap builder sees is built from the layers below.',
  ],
];

const layerRule = ([layer, may, comment]) => ({
  name: `${layer.replace('lib/', '')}-imports-out-of-its-layer`,
  comment,
  severity: 'error',
  from: { path: `^${layer}/` },
  to: { path: APP, pathNot: [layer, ...may].map((folder) => `^${folder}/`) },
});

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...LAYERS.map(layerRule),
    {
      name: 'sandbox-imports-app',
      comment: 'A sandbox takes its rules from the published reference, never from the app (STYLE.md: it could only confirm our own mistakes).',
      severity: 'error',
      from: { path: '^sandboxes/' },
      to: { path: `${APP}|^(demo|bench|test)/` },
    },
    {
      name: 'demo-or-bench-reach-into-the-app',
      comment: 'The demo and the benchmark run the app as Zapier does: through index.ts.',
      severity: 'error',
      from: { path: '^(demo|bench)/' },
      to: { path: APP, pathNot: '^index\\.ts$' },
    },
    {
      name: 'operation-imports-operation',
      comment: 'One file per Zapier operation; what two share lives in lib/ (usually lib/fields).',
      severity: 'error',
      from: { path: '^(triggers|searches|creates)/' },
      to: { path: '^(triggers|searches|creates)/' },
    },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|build|coverage)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    moduleSystems: ['cjs', 'es6'],
  },
};
