import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type SloSpec, defaultAlertWindows, parseSloSpecsYaml } from '../../domain';

const THIRTY_DAYS = 30 * 86400;

/**
 * The SLOs the scene recordings were made with (scripts/fixtures/sceneScenarios.ts): the demo SLOs
 * plus two broken ones. Their budgets cover 3 days (or a calendar week) so the recordings stay small,
 * but they alert with the 30-day factors (14.4, 6, 3, 1), so pages and tickets mean what they mean
 * in the demo.
 */
export function demoSpecsForScenes(): SloSpec[] {
  const text = readFileSync(path.resolve(__dirname, '..', '..', '..', 'demo', 'slos.yaml'), 'utf8');
  const demo = parseSloSpecsYaml(text).valid.map((spec) => shortened(spec));
  return [...demo, ...BROKEN_SPECS.map(shortened)];
}

function shortened(spec: SloSpec): SloSpec {
  return {
    ...spec,
    period: 'calendar' in spec.period ? { ...spec.period, calendar: 'week' } : { rolling: '3d' },
    alerting: { windows: defaultAlertWindows(THIRTY_DAYS) },
  };
}

export const BROKEN_SPECS: SloSpec[] = [
  {
    id: 'broken-promql',
    name: 'Broken PromQL',
    service: 'checkout',
    objective: 99.9,
    period: { rolling: '30d' },
    budgetingMethod: 'occurrences',
    sli: {
      events: {
        errorQuery: 'sum(rat(http_requests_total{code=~"5.."}[{{.window}}]))',
        totalQuery: 'sum(rate(http_requests_total[{{.window}}]))',
      },
    },
  },
  {
    id: 'no-such-metric',
    name: 'No such metric',
    service: 'checkout',
    objective: 99.9,
    period: { rolling: '30d' },
    budgetingMethod: 'occurrences',
    sli: {
      events: {
        errorQuery: 'sum(rate(no_such_metric_total{code=~"5.."}[{{.window}}]))',
        totalQuery: 'sum(rate(no_such_metric_total[{{.window}}]))',
      },
    },
  },
];

/**
 * Specs whose data cannot be an error ratio, for the page tests of the out-of-range rule (recorded by
 * scripts/fixtures/sceneScenarios.ts, not part of the overview's recording): checkout's error query
 * counting every request three times, so that bad events are three times the total.
 */
export const OUT_OF_RANGE_SPECS: SloSpec[] = [
  shortened({
    id: 'checkout-bad-tripled',
    name: 'Checkout availability (bad events counted three times)',
    service: 'checkout',
    objective: 99.9,
    period: { rolling: '30d' },
    budgetingMethod: 'occurrences',
    sli: {
      events: {
        errorQuery: '3 * sum(rate(http_requests_total{service="checkout"}[{{.window}}]))',
        totalQuery: 'sum(rate(http_requests_total{service="checkout"}[{{.window}}]))',
      },
    },
  }),
];
