import type { SloSpec } from '../../../domain';
import { planQueries } from '../../../prometheus/plan';
import { readSlo } from '../../../prometheus/readSlo';
import { runPlanWithDataSource } from '../../../prometheus/runWithDataSource';
import { fakePrometheusDataSource } from './fakePrometheus';
import { CHECKOUT_AVAILABILITY } from '../../../domain/testing/checkoutAvailability';

const NOW = 1793491200;
const HOUR = 3600;

const checkout: SloSpec = CHECKOUT_AVAILABILITY;

describe('the panels’ fake Prometheus', () => {
  it('answers the exact-windows instant query at the exact end, as the range answers say', async () => {
    // 5% errors in the last hour, none before; one request a second.
    const fake = fakePrometheusDataSource((refId, time, { to }) =>
      refId === 'bad' ? (time > to - HOUR ? 0.05 : 0) : 1
    );
    const plan = planQueries(checkout, { from: NOW - 6 * HOUR, to: NOW, view: 'overview', pointsLimit: 'coarsen' });
    const results = await runPlanWithDataSource(plan, {
      datasource: 'x',
      getDataSource: async () => fake.datasource as never,
    });
    const windows = results.find((result) => result.refId === 'windows');
    expect(plan.queries.find((query) => query.refId === 'windows')?.instant).toBe(true);
    expect(windows?.series.length).toBeGreaterThan(0);
    expect(windows?.series.every((series) => series.times[0] === NOW)).toBe(true);

    // The same windows read from the buckets alone (no instant answer) agree with the exact ones.
    const exact = readSlo(checkout, plan, results);
    const fromBuckets = readSlo(
      checkout,
      plan,
      results.filter((result) => result.refId !== 'windows')
    );
    if (exact.kind !== 'evaluated' || fromBuckets.kind !== 'evaluated') {
      throw new Error('both readings must evaluate');
    }
    const bucketWindows = fromBuckets.groups[0].evaluation.windows;
    for (const window of exact.groups[0].evaluation.windows) {
      const same = bucketWindows.find((candidate) => candidate.seconds === window.seconds);
      expect(window.errorRatio).toBeCloseTo(same?.errorRatio ?? NaN, 12);
    }
    const fiveMinutes = exact.groups[0].evaluation.windows.find((window) => window.seconds === 300);
    expect(fiveMinutes?.errorRatio).toBeCloseTo(0.05, 9);
  });
});
