import { type ConsoleMessage, type Locator, type Page, test as base, expect } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

export { expect };

export const THEMES = ['dark', 'light'] as const;
export type Theme = (typeof THEMES)[number];

export const SCREENSHOT_DIR = path.resolve(__dirname, '..', '..', '..', 'artifacts', 'screenshots');

/** Set by the global setup (support/globalSetup.ts) for every worker. */
export function hostEnv(name: 'SLOBURN_BROWSER_HOST_URL' | 'SLOBURN_BROWSER_PROMETHEUS_URL'): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(
      `${name} is not set: run the browser tests with playwright.browser.config.ts (npm run test:browser)`
    );
  }
  return value;
}

interface PageProblems {
  errors: string[];
  warnings: string[];
  /** Console errors a test expects (Grafana code logging a failure the page then shows): not failed. */
  expected: RegExp[];
}

/**
 * `page` collects console errors, uncaught exceptions and failed requests, and fails the test if
 * there were any: nothing is allowed (console warnings are attached to the report, not failed).
 */
export const test = base.extend<{ problems: PageProblems }>({
  baseURL: async ({}, use) => {
    await use(hostEnv('SLOBURN_BROWSER_HOST_URL'));
  },
  problems: async ({}, use) => {
    await use({ errors: [], warnings: [], expected: [] });
  },
  page: async ({ page, problems }, use, testInfo) => {
    const describe = (message: ConsoleMessage) => {
      const where = message.location();
      return `${message.text()}${where.url ? ` (${where.url}:${where.lineNumber})` : ''}`;
    };
    page.on('console', (message) => {
      if (message.type() === 'error' && problems.expected.some((pattern) => pattern.test(message.text()))) {
        problems.warnings.push(`expected console error: ${describe(message)}`);
      } else if (message.type() === 'error') {
        problems.errors.push(`console error: ${describe(message)}`);
      } else if (message.type() === 'warning') {
        problems.warnings.push(describe(message));
      }
    });
    page.on('pageerror', (error) => problems.errors.push(`uncaught exception: ${error.stack ?? error.message}`));
    page.on('requestfailed', (request) => {
      const reason = request.failure()?.errorText ?? 'failed';
      // Navigations and re-renders abort requests that are no longer needed (an icon, a superseded query).
      if (reason !== 'net::ERR_ABORTED') {
        problems.errors.push(`request failed: ${request.method()} ${request.url()}: ${reason}`);
      }
    });
    await use(page);
    if (problems.warnings.length > 0) {
      await testInfo.attach('console warnings', { body: problems.warnings.join('\n'), contentType: 'text/plain' });
    }
    expect(problems.errors, 'errors in the browser console').toEqual([]);
  },
});

/** The page as a user leaves it for a screenshot: data loaded, fonts ready, nothing in flight. */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expect(page.getByText(/^(Loading…|Querying Prometheus…)$/)).toHaveCount(0);
  await page.evaluate(async () => {
    await document.fonts.ready;
  });
}

/** Saves artifacts/screenshots/<view>-<theme>.png (the whole page). */
export async function saveScreenshot(page: Page, view: string, theme: Theme): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${view}-${theme}.png`);
  await settle(page);
  await page.mouse.move(0, 0);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled', caret: 'hide' });
  return file;
}

/** The host draws with the theme of `?theme=`: check the page really is dark or light. */
export async function expectTheme(page: Page, theme: Theme): Promise<void> {
  const luminance = await page.evaluate(() => {
    const [r, g, b] = getComputedStyle(document.body)
      .backgroundColor.match(/\d+(\.\d+)?/g)!
      .map(Number);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  });
  if (theme === 'dark') {
    expect(luminance, 'page background luminance in the dark theme').toBeLessThan(60);
  } else {
    expect(luminance, 'page background luminance in the light theme').toBeGreaterThan(200);
  }
}

/** `/a/sloburn-slo-app/...` or `/panels/...` with the theme and an absolute time range (Unix seconds). */
export function hostPath(
  route: string,
  theme: Theme,
  range?: { from: number; to: number },
  extra: Record<string, string> = {}
) {
  const params = new URLSearchParams({
    ...(range ? { from: String(range.from * 1000), to: String(range.to * 1000) } : {}),
    ...extra,
    theme,
  });
  return `${route}?${params}`;
}

/** A dashboard panel as Grafana's PanelChrome draws it, found by its title. */
export function panel(page: Page, title: string): Locator {
  return page.locator('section').filter({ has: page.getByRole('heading', { name: title, exact: true }) });
}
