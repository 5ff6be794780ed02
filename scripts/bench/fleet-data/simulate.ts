/**
 * One fleet service's metrics, per cluster, scraped every minute: `http_requests_total` by code (200,
 * 404, 500, 503) and the `http_request_duration_seconds` histogram, whose `le` values are written as
 * Prometheus 3 stores them (`le="1.0"`).
 */
import { poisson, splitCount } from '../../demo/distributions';
import { HistogramSeries, type HistogramShape } from '../../demo/histogram';
import type { Random } from '../../demo/random';
import { CounterSeries, type MetricFamily, type SampleGrid, sampleTime } from '../../demo/series';
import { MINUTE_SECONDS, containsInstant, coversMinuteEndingAt } from '../../demo/timeline';
import { dailyCycle } from '../../demo/traffic';
import type { FleetService, Incident } from './services';

export const FLEET_DURATION_SHAPE: HistogramShape = {
  bounds: [0.1, 0.25, 0.5, 1, 2.5],
  typicalMillis: [45, 170, 370, 720, 1600, 4000],
};
const CODES = ['200', '404', '500', '503'] as const;
/** Requests that fail with a server error: mostly 500, the rest 503. */
const INTERNAL_ERROR_SHARE = 0.7;
const LOG_SIGMA = 0.6;
const DAILY_AMPLITUDE = 0.4;
/** Scrapes fail for this long before a restart, whose sample then starts the counters from zero. */
const RESTART_GAP_SECONDS = 2 * MINUTE_SECONDS;

export function simulateService(grid: SampleGrid, service: FleetService, random: Random): MetricFamily[] {
  const latency = new Map<number, number[]>();
  const sharesFor = (slowdown: number) => {
    if (!latency.has(slowdown)) {
      latency.set(slowdown, logNormalShares(service.medianSeconds * slowdown, FLEET_DURATION_SHAPE.bounds));
    }
    return latency.get(slowdown)!;
  };
  const requests: CounterSeries[] = [];
  const durations: HistogramSeries[] = [];
  const codeCounts: number[] = [];
  const intervalCounts: number[] = [];
  const restartGap =
    service.restartAt === null ? null : { start: service.restartAt - RESTART_GAP_SECONDS, end: service.restartAt };
  for (const cluster of service.clusters) {
    const labels = [
      ['cluster', cluster],
      ['service', service.name],
    ] as const;
    const byCode = CODES.map(
      (code) => new CounterSeries(grid, 'http_requests_total', [labels[0], ['code', code], labels[1]])
    );
    const histogram = new HistogramSeries(grid, 'http_request_duration_seconds', labels, FLEET_DURATION_SHAPE);
    for (let index = 0; index < grid.count; index++) {
      const time = sampleTime(grid, index);
      if (restartGap && containsInstant(restartGap, time)) {
        byCode.forEach((counter) => counter.recordMissing(index));
        histogram.recordMissing(index);
        continue;
      }
      if (time === service.restartAt) {
        byCode.forEach((counter) => counter.reset());
        histogram.reset();
      }
      const { serverErrors, slowdown } = conditionsAt(service, time);
      const load = dailyCycle(time, DAILY_AMPLITUDE, service.peakHourUtc);
      const count = poisson(random, service.requestsPerSecond * MINUTE_SECONDS * load);
      const weights = [
        1 - serverErrors - service.notFound,
        service.notFound,
        serverErrors * INTERNAL_ERROR_SHARE,
        serverErrors * (1 - INTERNAL_ERROR_SHARE),
      ];
      splitCount(random, count, weights, codeCounts);
      byCode.forEach((counter, code) => counter.record(index, codeCounts[code]));
      splitCount(random, count, sharesFor(slowdown), intervalCounts);
      histogram.record(index, intervalCounts);
    }
    requests.push(...byCode);
    durations.push(histogram);
  }
  return [
    {
      name: 'http_requests',
      type: 'counter',
      help: 'HTTP requests served, by cluster, service and status code.',
      series: requests.map((counter) => counter.series),
    },
    {
      name: 'http_request_duration_seconds',
      type: 'histogram',
      help: 'HTTP request duration in seconds, by cluster and service.',
      series: durations.flatMap((histogram) => histogram.series),
    },
  ];
}

/** The 5xx share and the slowdown of the minute ending at `time`: the baseline plus every incident on. */
export function conditionsAt(service: FleetService, time: number): { serverErrors: number; slowdown: number } {
  let serverErrors = service.serverErrors;
  let slowdown = 1;
  for (const incident of service.incidents) {
    if (coversMinuteEndingAt(incident, time)) {
      if (incident.kind === 'latency') {
        slowdown = Math.max(slowdown, incident.severity);
      } else {
        serverErrors = Math.min(0.95, serverErrors + incident.severity);
      }
    }
  }
  return { serverErrors, slowdown };
}

/** Shares of requests per interval between the bounds (and above the last) of a log-normal duration. */
export function logNormalShares(medianSeconds: number, bounds: readonly number[]): number[] {
  const below = bounds.map((bound) => normalCdf(Math.log(bound / medianSeconds) / LOG_SIGMA));
  return [...below, 1].map((cumulative, index) => Math.max(0, cumulative - (index === 0 ? 0 : below[index - 1])));
}

/** Φ(x) from erf (Abramowitz and Stegun 7.1.26, error below 1.5e-7). */
function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

export type { Incident };
