/**
 * What Grafana's Prometheus backend (grafana/grafana pkg/promlib) does to one query of a request before
 * it asks Prometheus, rewritten for the browser-test host from its Go source:
 *
 * - the step: `calculatePrometheusInterval` (pkg/promlib/models/query.go) — the minimum is
 *   `gtime.GetIntervalFrom(dsScrapeInterval, query.interval, intervalMs, 15s)` (grafana-plugin-sdk-go
 *   backend/gtime/gtime.go), the range over maxDataPoints is rounded by `gtime.RoundInterval` when
 *   longer (pkg/promlib/intervalv2), the range over the safe resolution of 11000 points wins when
 *   longer still, then × intervalFactor; a query whose interval is `$__rate_interval` steps by the
 *   rate interval itself;
 * - `$__interval`, `$__interval_ms`, `$__range*`, `$__rate_interval*`: `InterpolateVariables` — the
 *   rate interval is `max(requestInterval + scrape, 4 × scrape)` where scrape is the query's own
 *   interval if it has one, else the data source's scrape interval (`jsonData.timeInterval`), else 15s;
 *   `$__interval` is formatted by `gtime.FormatInterval`, `$__rate_interval` by Go's Duration.String;
 * - range queries run from start to end rounded down to a multiple of the step
 *   (`AlignTimeRange`); instant queries at the request's exact end (pkg/promlib/client/client.go,
 *   `QueryInstant`: "Instead of aligning we use time point directly").
 *
 * Durations are milliseconds throughout.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** promlib's `safeResolution`. */
export const SAFE_RESOLUTION = 11000;
/** intervalv2's `DefaultRes`, used when a query has no maxDataPoints. */
export const DEFAULT_RESOLUTION = 1500;
/** The default of `GetIntervalFrom` and of `calculateRateInterval` when nothing sets a scrape interval. */
export const DEFAULT_SCRAPE_INTERVAL = '15s';

/** What promlib reads from one query of a request. */
export interface PromlibQuery {
  /** The query's own `interval` (the panel's "Min step"), maybe a variable such as `$__rate_interval`. */
  interval?: string;
  intervalFactor?: number;
  /** The request's interval as the frontend computed it (`intervalMs`, sent with every query). */
  intervalMs: number;
  maxDataPoints: number;
  /** The request's time range, milliseconds. */
  from: number;
  to: number;
}

const RATE_INTERVAL_VARIABLES = ['$__rate_interval', '${__rate_interval}'];
const INTERVAL_VARIABLES = ['$__interval', '${__interval}'];
const VARIABLE_INTERVALS = [
  ...INTERVAL_VARIABLES,
  ...RATE_INTERVAL_VARIABLES,
  '$__interval_ms',
  '${__interval_ms}',
  '$__rate_interval_ms',
  '${__rate_interval_ms}',
];

/** promlib's `isVariableInterval` (without the Datadog-style `$__dd_interval` and `$__large_interval`). */
export function isVariableInterval(interval: string): boolean {
  return VARIABLE_INTERVALS.includes(interval);
}

/** The step promlib runs a query at. */
export function promlibStep(query: PromlibQuery, dsScrapeInterval: string): number {
  const original = query.interval ?? '';
  const ownInterval = isVariableInterval(original) ? '' : original;
  const minInterval = intervalFrom(dsScrapeInterval, ownInterval, query.intervalMs, parseGrafanaInterval('15s'));
  const range = query.to - query.from;
  const resolution = query.maxDataPoints > 0 ? query.maxDataPoints : DEFAULT_RESOLUTION;
  const perPoint = Math.floor(range / resolution);
  const calculated = perPoint < minInterval ? minInterval : roundInterval(perPoint);
  const safe = roundInterval(Math.floor(range / SAFE_RESOLUTION));
  const adjusted = Math.max(calculated, safe);
  if (RATE_INTERVAL_VARIABLES.includes(original)) {
    return rateInterval(adjusted, dsScrapeInterval);
  }
  return adjusted * (query.intervalFactor && query.intervalFactor > 0 ? query.intervalFactor : 1);
}

/** gtime's `GetIntervalFrom`: the query's interval, else the request's intervalMs, else the data source's, else the default. */
export function intervalFrom(dsInterval: string, queryInterval: string, queryIntervalMs: number, fallback: number) {
  const interval = queryInterval === '0s' ? '' : queryInterval;
  if (interval === '' && queryIntervalMs !== 0) {
    return queryIntervalMs;
  }
  const chosen = interval === '' ? dsInterval : interval;
  return chosen === '' ? fallback : parseGrafanaInterval(chosen);
}

/** promlib's `calculateRateInterval`: at least four scrapes, and one scrape more than the interval. */
export function rateInterval(queryInterval: number, requestedMinStep: string): number {
  const scrape = parseGrafanaInterval(requestedMinStep === '' ? DEFAULT_SCRAPE_INTERVAL : requestedMinStep);
  return Math.max(queryInterval + scrape, 4 * scrape);
}

