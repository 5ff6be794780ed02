import type { Page, Request } from '@playwright/test';
import {
  backtestLookBack,
  calculatorBacktestRange,
  calculatorInputFromSpec,
  historySecondsFor,
  tunedSpec,
} from '../../src/components/BurnRateCalculator/calculatorBacktest';
import type { CalculatorInput } from '../../src/components/BurnRateCalculator/calculatorInput';
import { formatHumanDuration } from '../../src/components/format';
import { type BacktestResult, type SloSpec, backtestSlo } from '../../src/domain';
import { PrometheusHttpClient } from '../../src/prometheus/httpClient';
import { loadSlo } from '../../src/prometheus/loadSlo';
import { APP_ROUTE, PANELS_ROUTE, PROMETHEUS_PROXY_PATH } from './host/constants';
import { APISERVER_SLO_BURNRATE } from './panels';
import { DURING_CALICO, TIMELINE, demoSpecs, iso } from './support/demo';
import {
  THEMES,
  type Theme,
  expect,
  expectTheme,
  hostEnv,
  hostPath,
  panel,
  saveScreenshot,
  test,
} from './support/fixtures';

const HOUR = 3600;
/**
 * Five hours (and 2 min 17 s, off the 5-minute grid as a real "now" is) after the Calico outage: the
 * calculator's last 30 days hold the outage and the days before it.
 */
const NOW = TIMELINE.incidents.calicoOutage.end + 5 * HOUR + 137;
/**
 * The API server write SLO: the outage hits its writes less than its reads, so its 1h/5m pair stays
 * under 14.4× (no page from it) and crosses 10×: the edit changes what the pair would have done.
 */
const SLO_ID = 'apiserver-write-availability';
const EDITED_FACTOR = 10;

function spec(): SloSpec {
  return demoSpecs().find((candidate) => candidate.id === SLO_ID)!;
}

/** The SLO's inputs with window 1 driven by `factor`, as the calculator's factor field commits it. */
function withFirstFactor(input: CalculatorInput, factor: number): CalculatorInput {
  const windows = input.windows.map((window, index) => {
    if (index > 0) {
      return window;
    }
    const { factor: _factor, budgetPercent: _budget, ...withoutDriver } = window;
    return { ...withoutDriver, factor };
  });
  return { ...input, windows };
}

/**
 * What the calculator must show for `input`, computed in Node: the SLO read as the calculator reads it (the
 * overview's plan as of NOW, reaching back the period and the longest window), then the backtest of the
 * tuned SLO over its last period.
 */
async function expectedBacktests(inputs: CalculatorInput[]): Promise<BacktestResult[]> {
  const original = spec();
  const own = tunedSpec(original, calculatorInputFromSpec(original))!;
  const http = new PrometheusHttpClient({ url: hostEnv('SLOBURN_BROWSER_PROMETHEUS_URL') });
  const { reading } = await loadSlo(http, original, {
    from: NOW,
    to: NOW,
    view: 'overview',
    pointsLimit: 'coarsen',
    historySeconds: historySecondsFor(original, backtestLookBack(own, NOW)),
  });
  if (reading.kind !== 'evaluated') {
    throw new Error(`the SLO does not evaluate in Node: ${reading.message}`);
  }
  const { events } = reading.groups[0];
  return inputs.map((input) => {
    const tuned = tunedSpec(original, input)!;
    // Every edit here keeps the longest window: the data read for the SLO's own windows is enough.
    expect(backtestLookBack(tuned, NOW)).toBe(backtestLookBack(own, NOW));
    return backtestSlo(tuned, events, calculatorBacktestRange(tuned, NOW), reading.plan.step);
  });
}

/** Requests the page sends to Prometheus (through the host's proxy, as Grafana's data source proxy). */
function countPrometheusRequests(page: Page): { count: () => number; urls: string[] } {
  const urls: string[] = [];
  page.on('request', (request: Request) => {
    if (new URL(request.url()).pathname.startsWith(`${PROMETHEUS_PROXY_PATH}/`)) {
      urls.push(request.url());
    }
  });
  return { count: () => urls.length, urls };
}

/** Each window row's backtest cells show what the engine has for that pair. */
async function expectBacktestCells(page: Page, result: BacktestResult) {
  for (const pair of result.pairs) {
    const n = pair.index + 1;
    await expect(page.getByTestId(`backtest-episodes-${n}`), `episodes of window ${n}`).toHaveText(String(pair.count));
    await expect(page.getByTestId(`backtest-firing-${n}`), `firing time of window ${n}`).toHaveText(
      pair.count > 0 ? formatHumanDuration(pair.firingSeconds) : '—'
    );
  }
  const page_ = result.severities.page;
  await expect(page.getByTestId('calculator-backtest-page')).toHaveText(
    page_.count === 0
      ? /would never have fired/
      : new RegExp(`${page_.count} episodes? · ${formatHumanDuration(page_.firingSeconds)} firing`)
  );
}

