/** Tests run from TypeScript sources; `npm run build` type-checks them first. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  testTimeout: 30000,
  maxWorkers: 2,
  // zapier-platform-core's handler ends a process past 450 MB RSS after 250 runs; a worker that grew this big over
  // earlier suites is replaced instead of running the reliability suite into that limit.
  workerIdleMemoryLimit: '300MB',
};
