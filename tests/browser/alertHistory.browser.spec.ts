import type { Page } from '@playwright/test';
import {
  type AlertWindow,
  type BacktestResult,
  type SloSpec,
  alertGuardOf,
  backtestAlerts,
  backtestSlo,
  budgetEvents,
  lastPeriodRange,
  sloAlertWindows,
} from '../../src/domain';
import { formatHumanDuration } from '../../src/components/format';
import { PrometheusHttpClient } from '../../src/prometheus/httpClient';
import { loadSlo } from '../../src/prometheus/loadSlo';
import { APP_ROUTE } from './host/constants';
import { TIMELINE, demoSpecs, iso } from './support/demo';
import { THEMES, expect, expectTheme, hostEnv, hostPath, saveScreenshot, test } from './support/fixtures';

const HOUR = 3600;
const { calicoOutage } = TIMELINE.incidents;
/** The detail page from half a day before the Calico outage to six hours after it: its page episode whole. */
const DETAIL_RANGE = { from: calicoOutage.start - 12 * HOUR, to: calicoOutage.end + 6 * HOUR };
/** The calculator's "now": five hours (and 2 min 17 s) after the outage, as in its page test. */
const CALCULATOR_NOW = calicoOutage.end + 5 * HOUR + 137;

const spec = (id: string): SloSpec => demoSpecs().find((one) => one.id === id)!;
const client = () => new PrometheusHttpClient({ url: hostEnv('SLOBURN_BROWSER_PROMETHEUS_URL') });

/** The detail page's backtest, computed in Node: its plan for the visible range, the same buckets. */
async function detailHistory(one: SloSpec): Promise<BacktestResult> {
  const { reading } = await loadSlo(client(), one, { ...DETAIL_RANGE, view: 'detail', pointsLimit: 'coarsen' });
  if (reading.kind !== 'evaluated') {
    throw new Error(reading.message);
  }
  return backtestSlo(
    one,
    reading.groups[0].events,
    { from: reading.plan.historyFrom, to: reading.plan.now },
    reading.plan.step
  );
}

/** The calculator's backtest over the SLO's last period, with the windows given, computed in Node. */
async function calculatorHistory(one: SloSpec, windows: readonly AlertWindow[]): Promise<BacktestResult> {
  const range = lastPeriodRange(one.period, CALCULATOR_NOW);
  const longest = Math.max(...windows.map((window) => window.longSeconds));
  const { reading } = await loadSlo(client(), one, {
    from: CALCULATOR_NOW,
    to: CALCULATOR_NOW,
    view: 'overview',
    pointsLimit: 'coarsen',
    historySeconds: range.to - range.from + longest,
  });
  if (reading.kind !== 'evaluated') {
    throw new Error(reading.message);
  }
  return backtestAlerts({
    events: budgetEvents(one, reading.groups[0].events),
    objectivePercent: one.objective,
    period: one.period,
    windows,
    guard: alertGuardOf(one),
    range,
    stepSeconds: reading.plan.step,
  });
}

/** Counts the page's queries to Prometheus from now on. */
function countQueries(page: Page): () => number {
  let count = 0;
  page.on('request', (request) => {
    if (/\/api\/v1\/query(_range)?\b/.test(request.url()) || request.url().includes('/api/ds/query')) {
      count++;
    }
  });
  return () => count;
}

