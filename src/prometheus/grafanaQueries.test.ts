import type { SloSpec } from '../domain';
import { grafanaRoundInterval, grafanaSafeStep, planMaxDataPoints, planTimeRange } from './grafanaQueries';
import { planQueries } from './plan';
import { promlibRangeQuery } from './testing/promlib';
import { CHECKOUT_AVAILABILITY } from '../domain/testing/checkoutAvailability';

const spec: SloSpec = CHECKOUT_AVAILABILITY;

describe('the Grafana request of a plan', () => {
  const onGrid = 1793491200;
  it.each([0, 1, 37, 133, 299])(
    'evaluated %s s after a bucket boundary: the planned buckets, instants at now',
    (offset) => {
      const at = onGrid + offset;
      const plan = planQueries(spec, { from: at - 86400, to: at, view: 'detail', pointsLimit: 'coarsen' });
      const range = planTimeRange(plan);
      // Instant queries run at the request's exact end.
      expect(range.to).toBe(at);
      const ranged = plan.queries.filter((query) => !query.instant);
      expect(promlibRangeQuery(range, planMaxDataPoints(plan), plan.step)).toEqual({
        step: plan.step,
        start: ranged[0].start,
        end: ranged[0].end,
      });
      expect(ranged[0].end).toBe(plan.bucketEnd);
    }
  );
});

describe('grafanaSafeStep', () => {
  it('is the range over 11,000 points, rounded as Grafana rounds intervals', () => {
    expect(grafanaSafeStep(33 * 86400)).toBe(300);
    expect(grafanaSafeStep(7 * 86400)).toBe(60);
    expect(grafanaSafeStep(28 * 86400)).toBe(300);
    expect(grafanaSafeStep(93 * 86400)).toBe(600);
    expect(grafanaRoundInterval(86400)).toBe(43200);
    expect(grafanaRoundInterval(5 * 365 * 86400)).toBe(31536000);
  });
});
