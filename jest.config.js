/** Jest: TypeScript through SWC (no type-check here; `npm run typecheck` does that). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }] },
  // vendor/ holds already-built third-party code (vendor/aws-local-stepfunctions/README.md): run it as shipped.
  transformIgnorePatterns: ['/node_modules/(?!(cidr-tools|ip-bigint)/)', '<rootDir>/vendor/'],
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testTimeout: 30000,
  // Three workers on two cores: the end-to-end files spend most of their time waiting on the local
  // cloud's (scaled) AWS delays, so a third worker overlaps those waits (npm test 342–376 s → 269 s here).
  maxWorkers: 3,
};
