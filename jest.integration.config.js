// Integration tests: they start real processes (e.g. Prometheus over the demo data), so they run in
// Node, one file per worker, with long timeouts. Run with: npx jest --config jest.integration.config.js
const { grafanaESModules, nodeModulesToTransform } = require('./.config/jest/utils');

module.exports = {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/{src,scripts,tests}/**/*.integration.test.ts'],
  transform: {
    '^.+\\.(t|j|mj)sx?$': [
      '@swc/jest',
      {
        sourceMaps: 'inline',
        jsc: {
          parser: {
            syntax: 'typescript',
            tsx: true,
            decorators: false,
            dynamicImport: true,
          },
        },
      },
    ],
  },
  // @grafana/data (read on the Grafana path of the agreement test) requires ES modules (marked, d3's .mjs).
  transformIgnorePatterns: [nodeModulesToTransform(grafanaESModules)],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'jsx', 'mjs', 'json'],
  testTimeout: 120000,
};