/** promlib's `InterpolateVariables`: the built-in interval and range variables of an expression. */
export function interpolateVariables(
  expr: string,
  options: { queryInterval: number; step: number; requestedMinStep: string; dsScrapeInterval: string; range: number }
): string {
  const { queryInterval, step, range, dsScrapeInterval } = options;
  let requestedMinStep = options.requestedMinStep;
  let rate: number;
  if (RATE_INTERVAL_VARIABLES.includes(requestedMinStep)) {
    rate = step;
  } else {
    if (INTERVAL_VARIABLES.includes(requestedMinStep)) {
      requestedMinStep = goDuration(step);
    }
    if (requestedMinStep === '') {
      requestedMinStep = dsScrapeInterval;
    }
    rate = rateInterval(queryInterval, requestedMinStep);
  }
  const rangeSeconds = Math.round(range / 1000);
  // In promlib's order: `$__interval_ms` before its prefix `$__interval`, and so on.
  const replacements: Array<[string, string]> = [
    ['__interval_ms', String(Math.trunc(step))],
    ['__interval', formatInterval(step)],
    ['__range_ms', String(range)],
    ['__range_s', String(rangeSeconds)],
    ['__range', `${rangeSeconds}s`],
    ['__rate_interval_ms', String(Math.trunc(rate))],
    ['__rate_interval', goDuration(rate)],
  ];
  let result = expr;
  for (const syntax of [(name: string) => `$${name}`, (name: string) => `\${${name}}`]) {
    for (const [name, value] of replacements) {
      result = result.split(syntax(name)).join(value);
    }
  }
  return result;
}

/** promlib's `AlignTimeRange` with no offset: down to a multiple of the step. */
export function alignToStep(time: number, step: number): number {
  return Math.floor(time / step) * step;
}

/** gtime's `RoundInterval`: a rounder, lower interval. */
export function roundInterval(interval: number): number {
  for (const [upTo, rounded] of ROUNDING) {
    if (interval <= upTo) {
      return rounded;
    }
  }
  return interval < 3628800000 ? 30 * DAY : 365 * DAY;
}

/** [inclusive upper bound, rounded interval], as gtime's switch has them. */
const ROUNDING: Array<[number, number]> = [
  [10, 1],
  [15, 10],
  [35, 20],
  [75, 50],
  [150, 100],
  [350, 200],
  [750, 500],
  [1500, SECOND],
  [3500, 2 * SECOND],
  [7500, 5 * SECOND],
  [12500, 10 * SECOND],
  [17500, 15 * SECOND],
  [25000, 20 * SECOND],
  [45000, 30 * SECOND],
  [90000, MINUTE],
  [210000, 2 * MINUTE],
  [450000, 5 * MINUTE],
  [750000, 10 * MINUTE],
  [1050000, 15 * MINUTE],
  [1500000, 20 * MINUTE],
  [2700000, 30 * MINUTE],
  [5400000, HOUR],
  [9000000, 2 * HOUR],
  [16200000, 3 * HOUR],
  [32400000, 6 * HOUR],
  [86400000, 12 * HOUR],
  [172800000, DAY],
  [604800000, DAY],
  [1814400000, 7 * DAY],
];

/** gtime's `FormatInterval`: the largest whole unit, e.g. 2m, 1h, 500ms. */
export function formatInterval(interval: number): string {
  const units: Array<[number, string]> = [
    [365 * DAY, 'y'],
    [DAY, 'd'],
    [HOUR, 'h'],
    [MINUTE, 'm'],
    [SECOND, 's'],
    [1, 'ms'],
  ];
  for (const [size, suffix] of units) {
    if (interval >= size) {
      return `${Math.floor(interval / size)}${suffix}`;
    }
  }
  return '1ms';
}

/** Go's `time.Duration.String()` for whole milliseconds: 20m0s, 2m15s, 1h0m0s, 1.5s, 500ms. */
export function goDuration(duration: number): string {
  if (duration === 0) {
    return '0s';
  }
  if (duration < SECOND) {
    return `${duration}ms`;
  }
  const hours = Math.floor(duration / HOUR);
  const minutes = Math.floor((duration % HOUR) / MINUTE);
  const seconds = String((duration % MINUTE) / SECOND);
  if (hours > 0) {
    return `${hours}h${minutes}m${seconds}s`;
  }
  return minutes > 0 ? `${minutes}m${seconds}s` : `${seconds}s`;
}

/**
 * gtime's `ParseIntervalStringToTimeDuration`: `<` and `>` dropped, a bare number is seconds, `d`, `w`,
 * `M` and `y` as whole days (a month is a twelfth of 365.25 days), anything else as Go's
 * `time.ParseDuration` reads it (`1h30m`, `1.5s`, `250ms`).
 */
export function parseGrafanaInterval(text: string): number {
  const trimmed = text.replace('<', '').replace('>', '');
  const withUnit = /^\d+$/.test(trimmed) ? `${trimmed}s` : trimmed;
  const calendar = /^(\d+)([dwMy])$/.exec(withUnit);
  if (calendar) {
    const year = 365.25 * DAY;
    const size = { d: DAY, w: 7 * DAY, M: year / 12, y: year }[calendar[2] as 'd' | 'w' | 'M' | 'y'];
    return Number(calendar[1]) * size;
  }
  return parseGoDuration(withUnit);
}

const GO_UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: SECOND, m: MINUTE, h: HOUR };

/** Go's `time.ParseDuration`, in milliseconds. */
export function parseGoDuration(text: string): number {
  const match = /^([+-]?)((?:\d*\.?\d+(?:ns|us|µs|ms|s|m|h))+)$/.exec(text);
  if (!match) {
    throw new Error(`time: invalid duration "${text}"`);
  }
  let total = 0;
  for (const [, amount, unit] of match[2].matchAll(/(\d*\.?\d+)(ns|us|µs|ms|s|m|h)/g)) {
    total += Number(amount) * GO_UNITS[unit];
  }
  return match[1] === '-' ? -total : total;
}
