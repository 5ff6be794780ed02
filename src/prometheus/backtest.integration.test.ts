/** @jest-environment node */
/**
 * The backtest on the demo data against Prometheus itself: what the API server read SLO's alert pairs
 * would have done over the last 30 days of the demo, read as the command-line tool and the calculator
 * read it (the overview's plan reaching back the period and the longest window before it), compared
 * with the exported alert expressions evaluated by Prometheus at every step of the same range.
 */
import { readFileSync } from 'node:fs';
import { queryRange } from '../../scripts/prometheus/client';
import { describeWithPrometheus, withDemoPrometheus } from '../../scripts/prometheus/testing';
import { DEMO_SLOS_FILE } from '../../scripts/demo/demo-slos';
import {
  type BacktestResult,
  type SloSpec,
  backtestSlo,
  formatDuration,
  lastPeriodRange,
  parseSloSpecsYaml,
} from '../domain';
import { PrometheusHttpClient } from './httpClient';
import { loadSlo } from './loadSlo';
import { chunkedRange } from './plan';
import { inlineAlertExpr } from './rules';

const STEP = 300;
const DAY = 86400;

function demoSpec(id: string): SloSpec {
  return parseSloSpecsYaml(readFileSync(DEMO_SLOS_FILE, 'utf8')).valid.find((spec) => spec.id === id)!;
}

describeWithPrometheus('the backtest on the demo data', () => {
  const prometheus = withDemoPrometheus();
  const spec = demoSpec('apiserver-read-availability');
  let result: BacktestResult;
  let bucketStart = 0;

  beforeAll(async () => {
    const to = prometheus.timeline.end;
    const range = lastPeriodRange(spec.period, to);
    const { reading } = await loadSlo(new PrometheusHttpClient({ url: prometheus.url }), spec, {
      from: to,
      to,
      view: 'overview',
      historySeconds: range.to - range.from,
    });
    if (reading.kind !== 'evaluated') {
      throw new Error(reading.message);
    }
    bucketStart = reading.plan.bucketStart;
    result = backtestSlo(spec, reading.groups[0].events, range, reading.plan.step);
  }, 120_000);

  /** The times of the range at which Prometheus says the pair's exported alert expression is true. */
  async function alertTrueAt(pairIndex: number): Promise<number[]> {
    const expr = inlineAlertExpr(spec, result.pairs[pairIndex].window);
    const times: number[] = [];
    for (const chunk of chunkedRange(result.from, result.to, STEP)) {
      const series = await queryRange(prometheus.url, expr, chunk.start, chunk.end, STEP);
      times.push(...series.flatMap((one) => one.points.map(([time]) => time)));
    }
    return [...new Set(times)].sort((a, b) => a - b);
  }

  it('covers the whole last period, read with the longest alert window before it', () => {
    expect(result).toMatchObject({
      from: prometheus.timeline.end - 30 * DAY,
      to: prometheus.timeline.end,
      stepSeconds: STEP,
    });
    expect(result.evaluations).toBe(30 * 288 + 1);
    expect(bucketStart).toBeLessThanOrEqual(result.from - 3 * DAY);
  });

  it('fires the 1h/5m pair during the Calico outage and at no other time in the period', async () => {
    const { calicoOutage } = prometheus.timeline.incidents;
    const fastPage = result.pairs[0];
    expect(
      `${fastPage.window.severity} ${formatDuration(fastPage.window.longSeconds)}/${formatDuration(fastPage.window.shortSeconds)}`
    ).toBe('page 1h/5m');
    expect(fastPage.count).toBe(1);
    const [episode] = fastPage.episodes;
    expect(episode.start).toBeGreaterThan(calicoOutage.start);
    expect(episode.start).toBeLessThan(calicoOutage.start + 3600);
    expect(episode.end).toBeGreaterThan(calicoOutage.end);
    expect(episode.end).toBeLessThanOrEqual(calicoOutage.end + 3600);
    expect(episode.open).toBe(false);
    // The page severity has that episode, the 6h/30m pair's inside it.
    expect(result.severities.page.count).toBe(1);
  });

  it('starts the episode, to the bucket, where Prometheus first finds the exported alert expression true', async () => {
    const [episode] = result.pairs[0].episodes;
    const firing = await alertTrueAt(0);
    expect(firing.length).toBeGreaterThan(0);
    expect(firing[0]).toBe(episode.start);
    // And Prometheus finds it true at no time outside the episode: the outage is the only one.
    expect(firing.filter((time) => time < episode.start || time >= episode.end)).toEqual([]);
    // The episode's evaluations are the times Prometheus finds it true, but for the last, where the 1-hour
    // ratio leaves the threshold: summed from buckets or extrapolated over the hour, they cross it within a step.
    const evaluations = (episode.end - episode.start) / STEP;
    expect(Math.abs(firing.length - evaluations)).toBeLessThanOrEqual(1);
  });
});
