import { defineConfig } from '@playwright/test';

/**
 * The browser tests (tests/browser): SLO Burn's pages and panels in headless Chromium, on a thin
 * test host with the real demo Prometheus, no Grafana server. Run with `npm run test:browser`.
 * (playwright.config.ts is the other suite: @grafana/plugin-e2e against a real Grafana.)
 */
export default defineConfig({
  testDir: './tests/browser',
  testMatch: '*.browser.spec.ts',
  globalSetup: './tests/browser/support/globalSetup.ts',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  // Failure screenshots and traces; the views' screenshots go to artifacts/screenshots/.
  outputDir: './artifacts/browser-test-results',
  use: {
    browserName: 'chromium',
    launchOptions: {
      // Debian's Chromium: `npx playwright install` cannot download browsers here.
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        // Without these Chromium keeps calling home, which floods a closed network.
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-quic',
        '--disable-sync',
      ],
    },
    viewport: { width: 1400, height: 1000 },
    deviceScaleFactor: 1,
    timezoneId: 'UTC',
    locale: 'en-US',
    screenshot: 'only-on-failure',
    trace: 'off',
  },
});
