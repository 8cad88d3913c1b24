/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  // Type errors are the type check's job (npm test runs tsc first); ts-jest only strips types here.
  testTimeout: 30000,
  maxWorkers: 2,
};
