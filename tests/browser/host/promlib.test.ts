/**
 * The host's rewrite of promlib's step and interval rules against the cases of promlib's own tests
 * (grafana/grafana pkg/promlib/models/query_test.go: TestParse, TestRateInterval, TestAlignTimeRange).
 * Each case names the promlib test it comes from; durations are milliseconds.
 */
import {
  alignToStep,
  formatInterval,
  goDuration,
  interpolateVariables,
  parseGrafanaInterval,
  promlibStep,
  roundInterval,
} from './promlib';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const NOW = Date.UTC(2026, 10, 1);

interface Case {
  name: string;
  expr: string;
  /** The query's own `interval` in its JSON model. */
  interval?: string;
  intervalFactor?: number;
  /** `intervalMs` in the query's JSON model (0 when the test leaves it out). */
  intervalMs: number;
  /** backend.DataQuery.Interval: what the Grafana server read from the request's intervalMs. */
  queryInterval: number;
  /** 0: the test sets no MaxDataPoints. */
  maxDataPoints: number;
  range: number;
  scrape: string;
  step?: number;
  result?: string;
}

/** promlib's `Parse`, as the host does it: the step, then the expression with that step. */
function parse(c: Case): { step: number; expr: string } {
  const step = promlibStep(
    {
      interval: c.interval,
      intervalFactor: c.intervalFactor,
      intervalMs: c.intervalMs,
      maxDataPoints: c.maxDataPoints,
      from: NOW,
      to: NOW + c.range,
    },
    c.scrape
  );
  const expr = interpolateVariables(c.expr, {
    queryInterval: c.queryInterval,
    step,
    requestedMinStep: c.interval ?? '',
    dsScrapeInterval: c.scrape,
    range: c.range,
  });
  return { step, expr };
}

