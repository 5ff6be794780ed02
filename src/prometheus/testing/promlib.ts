import { grafanaRoundInterval, grafanaSafeStep } from '../grafanaQueries';

/**
 * Test support: what Grafana's Prometheus data source does with one range query of a request
 * (grafana/grafana pkg/promlib/models/query.go and intervalv2): the step is the range over
 * `maxDataPoints` (the query's minimum interval when that is less, else rounded), at least the range over
 * 11,000 points, rounded; start and end are aligned down to a multiple of the step.
 */
export function promlibRangeQuery(
  range: { from: number; to: number },
  maxDataPoints: number,
  minStepSeconds: number
): { start: number; end: number; step: number } {
  const span = range.to - range.from;
  const calculated = span / maxDataPoints;
  const interval = calculated < minStepSeconds ? minStepSeconds : grafanaRoundInterval(calculated);
  const step = Math.max(interval, grafanaSafeStep(span));
  const alignDown = (time: number) => Math.floor(time / step) * step;
  return { start: alignDown(range.from), end: alignDown(range.to), step };
}
