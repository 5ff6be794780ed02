// force timezone to UTC to allow tests to work regardless of local timezone
// generally used by snapshots, but can affect specific tests
process.env.TZ = 'UTC';

const base = require('./.config/jest.config');
const { grafanaESModules, nodeModulesToTransform } = require('./.config/jest/utils');

module.exports = {
  ...base,
  testMatch: [
    '<rootDir>/src/**/*.{spec,test,jest}.{js,jsx,ts,tsx}',
    '<rootDir>/scripts/**/*.test.ts',
    '<rootDir>/tests/browser/host/**/*.test.{ts,tsx}',
    '<rootDir>/tests/e2e/**/*.test.ts',
  ],
  // Integration tests need a real Prometheus; they run through jest.integration.config.js.
  testPathIgnorePatterns: ['/node_modules/', '\\.integration\\.test\\.ts$'],
  // d3-color and friends ship .mjs; the scaffold's transform only matches .js/.ts.
  transform: {
    '^.+\\.(t|j)sx?$': base.transform['^.+\\.(t|j)sx?$'],
    '^.+\\.mjs$': base.transform['^.+\\.(t|j)sx?$'],
  },
  // yaml's browser build is ESM only.
  transformIgnorePatterns: [nodeModulesToTransform([...grafanaESModules, 'yaml'])],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'jsx', 'mjs', 'json'],
  // Page and panel tests render scenes and @grafana/ui in jsdom: a few seconds each on a busy 2-core runner,
  // where jest's 5 s default fails them at random. No test here measures speed (the benchmarks do).
  testTimeout: 30_000,
};