const PARSE_CASES: Case[] = [
  // TestParse
  {
    name: 'parsing query model with step',
    expr: 'go_goroutines',
    intervalMs: 0,
    queryInterval: MINUTE,
    maxDataPoints: 0,
    range: 12 * HOUR,
    scrape: '15s',
    step: 30 * SECOND,
  },
  {
    name: 'parsing query model without step parameter',
    expr: 'go_goroutines',
    intervalFactor: 1,
    intervalMs: 0,
    queryInterval: MINUTE,
    maxDataPoints: 0,
    range: HOUR,
    scrape: '15s',
    step: 15 * SECOND,
  },
  {
    name: 'parsing query model with high intervalFactor',
    expr: 'go_goroutines',
    intervalFactor: 10,
    intervalMs: 0,
    queryInterval: MINUTE,
    maxDataPoints: 0,
    range: 48 * HOUR,
    scrape: '15s',
    step: 20 * MINUTE,
  },
  {
    name: 'parsing query model with low intervalFactor',
    expr: 'go_goroutines',
    intervalFactor: 1,
    intervalMs: 0,
    queryInterval: MINUTE,
    maxDataPoints: 0,
    range: 48 * HOUR,
    scrape: '15s',
    step: 2 * MINUTE,
  },
  {
    name: 'parsing query model specified scrape-interval in the data source',
    expr: 'go_goroutines',
    intervalFactor: 1,
    intervalMs: 0,
    queryInterval: MINUTE,
    maxDataPoints: 0,
    range: 48 * HOUR,
    scrape: '240s',
    step: 4 * MINUTE,
  },
  {
    name: 'parsing query model with $__interval variable',
    expr: 'rate(ALERTS{job="test" [$__interval]})',
    intervalFactor: 1,
    intervalMs: 60000,
    queryInterval: MINUTE,
    maxDataPoints: 0,
    range: 48 * HOUR,
    scrape: '15s',
    step: 2 * MINUTE,
    result: 'rate(ALERTS{job="test" [2m]})',
  },
  {
    name: 'parsing query model with ${__interval} variable',
    expr: 'rate(ALERTS{job="test" [${__interval}]})',
    interval: '1m',
    intervalFactor: 1,
    intervalMs: 60000,
    queryInterval: MINUTE,
    maxDataPoints: 0,
    range: 48 * HOUR,
    scrape: '15s',
    result: 'rate(ALERTS{job="test" [2m]})',
  },
  {
    name: 'parsing query model with $__interval_ms and $__interval variable',
    expr: 'rate(ALERTS{job="test" [$__interval_ms]}) + rate(ALERTS{job="test" [$__interval]})',
    intervalFactor: 1,
    intervalMs: 60000,
    queryInterval: MINUTE,
    maxDataPoints: 0,
    range: 48 * HOUR,
    scrape: '15s',
    result: 'rate(ALERTS{job="test" [120000]}) + rate(ALERTS{job="test" [2m]})',
  },
  {
    name: 'parsing query model with $__range variable',
    expr: 'rate(ALERTS{job="test" [$__range]})',
    intervalMs: 0,
    queryInterval: MINUTE,
    maxDataPoints: 0,
    range: 48 * HOUR,
    scrape: '15s',
    result: 'rate(ALERTS{job="test" [172800s]})',
  },
  {
    name: 'parsing query model with ${__range_s} variable',
    expr: 'rate(ALERTS{job="test" [${__range_s}s]})',
    intervalMs: 0,
    queryInterval: MINUTE,
    maxDataPoints: 0,
    range: 48 * HOUR,
    scrape: '15s',
    result: 'rate(ALERTS{job="test" [172800s]})',
  },
  {
    name: 'parsing query model with $__range_s variable below 0.5s',
    expr: 'rate(ALERTS{job="test" [$__range_s]})',
    intervalMs: 0,
    queryInterval: MINUTE,
    maxDataPoints: 0,
    range: 40,
    scrape: '15s',
    result: 'rate(ALERTS{job="test" [0]})',
  },
  {
    name: 'parsing query model with $__range_s variable between 1-0.5s',
    expr: 'rate(ALERTS{job="test" [$__range_s]})',
    intervalMs: 0,
    queryInterval: MINUTE,
    maxDataPoints: 0,
    range: 800,
    scrape: '15s',
    result: 'rate(ALERTS{job="test" [1]})',
  },
  {
    name: 'parsing query model with $__range_ms variable below 1s',
    expr: 'rate(ALERTS{job="test" [$__range_ms]})',
    intervalMs: 0,
    queryInterval: MINUTE,
    maxDataPoints: 0,
    range: 20,
    scrape: '15s',
    result: 'rate(ALERTS{job="test" [20]})',
  },
  {
    name: 'parsing query model with $__rate_interval variable',
    expr: 'rate(ALERTS{job="test" [$__rate_interval]})',
    interval: '5m',
    intervalMs: 0,
    queryInterval: MINUTE,
    maxDataPoints: 0,
    range: 5 * MINUTE,
    scrape: '15s',
    result: 'rate(ALERTS{job="test" [20m0s]})',
  },
  {
    name: 'parsing query model with $__rate_interval variable in expr and interval',
    expr: 'rate(ALERTS{job="test" [$__rate_interval]})',
    interval: '$__rate_interval',
    intervalMs: 0,
    queryInterval: MINUTE,
    maxDataPoints: 0,
    range: 5 * MINUTE,
    scrape: '15s',
    step: MINUTE,
    result: 'rate(ALERTS{job="test" [1m0s]})',
  },
  {
    name: 'parsing query model with $__rate_interval_ms and $__rate_interval variable',
    expr: 'rate(ALERTS{job="test" [$__rate_interval_ms]}) + rate(ALERTS{job="test" [$__rate_interval]})',
    intervalMs: 0,
    queryInterval: 2 * MINUTE,
    maxDataPoints: 0,
    range: 48 * HOUR,
    scrape: '15s',
    result: 'rate(ALERTS{job="test" [135000]}) + rate(ALERTS{job="test" [2m15s]})',
  },
  {
    name: 'parsing query model with ${__rate_interval_ms} and ${__rate_interval} variable',
    expr: 'rate(ALERTS{job="test" [${__rate_interval_ms}]}) + rate(ALERTS{job="test" [${__rate_interval}]})',
    intervalMs: 0,
    queryInterval: 2 * MINUTE,
    maxDataPoints: 0,
    range: 48 * HOUR,
    scrape: '15s',
    result: 'rate(ALERTS{job="test" [135000]}) + rate(ALERTS{job="test" [2m15s]})',
  },
];

