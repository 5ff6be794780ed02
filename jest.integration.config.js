// Integration tests: they start real processes (e.g. Prometheus over the demo data), so they run in
// Node, one file per worker, with long timeouts. Run with: npx jest --config jest.integration.config.js
module.exports = {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/{src,scripts,tests}/**/*.integration.test.ts'],
  transform: {
    '^.+\\.(t|j)sx?$': [
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
  testTimeout: 120000,
};