/** What a user would see go wrong: an error banner (role alert) or an invalid input. */
async function expectNoErrorShown(page: Page) {
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByText(/Cannot read|could not|No backtest/i)).toHaveCount(0);
  await expect(page.locator('[aria-invalid="true"]')).toHaveCount(0);
}

async function openPrefilled(page: Page, theme: Theme) {
  // The browser's clock: the calculator backtests as of now, and now is inside the demo data.
  await page.clock.setFixedTime(NOW * 1000);
  const requests = countPrometheusRequests(page);
  await page.goto(hostPath(`${APP_ROUTE}/calculator`, theme, undefined, { slo: SLO_ID }));
  await expectTheme(page, theme);
  await expect(page.getByTestId('calculator-backtest-about')).toContainText(
    `as of ${iso(NOW).slice(0, 16).replace('T', ' ')}`
  );
  await expect(page.getByTestId('backtest-episodes-1')).toHaveText(/^\d+$/);
  await page.waitForLoadState('networkidle');
  return requests;
}

for (const theme of THEMES) {
  test.describe(`burn-rate calculator prefilled from an SLO: backtest (${theme} theme)`, () => {
    test(`re-runs the backtest on the data already read when a factor changes (as of ${iso(NOW)})`, async ({
      page,
    }) => {
      const own = calculatorInputFromSpec(spec());
      const edited = withFirstFactor(own, EDITED_FACTOR);
      const [before, after] = await expectedBacktests([own, edited]);

      // What the data says: at 14.4× the 1h/5m pair would not have paged; at 10× it would have, once.
      const firstBefore = before.pairs.find((pair) => pair.index === 0)!;
      const firstAfter = after.pairs.find((pair) => pair.index === 0)!;
      expect(firstBefore.window.factor).toBe(14.4);
      expect(firstBefore.count).toBe(0);
      expect(firstAfter.count).toBe(1);
      expect(firstAfter.episodes[0].start).toBeGreaterThan(TIMELINE.incidents.calicoOutage.start);

      const requests = await openPrefilled(page, theme);
      await expect(page.getByLabel('Factor, window 1', { exact: true })).toHaveValue('14.4');
      await expectBacktestCells(page, before);
      await expectNoErrorShown(page);
      const read = requests.count();
      expect(read, 'the SLO read from Prometheus').toBeGreaterThan(0);
      await saveScreenshot(page, 'calculator-backtest-before', theme);

      // 14.4 → 10 on window 1, committed as a user does (Enter).
      const factor = page.getByLabel('Factor, window 1', { exact: true });
      await factor.fill(String(EDITED_FACTOR));
      await factor.press('Enter');
      await expect(page.getByTestId('backtest-episodes-1')).toHaveText(String(firstAfter.count));
      await expectBacktestCells(page, after);
      await expect(page.getByRole('button', { name: "Back to the SLO's own inputs" })).toBeVisible();
      await expectNoErrorShown(page);
      // The edit keeps the longest window: the backtest re-ran on the buckets already read.
      await page.waitForLoadState('networkidle');
      expect(requests.urls.slice(read), 'requests to Prometheus after the edit').toEqual([]);
      await saveScreenshot(page, 'calculator-backtest-after', theme);

      // The count sees the page's reads: a longer longest window (3d → 4d) needs older data, read anew.
      const longest = page.getByLabel('Long window, window 4', { exact: true });
      await longest.fill('4d');
      await longest.press('Enter');
      await expect
        .poll(() => requests.count(), 'requests to Prometheus after lengthening a window')
        .toBeGreaterThan(read);
      await expect(page.getByTestId('backtest-episodes-4')).toHaveText(/^\d+$/);
      await expectNoErrorShown(page);
    });
  });
}

test('the burn-rate panel on an SLO of the app shows the backtest beside its windows', async ({ page }) => {
  const range = { from: DURING_CALICO - 3 * 86400, to: DURING_CALICO };
  await page.goto(hostPath(`${PANELS_ROUTE}/burnrate`, 'dark', range));
  const fromSlo = panel(page, APISERVER_SLO_BURNRATE.title);
  await expect(fromSlo.getByRole('columnheader', { name: /^Episodes \(last .+\)$/ })).toBeVisible();
  await expect(fromSlo.getByTestId('backtest-episodes-1')).toHaveText(/^\d+/);
  await expectNoErrorShown(page);
});