for (const theme of THEMES) {
  test(`detail page: the alert history of the API server read SLO over the Calico outage (${theme} theme)`, async ({
    page,
  }) => {
    const one = spec('apiserver-read-availability');
    const expected = await detailHistory(one);
    const fastPage = expected.pairs.find(
      (pair) => pair.window.severity === 'page' && pair.window.longSeconds === HOUR
    )!;
    expect(fastPage.count).toBe(1);
    const [episode] = fastPage.episodes;
    expect(episode.start).toBeGreaterThan(calicoOutage.start);
    expect(episode.end).toBeGreaterThan(calicoOutage.end);

    await page.goto(hostPath(`${APP_ROUTE}/slos/${one.id}`, theme, DETAIL_RANGE));
    await expectTheme(page, theme);
    const history = page.getByRole('table', { name: 'Alert history over the time range' });
    await expect(history).toBeVisible();
    for (const pair of expected.pairs) {
      const label = `${pair.window.severity}-${formatHumanDuration(pair.window.longSeconds)}/${formatHumanDuration(pair.window.shortSeconds)}`;
      const cells = history.getByTestId(`alert-history-${label}`).getByRole('cell');
      await expect(cells.nth(0), `episodes of ${label}`).toHaveText(String(pair.count));
      await expect(cells.nth(1), `firing time of ${label}`).toHaveText(
        pair.count > 0 ? formatHumanDuration(pair.firingSeconds) : '—'
      );
      await expect(cells.nth(2), `longest episode of ${label}`).toHaveText(
        pair.longest ? formatHumanDuration(pair.longest.end - pair.longest.start) : '—'
      );
    }
    await expect(history.getByTestId('alert-history-page').getByRole('cell').first()).toHaveText(
      String(expected.severities.page.count)
    );
    // The episodes drawn on the pairs' state timeline, which spans the visible range.
    const timeline = page.getByTestId('builtin-panel-state-timeline');
    await expect(timeline).toContainText('page 1h / 5m');
    await expect(timeline).toHaveAttribute('data-time-from', String(DETAIL_RANGE.from * 1000));
    await history.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'detail-alert-history', theme);

    // An episode is a link to itself: the time range zooms to it, with some context on each side.
    await history
      .getByTestId('alert-history-page-1h/5m')
      .getByTestId('alert-history-episode')
      .first()
      .getByRole('button')
      .click();
    await expect(page).toHaveURL((url) => {
      const time = (name: string) => {
        const value = url.searchParams.get(name) ?? '';
        return /^\d+$/.test(value) ? Number(value) / 1000 : Date.parse(value) / 1000;
      };
      return (
        time('from') < episode.start &&
        time('from') >= episode.start - 2 * HOUR &&
        time('to') > episode.end &&
        time('to') <= episode.end + 2 * HOUR
      );
    });
  });
}

for (const theme of THEMES) {
  test(`calculator: the backtest of an SLO's windows re-runs on every edit without a query (${theme} theme)`, async ({
    page,
  }) => {
    const one = spec('apiserver-write-availability');
    const windows = sloAlertWindows(one);
    expect(windows[0]).toMatchObject({ severity: 'page', longSeconds: HOUR, factor: 14.4 });
    const before = await calculatorHistory(one, windows);
    const after = await calculatorHistory(one, [{ ...windows[0], factor: 10 }, ...windows.slice(1)]);
    // What makes the tuning loop worth showing: at 14.4 the fast pair would not have paged, at 10 it would.
    expect(before.pairs[0].count).toBe(0);
    expect(after.pairs[0].count).toBeGreaterThan(0);

    await page.clock.setFixedTime(CALCULATOR_NOW * 1000);
    await page.goto(hostPath(`${APP_ROUTE}/calculator`, theme, undefined, { slo: one.id }));
    await expectTheme(page, theme);
    await expect(page.getByTestId('calculator-backtest-about')).toContainText(
      `as of ${iso(CALCULATOR_NOW).slice(0, 16).replace('T', ' ')}`
    );
    for (const [index, pair] of before.pairs.entries()) {
      await expect(page.getByTestId(`backtest-episodes-${index + 1}`)).toHaveText(String(pair.count));
    }
    await expect(page.getByTestId('calculator-backtest-page')).toContainText(`${before.severities.page.count} episode`);
    await saveScreenshot(page, 'calculator-backtest-before', theme);

    const queries = countQueries(page);
    const factor = page.getByLabel('Factor, window 1', { exact: true });
    await factor.fill('10');
    await factor.blur();
    for (const [index, pair] of after.pairs.entries()) {
      await expect(page.getByTestId(`backtest-episodes-${index + 1}`)).toHaveText(String(pair.count));
    }
    await expect(page.getByTestId('backtest-firing-1')).toHaveText(formatHumanDuration(after.pairs[0].firingSeconds));
    expect(queries(), 'an edit that keeps the longest window reads nothing again').toBe(0);
    await saveScreenshot(page, 'calculator-backtest-after', theme);

    // A window longer than any read so far needs data from further back: then, and only then, a query.
    const longest = page.getByLabel('Long window, window 4', { exact: true });
    await longest.fill('5d');
    await longest.blur();
    await expect.poll(queries, { message: 'a longer window reads again' }).toBeGreaterThan(0);
  });
}