/** TestRateInterval's table: MaxDataPoints 12384, the time range 1 hour unless given. */
const RATE_CASES: Case[] = [
  ['intervalMs 100s, minStep override 150s and scrape interval 30s', '150s', 100000, '30s', HOUR, 150, '10m0s'],
  ['intervalMs 120s, minStep override 150s and ds scrape interval 30s', '150s', 120000, '30s', HOUR, 150, '10m0s'],
  [
    'intervalMs 120s, minStep auto (interval not overridden) and ds scrape interval 30s',
    '120s',
    120000,
    '30s',
    HOUR,
    120,
    '8m0s',
  ],
  [
    'interval and minStep are automatically calculated and ds scrape interval 30s and time range 1 hour',
    '30s',
    30000,
    '30s',
    HOUR,
    30,
    '2m0s',
  ],
  [
    'minStep is $__rate_interval and ds scrape interval 30s and time range 1 hour',
    '$__rate_interval',
    30000,
    '30s',
    HOUR,
    120,
    '2m0s',
  ],
  [
    'minStep is $__rate_interval and ds scrape interval 30s and time range 2 days',
    '$__rate_interval',
    120000,
    '30s',
    48 * HOUR,
    150,
    '2m30s',
  ],
  [
    'minStep is $__rate_interval and ds scrape interval 15s and time range 2 days',
    '$__interval',
    120000,
    '15s',
    48 * HOUR,
    120,
    '8m0s',
  ],
].map(([name, interval, intervalMs, scrape, range, step, window]) => ({
  name: `TestRateInterval: ${name}`,
  expr: 'rate(rpc_durations_seconds_count[$__rate_interval])',
  interval: interval as string,
  intervalMs: intervalMs as number,
  queryInterval: intervalMs as number,
  maxDataPoints: 12384,
  range: range as number,
  scrape: scrape as string,
  step: (step as number) * SECOND,
  result: `rate(rpc_durations_seconds_count[${window}])`,
}));

/** The two named sub-tests of TestRateInterval, with real frontend requests in them. */
const FRONTEND_CASES: Case[] = [
  {
    name: 'TestRateInterval: minStep is auto and ds scrape interval 30s and time range 1 hour',
    expr: 'sum(rate(process_cpu_seconds_total[$__rate_interval]))',
    interval: '',
    intervalMs: 30000,
    queryInterval: 30 * SECOND,
    maxDataPoints: 1613,
    range: HOUR,
    scrape: '30s',
    step: 30 * SECOND,
    result: 'sum(rate(process_cpu_seconds_total[2m0s]))',
  },
  {
    name: 'TestRateInterval: minStep is auto and ds scrape interval 15s and time range 5 minutes',
    expr: 'sum(rate(cache_requests_total[$__rate_interval]))',
    interval: '',
    intervalMs: 15000,
    queryInterval: 15 * SECOND,
    maxDataPoints: 1055,
    range: 5 * MINUTE,
    scrape: '15s',
    step: 15 * SECOND,
    result: 'sum(rate(cache_requests_total[1m0s]))',
  },
];

describe("the host's promlib step and interval rules, on the cases of promlib's query_test.go", () => {
  it.each([...PARSE_CASES, ...RATE_CASES, ...FRONTEND_CASES])('$name', (c) => {
    const { step, expr } = parse(c);
    if (c.step !== undefined) {
      expect(step).toBe(c.step);
    }
    if (c.result !== undefined) {
      expect(expr).toBe(c.result);
    }
  });

  it('aligns range queries down to the step (TestAlignTimeRange)', () => {
    expect(alignToStep(1664816826 * SECOND, 10 * SECOND)).toBe(1664816820 * SECOND);
    expect(alignToStep(1664816825 * SECOND + 5, 10)).toBe(1664816825 * SECOND);
    // A 1w step moves a Monday back to a Thursday, as promlib's own test says it must.
    expect(alignToStep(1704672000 * SECOND, 604800 * SECOND)).toBe(1704326400 * SECOND);
  });

  it('formats and parses durations as gtime and Go do', () => {
    expect([2 * MINUTE, HOUR, 36 * HOUR, 500, 0].map(formatInterval)).toEqual(['2m', '1h', '1d', '500ms', '1ms']);
    expect([20 * MINUTE, 135 * SECOND, HOUR, 1500, 500, 0].map(goDuration)).toEqual([
      '20m0s',
      '2m15s',
      '1h0m0s',
      '1.5s',
      '500ms',
      '0s',
    ]);
    expect(['60s', '60', '<5m>', '1h30m', '1d', '2m0s'].map(parseGrafanaInterval)).toEqual([
      MINUTE,
      MINUTE,
      5 * MINUTE,
      90 * MINUTE,
      24 * HOUR,
      2 * MINUTE,
    ]);
    expect([10, 28800, 115200, 800 * HOUR].map(roundInterval)).toEqual([1, 30 * SECOND, 2 * MINUTE, 720 * HOUR]);
  });
});
