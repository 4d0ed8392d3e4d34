// @swc/jest compiles TypeScript with decorator metadata (NestJS DI, class-validator) and without
// type checking, which `npm run typecheck` and lint do; it keeps the suite fast on 2 cores.
const transform = {
  '^.+\\.ts$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
        target: 'es2022',
      },
      module: { type: 'commonjs' },
      sourceMaps: 'inline',
    },
  ],
};

module.exports = {
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  // Real servers answer in milliseconds, but a first workflow bundle takes seconds on 2 cores.
  testTimeout: 60000,
  projects: [
    {
      displayName: 'unit',
      transform,
      testEnvironment: 'node',
      roots: ['<rootDir>/libs', '<rootDir>/workflows', '<rootDir>/activities', '<rootDir>/apps', '<rootDir>/infra'],
      testMatch: ['**/*.spec.ts'],
    },
    {
      displayName: 'e2e',
      transform,
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.e2e-spec.ts'],
      // One real stack (Postgres, Temporal dev server, departments, worker, API) for the whole run.
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      setupFiles: ['<rootDir>/test/support/quiet-temporal.ts'],
    },
    {
      // npm run histories:record: plays one case of each process and saves its history for replay.
      displayName: 'record',
      transform,
      testEnvironment: 'node',
      roots: ['<rootDir>/test/histories'],
      testMatch: ['**/*.record.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      setupFiles: ['<rootDir>/test/support/quiet-temporal.ts'],
    },
    {
      // The role consoles in Debian's Chromium (npm run test:browser; .ci/run installs chromium).
      displayName: 'browser',
      transform,
      testEnvironment: 'node',
      roots: ['<rootDir>/test/browser'],
      testMatch: ['**/*.browser-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      setupFiles: ['<rootDir>/test/support/quiet-temporal.ts'],
    },
  ],
};
