import type { Locator, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { specToYaml } from '../../src/app/config/specYamlText';
import { formatBurnRate, formatHumanDuration, formatPercent, formatWindowPair } from '../../src/components/format';
import {
  type BacktestEpisode,
  type BacktestResult,
  type SloSpec,
  backtestSlo,
  lastPeriodRange,
  parseSloSpecsYaml,
} from '../../src/domain';
import { PrometheusHttpClient } from '../../src/prometheus/httpClient';
import { loadSlo } from '../../src/prometheus/loadSlo';
import { PLUGINS_ROUTE } from './host/pluginRoutes';
import { TIMELINE, iso } from './support/demo';
import { THEMES, expect, expectTheme, hostEnv, hostPath, saveScreenshot, test } from './support/fixtures';

const HOUR = 3600;
const DAY = 86400;
/**
 * Five hours (and 2 min 17 s: a real "now" is seldom on the 5-minute grid) after the Calico outage: its
 * page episodes are over, the day's ticket windows still feel it.
 */
const NOW = TIMELINE.incidents.calicoOutage.end + 5 * HOUR + 137;
const CONFIG_PAGE = `${PLUGINS_ROUTE}/sloburn-slo-app`;
const DEMO_ID = 'apiserver-read-availability';
/** The draft: the demo's API server read SLO under a new id, as a user would start from it. */
const DRAFT_ID = 'apiserver-read-preview';
const TOTAL_QUERY = 'sum(rate(apiserver_request_total{verb=~"LIST|GET"}[{{.window}}]))';
const MISTYPED_TOTAL_QUERY = 'sum(rte(apiserver_request_total{verb=~"LIST|GET"}[{{.window}}]))';

function draftEntry(): Record<string, unknown> {
  const file = path.resolve(__dirname, '..', '..', 'demo', 'slos.yaml');
  const { slos } = parse(readFileSync(file, 'utf8')) as { slos: Array<Record<string, unknown>> };
  const demo = slos.find((entry) => entry.id === DEMO_ID)!;
  return { ...demo, id: DRAFT_ID, name: 'API server read availability (draft)' };
}

function draftSpec(yamlText: string): SloSpec {
  const { valid } = parseSloSpecsYaml(`slos:\n${yamlText.replace(/^/gm, '  ').replace(/^ {2}/, '- ')}`);
  expect(valid.map((spec) => spec.id)).toEqual([DRAFT_ID]);
  return valid[0];
}

interface Expected {
  sli: string;
  budget: string;
  history: BacktestResult;
}

/**
 * What the preview must show, computed in Node with the engine from the same Prometheus: the draft
 * planned as of NOW over its period (the overview's plan, reaching back for the backtest), then the
 * backtest of its pairs over the last period.
 */
async function expected(spec: SloSpec): Promise<Expected> {
  const http = new PrometheusHttpClient({ url: hostEnv('SLOBURN_BROWSER_PROMETHEUS_URL') });
  const range = lastPeriodRange(spec.period, NOW);
  const { reading } = await loadSlo(http, spec, {
    from: NOW,
    to: NOW,
    view: 'overview',
    pointsLimit: 'coarsen',
    historySeconds: range.to - range.from,
  });
  if (reading.kind !== 'evaluated') {
    throw new Error(`the draft does not evaluate in Node: ${reading.message}`);
  }
  const { events, evaluation } = reading.groups[0];
  const history = backtestSlo(spec, events, range, reading.plan.step);
  expect(history.from).toBe(NOW - 30 * DAY);
  return {
    sli: formatPercent(evaluation.sli, 3),
    budget: formatPercent(evaluation.budgetRemaining, 1),
    history,
  };
}

/** Prometheus's own words for a range query it refuses (the preview reports its range queries' errors). */
async function prometheusError(expr: string): Promise<string> {
  const http = new PrometheusHttpClient({ url: hostEnv('SLOBURN_BROWSER_PROMETHEUS_URL') });
  const { response } = await http.rangeQuery(expr.split('{{.window}}').join('5m'), NOW - HOUR, NOW, 300);
  expect(response.status).toBe('error');
  return response.error ?? '';
}

/**
 * The browser logs every 400 answer as a console error. Prometheus refusing the mistyped query is what
 * this test expects, so those lines (and only those) are taken off the page's problems.
 */
function acceptRefusedQueries(problems: { errors: string[] }): void {
  const refused =
    /^console error: Failed to load resource: the server responded with a status of 400 \(Bad Request\) \(http:\/\/[^/]+\/prometheus\/api\/v1\/query(_range)?:\d+\)$/;
  expect(
    problems.errors.some((line) => refused.test(line)),
    'Prometheus refused the query'
  ).toBe(true);
  const others = problems.errors.filter((line) => !refused.test(line));
  problems.errors.splice(0, problems.errors.length, ...others);
}

async function openDraft(page: Page, theme: (typeof THEMES)[number]): Promise<{ yaml: Locator; preview: Locator }> {
  // The browser's clock: the preview evaluates as of now, and now is inside the demo data.
  await page.clock.setFixedTime(NOW * 1000);
  await page.goto(hostPath(CONFIG_PAGE, theme, undefined, { page: 'configuration' }));
  await expectTheme(page, theme);
  await page.getByRole('button', { name: 'Add SLO' }).click();
  const editor = page.getByRole('group', { name: 'New SLO' });
  await editor.getByRole('radio', { name: 'YAML' }).check({ force: true });
  const yaml = editor.getByLabel('SLO as YAML');
  await yaml.fill(specToYaml(draftEntry()));
  const preview = editor.getByRole('region', { name: 'Preview of this draft' });
  await expect(preview.getByTestId('draft-preview-sli')).toBeVisible();
  return { yaml, preview };
}

test.describe('configuration page: preview of a draft SLO', () => {
  test(`shows the draft's SLI, budget and alert history as the engine computes them (as of ${iso(NOW)})`, async ({
    page,
  }) => {
    const { yaml, preview } = await openDraft(page, 'dark');
    const reference = await expected(draftSpec(await yaml.inputValue()));

    await expect(preview).toContainText(`as of ${iso(NOW).slice(0, 19).replace('T', ' ')}`);
    await expect(preview.getByTestId('draft-preview-sli')).toContainText(reference.sli);
    await expect(preview.getByTestId('draft-preview-budget')).toContainText(reference.budget);
    await expect(preview.getByTestId('sloburn-burndown-chart').locator('canvas')).toBeVisible();
    await expect(preview.getByTestId('sloburn-budget-remaining')).toHaveText(reference.budget.replace(/\.0%$/, '%'));

    // What the demo data says: the fast page pair fired once in the period, during the Calico outage,
    // within its first hour, and is over by now.
    const { calicoOutage } = TIMELINE.incidents;
    const fastPage = reference.history.pairs.find((pair) => pair.window.longSeconds === HOUR)!;
    expect(fastPage.count).toBe(1);
    expect(fastPage.episodes[0].start).toBeGreaterThan(calicoOutage.start);
    expect(fastPage.episodes[0].start).toBeLessThanOrEqual(calicoOutage.start + HOUR);
    expect(fastPage.episodes[0].open).toBe(false);

    // The page shows every pair's figures and episodes as the engine has them.
    for (const pair of reference.history.pairs) {
      const label = `${pair.window.severity}-${formatWindowPair(pair.window.longSeconds, pair.window.shortSeconds)}`;
      const row = preview.getByTestId(`alert-history-${label}`);
      const cells = row.getByRole('cell');
      await expect(cells.nth(0), `episodes of ${label}`).toHaveText(String(pair.count));
      await expect(cells.nth(1), `firing time of ${label}`).toHaveText(
        pair.count > 0 ? formatHumanDuration(pair.firingSeconds) : '—'
      );
      await expect(cells.nth(2), `longest episode of ${label}`).toHaveText(
        pair.longest ? formatHumanDuration(pair.longest.end - pair.longest.start) : '—'
      );
      await expect(cells.nth(3), `time ${label} was held back`).toHaveText(
        pair.insufficientTrafficSeconds > 0 ? formatHumanDuration(pair.insufficientTrafficSeconds) : 'none'
      );
      const episodes = row.getByTestId('alert-history-episode');
      const shown = Math.min(pair.episodes.length, 5);
      await expect(episodes).toHaveCount(shown);
      for (let i = 0; i < shown; i++) {
        await expect(episodes.nth(i), `episode ${i + 1} of ${label}`).toContainText(episodeText(pair.episodes[i]));
      }
    }
    await expect(preview.getByTestId('alert-history-page').getByRole('cell').first()).toHaveText(
      String(reference.history.severities.page.count)
    );
  });

  test("shows Prometheus's parse error for a draft with mistyped PromQL", async ({ page, problems }) => {
    const { yaml, preview } = await openDraft(page, 'dark');
    const text = await yaml.inputValue();
    expect(text).toContain(TOTAL_QUERY);
    await yaml.fill(text.replace(TOTAL_QUERY, MISTYPED_TOTAL_QUERY));

    const message = await prometheusError(MISTYPED_TOTAL_QUERY);
    expect(message).toContain('parse error');
    await expect(preview.getByTestId('draft-preview-error')).toContainText(message);
    await expect(preview.getByTestId('draft-preview-sli')).toHaveCount(0);

    // Fixing it brings the figures back.
    await yaml.fill(text);
    await expect(preview.getByTestId('draft-preview-sli')).toBeVisible();
    await expect(preview.getByTestId('draft-preview-error')).toHaveCount(0);
    acceptRefusedQueries(problems);
  });

  for (const theme of THEMES) {
    test(`in the ${theme} theme`, async ({ page }) => {
      const { preview } = await openDraft(page, theme);
      await expect(preview.getByTestId('alert-history-page-1h/5m')).toBeVisible();
      await preview.scrollIntoViewIfNeeded();
      await saveScreenshot(page, 'config-preview', theme);
    });
  }
});

/** An episode as a user reads it (the host's user is in UTC): `2026-10-30 10:20 → 11:35` and its figures. */
function episodeText(episode: BacktestEpisode): RegExp {
  const minute = (time: number) => iso(time).slice(0, 16).replace('T', ' ');
  const end = episode.open
    ? 'still firing'
    : minute(episode.end).slice(0, 10) === minute(episode.start).slice(0, 10)
      ? minute(episode.end).slice(11)
      : minute(episode.end);
  const budget =
    episode.budgetConsumed === null ? 'no budget to measure' : `${formatPercent(episode.budgetConsumed)} of the budget`;
  const figures = [
    `${formatHumanDuration(episode.end - episode.start)}${episode.open ? ' so far' : ''}`,
    `peak ${formatBurnRate(episode.peakLongBurnRate)} long, ${formatBurnRate(episode.peakShortBurnRate)} short`,
    budget,
  ].join(' · ');
  return new RegExp(`^${escape(`${minute(episode.start)} → ${end}`)}\\s*${escape(figures)}`);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
