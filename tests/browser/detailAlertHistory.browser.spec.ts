import type { Page } from '@playwright/test';
import { formatHumanDuration } from '../../src/components/format';
import type { BacktestResult } from '../../src/domain';
import { PrometheusHttpClient } from '../../src/prometheus/httpClient';
import { loadSlo } from '../../src/prometheus/loadSlo';
import { episodeZoomRange } from '../../src/scenes/detail/episodeZoom';
import { detailFromReading } from '../../src/scenes/viewModels/sloDetail';
import { APP_ROUTE } from './host/constants';
import { TIMELINE, demoSpecs, iso } from './support/demo';
import { THEMES, expect, expectTheme, hostEnv, hostPath, saveScreenshot, test } from './support/fixtures';

const HOUR = 3600;
const SLO_ID = 'apiserver-read-availability';
const DETAIL = `${APP_ROUTE}/slos/${SLO_ID}`;
const { calicoOutage } = TIMELINE.incidents;
/** The Calico outage (10:00–13:00 UTC) with four quiet hours on each side. */
const RANGE = { from: calicoOutage.start - 4 * HOUR, to: calicoOutage.end + 4 * HOUR };
const FAST_PAGE = 'page-1h/5m';

/** The detail page's alert history over RANGE, as plan → Prometheus → engine gives it in Node. */
async function expectedHistory(range: { from: number; to: number }): Promise<BacktestResult> {
  const spec = demoSpecs().find((candidate) => candidate.id === SLO_ID)!;
  const http = new PrometheusHttpClient({ url: hostEnv('SLOBURN_BROWSER_PROMETHEUS_URL') });
  const { reading } = await loadSlo(http, spec, { ...range, view: 'detail', pointsLimit: 'coarsen' });
  if (reading.kind !== 'evaluated') {
    throw new Error(`the SLO does not evaluate in Node: ${reading.message}`);
  }
  return detailFromReading(reading).alertHistory;
}

/** What a user would see go wrong: an error banner (role alert), or a section that could not evaluate. */
async function expectNoErrorShown(page: Page) {
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByText(/could not be evaluated|Cannot read|failed/i)).toHaveCount(0);
}

/** Grafana's charts (the host's placeholders) get the visible range for their x-axes, whatever the queries read. */
async function expectChartsOver(page: Page, range: { from: number; to: number }) {
  const charts = page.locator('[data-testid^="builtin-panel-"]');
  await expect(charts).toHaveCount(4);
  for (const chart of await charts.all()) {
    await expect(chart).toHaveAttribute('data-time-from', String(range.from * 1000));
    await expect(chart).toHaveAttribute('data-time-to', String(range.to * 1000));
  }
}

/** Scenes writes the range back as ISO times or keeps epoch milliseconds: either is the same instant. */
function urlTime(value: string | null): number {
  return value === null ? NaN : /^\d+$/.test(value) ? Number(value) : Date.parse(value);
}

async function openDuringOutage(page: Page, theme: (typeof THEMES)[number]) {
  await page.goto(hostPath(DETAIL, theme, RANGE));
  await expectTheme(page, theme);
  const section = page.getByRole('region', { name: 'Alert history' });
  await expect(section.getByTestId(`alert-history-${FAST_PAGE}`)).toBeVisible();
  return section;
}

test.describe('SLO detail page: alert history', () => {
  test(`shows the page the Calico outage raised, draws it on the timeline and zooms to it (${iso(RANGE.from)} to ${iso(
    RANGE.to
  )})`, async ({ page }) => {
    const history = await expectedHistory(RANGE);
    const section = await openDuringOutage(page, 'dark');

    // What the data says: the fast page pair fired once, inside the outage, and stopped before the end.
    const fastPage = history.pairs.find((pair) => pair.window.severity === 'page' && pair.window.longSeconds === HOUR)!;
    expect(fastPage.count).toBe(1);
    const [episode] = fastPage.episodes;
    expect(episode.open).toBe(false);
    expect(episode.start).toBeGreaterThan(calicoOutage.start);
    expect(episode.start).toBeLessThan(calicoOutage.end);
    const length = formatHumanDuration(episode.end - episode.start);

    // The page's row: one episode, its firing time and its longest episode both that episode's length.
    const cells = section.getByTestId(`alert-history-${FAST_PAGE}`).getByRole('cell');
    await expect(cells.nth(0)).toHaveText('1');
    await expect(cells.nth(1)).toHaveText(length);
    await expect(cells.nth(2)).toHaveText(length);
    expect(fastPage.firingSeconds).toBe(episode.end - episode.start);
    expect(fastPage.longest).toEqual(episode);
    // The severity row: the page pairs' episodes as one alert, as the engine counts them.
    await expect(section.getByTestId('alert-history-page').getByRole('cell').first()).toHaveText(
      String(history.severities.page.count)
    );

    // The state timeline draws the episode: a firing box on the pair's row from its start to its end.
    const timeline = page.getByTestId('builtin-panel-state-timeline');
    const drawn = timeline.locator('[data-testid="host-timeline-stretch"][data-field="page 1h / 5m"]');
    await expect(drawn).toHaveCount(1);
    await expect(drawn).toHaveAttribute('data-from', String(episode.start * 1000));
    await expect(drawn).toHaveAttribute('data-to', String(episode.end * 1000));
    // Every pair's boxes are its episodes.
    const boxes = timeline.getByTestId('host-timeline-stretch');
    await expect(boxes).toHaveCount(history.pairs.reduce((sum, pair) => sum + pair.episodes.length, 0));

    await expectChartsOver(page, RANGE);
    await expectNoErrorShown(page);

    // Clicking the episode zooms the page to it, with some context on each side.
    const zoom = episodeZoomRange(episode);
    expect(zoom.from).toBeLessThan(episode.start);
    expect(zoom.to).toBeGreaterThan(episode.end);
    await section.getByRole('button', { name: /^page 1h\/5m: / }).click();
    await expect(page).toHaveURL(
      (url) =>
        url.pathname === DETAIL &&
        urlTime(url.searchParams.get('from')) === zoom.from * 1000 &&
        urlTime(url.searchParams.get('to')) === zoom.to * 1000
    );
    await expectChartsOver(page, zoom);
    // The zoomed page still shows the episode, now whole in a range of its own.
    const zoomed = await expectedHistory(zoom);
    const zoomedFastPage = zoomed.pairs.find((pair) => pair.index === fastPage.index)!;
    expect(zoomedFastPage.count).toBe(1);
    await expect(section.getByTestId(`alert-history-${FAST_PAGE}`).getByRole('cell').nth(0)).toHaveText('1');
    await expect(drawn).toHaveAttribute('data-from', String(zoomedFastPage.episodes[0].start * 1000));
    await expectNoErrorShown(page);
  });

  for (const theme of THEMES) {
    test(`in the ${theme} theme`, async ({ page }) => {
      const section = await openDuringOutage(page, theme);
      await expect(section.getByRole('button', { name: /^page 1h\/5m: / })).toBeVisible();
      await expectNoErrorShown(page);
      await section.scrollIntoViewIfNeeded();
      await saveScreenshot(page, 'detail-alert-history', theme);
    });
  }
});
