import { poisson, splitCount } from '../distributions';
import { HistogramSeries, type HistogramShape } from '../histogram';
import { CounterSeries, sampleTime, type MetricFamily } from '../series';
import { containsInstant, coversMinuteEndingAt } from '../timeline';
import { dailyCycle } from '../traffic';
import type { Scenario, ScenarioContext } from './scenario';

const SERVICE = 'checkout';
const REQUESTS_PER_SECOND = 35;
const CODES = ['200', '400', '500', '503'] as const;

const DURATION_SHAPE: HistogramShape = {
  bounds: [0.05, 0.1, 0.25, 0.3, 0.5, 1, 2.5],
  typicalMillis: [22, 70, 160, 275, 380, 680, 1500, 4000],
};

interface Route {
  path: string;
  method: 'GET' | 'POST';
  trafficShare: number;
  clientErrorProbability: number;
  /** Shares of requests per interval between the bounds of DURATION_SHAPE. */
  latency: readonly number[];
}

// Slower than 0.3 s: 0.25 %, 0.5 % and 0.7 %; about 0.38 % of all requests.
const ROUTES: readonly Route[] = [
  {
    path: '/cart',
    method: 'GET',
    trafficShare: 0.6,
    clientErrorProbability: 0.001,
    latency: [0.7, 0.22, 0.0725, 0.005, 0.002, 0.0004, 0.0001, 0],
  },
  {
    path: '/checkout',
    method: 'POST',
    trafficShare: 0.25,
    clientErrorProbability: 0.005,
    latency: [0.3, 0.4, 0.265, 0.03, 0.004, 0.0008, 0.0002, 0],
  },
  {
    path: '/payment',
    method: 'POST',
    trafficShare: 0.15,
    clientErrorProbability: 0.005,
    latency: [0.1, 0.35, 0.45, 0.093, 0.005, 0.0015, 0.0004, 0.0001],
  },
];

const BASELINE_INTERNAL_ERROR_PROBABILITY = 0.00015;
const BASELINE_UNAVAILABLE_PROBABILITY = 0.00005;
const SLOW_BURN_ROUTE = '/payment';
/** During the slow burn the payment provider fails often enough to make 0.4 % of all requests 5xx. */
const SLOW_BURN_EXTRA_ERROR_PROBABILITY = (0.004 - 0.0002) / 0.15;

interface RouteSeries {
  route: Route;
  requestsByCode: CounterSeries[];
  durations: HistogramSeries;
}

export const checkoutScenario: Scenario = {
  name: 'checkout',
  simulate(context: ScenarioContext): MetricFamily[] {
    const { grid } = context;
    const { checkoutSlowBurn, checkoutRestart, checkoutQuietHour } = context.timeline.incidents;
    const { random } = context;
    const routes = ROUTES.map((route) => createRouteSeries(context, route));
    const codeCounts: number[] = [];
    const intervalCounts: number[] = [];

    for (let index = 0; index < grid.count; index++) {
      const time = sampleTime(grid, index);
      if (containsInstant(checkoutRestart, time)) {
        // The process is down: no scrape succeeds and no request is served.
        routes.forEach(({ requestsByCode, durations }) => {
          requestsByCode.forEach((counter) => counter.recordMissing(index));
          durations.recordMissing(index);
        });
        continue;
      }
      if (time === checkoutRestart.end) {
        routes.forEach(({ requestsByCode, durations }) => {
          requestsByCode.forEach((counter) => counter.reset());
          durations.reset();
        });
      }
      const quiet = coversMinuteEndingAt(checkoutQuietHour, time);
      const slowBurn = coversMinuteEndingAt(checkoutSlowBurn, time);
      const load = dailyCycle(time, 0.45, 19);
      for (const { route, requestsByCode, durations } of routes) {
        const requests = quiet ? 0 : poisson(random, REQUESTS_PER_SECOND * 60 * route.trafficShare * load);
        splitCount(random, requests, codeWeights(route, slowBurn && route.path === SLOW_BURN_ROUTE), codeCounts);
        requestsByCode.forEach((counter, code) => counter.record(index, codeCounts[code]));
        splitCount(random, requests, route.latency, intervalCounts);
        durations.record(index, intervalCounts);
      }
    }

    return [
      {
        name: 'http_requests',
        type: 'counter',
        help: 'Total HTTP requests served, by method, route and status code.',
        series: routes.flatMap(({ requestsByCode }) => requestsByCode.map((counter) => counter.series)),
      },
      {
        name: 'http_request_duration_seconds',
        type: 'histogram',
        help: 'HTTP request duration in seconds, by route.',
        series: routes.flatMap(({ durations }) => durations.series),
      },
    ];
  },
};

/** Weights of CODES for one minute of a route. */
function codeWeights(route: Route, failingUpstream: boolean): number[] {
  const extra = failingUpstream ? SLOW_BURN_EXTRA_ERROR_PROBABILITY : 0;
  // An unavailable payment provider mostly surfaces as 503, sometimes as an unhandled 500.
  const internalError = BASELINE_INTERNAL_ERROR_PROBABILITY + 0.2 * extra;
  const unavailable = BASELINE_UNAVAILABLE_PROBABILITY + 0.8 * extra;
  return [
    1 - route.clientErrorProbability - internalError - unavailable,
    route.clientErrorProbability,
    internalError,
    unavailable,
  ];
}

function createRouteSeries(context: ScenarioContext, route: Route): RouteSeries {
  const requestsByCode = CODES.map(
    (code) =>
      new CounterSeries(context.grid, 'http_requests_total', [
        ['code', code],
        ['method', route.method],
        ['route', route.path],
        ['service', SERVICE],
      ])
  );
  const durations = new HistogramSeries(
    context.grid,
    'http_request_duration_seconds',
    [
      ['route', route.path],
      ['service', SERVICE],
    ],
    DURATION_SHAPE
  );
  return { route, requestsByCode, durations };
}
