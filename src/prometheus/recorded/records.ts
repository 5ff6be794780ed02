import {
  type SloSpec,
  alertWindowLengths,
  alertingPeriodSeconds,
  formatDuration,
  resolveAlertWindows,
  sliKind,
} from '../../domain';
import { type PlannedQuery, type QueryPlan, stepFor } from '../plan';
import { errorRatioRecord } from '../rules';
import { slothErrorRatioQuery } from '../slothDiscovery';

/**
 * What reading an SLO from recording rules needs: the `sloth_id` its records carry, and one record per
 * alert window and for the period, `slo:sli_error:ratio_rate<window>`.
 */

/** The label the queries put the record's window into (`5m`, `30d`), since adapters drop `__name__`. */
export const RECORD_WINDOW_LABEL = 'sloburn_window';
export const SLOTH_ID_LABEL = 'sloth_id';
const RECORD_PREFIX = errorRatioRecord('');

export interface RecordedWindow {
  /** Window length in seconds: the key of `RecordedRatios.windows`, or the period's length. */
  seconds: number;
  /** As in the record's name: `slo:sli_error:ratio_rate<window>`. */
  window: string;
  role: 'alert' | 'period';
}

/** Every alert window (shortest first), then the period; a period equal to an alert window is read once. */
export function recordedWindows(spec: SloSpec): RecordedWindow[] {
  const lengths = alertWindowLengths(resolveAlertWindows(spec, alertingPeriodSeconds(spec.period)));
  const windows: RecordedWindow[] = lengths.map((seconds) => ({
    seconds,
    window: formatDuration(seconds),
    role: 'alert',
  }));
  const periodSeconds = alertingPeriodSeconds(spec.period);
  windows.push({ seconds: periodSeconds, window: formatDuration(periodSeconds), role: 'period' });
  return windows;
}

/** The record names of the windows, without repeats (a period equal to an alert window is one record). */
export function recordNames(windows: readonly RecordedWindow[]): string[] {
  return [...new Set(windows.map((window) => errorRatioRecord(window.window)))];
}

/** `label_replace` that copies the window out of the record name into RECORD_WINDOW_LABEL. */
export function withWindowLabel(selector: string): string {
  // The record prefix holds no regex metacharacter.
  return `label_replace(${selector}, "${RECORD_WINDOW_LABEL}", "$1", "__name__", "${RECORD_PREFIX}(.+)")`;
}

/**
 * The `sloth_id` of an SLO discovered from Sloth's rules (a raw SLI that is exactly
 * `slo:sli_error:ratio_rate{{.window}}{sloth_id="…"}`, as discovery writes it), or null for any other SLO.
 */
export function discoveredSlothId(spec: SloSpec): string | null {
  if (sliKind(spec.sli) !== 'raw') {
    return null;
  }
  const query = (spec.sli as { raw: { errorRatioQuery: string } }).raw.errorRatioQuery;
  const match = /^slo:sli_error:ratio_rate\{\{\.window\}\}\{sloth_id="((?:[^"\\]|\\.)*)"\}$/.exec(query);
  if (!match) {
    return null;
  }
  const slothId = match[1].replace(/\\(.)/g, (_escape, character: string) => (character === 'n' ? '\n' : character));
  // Only the exact form discovery writes: anything else may select other series.
  return slothErrorRatioQuery(slothId) === query ? slothId : null;
}

/** One instant query of a recorded-rules plan. */
export interface RecordedQuery {
  refId: string;
  expr: string;
}

/**
 * Instant queries at `now` as a `QueryPlan`, so that they run wherever a plan runs: `executePlan` over
 * HTTP, `runPlanWithDataSource` through a Grafana data source (whose instant queries run at the range's
 * end, `now`). The queries carry the role `windows`: values over windows ending at `now`.
 */
export function recordedQueryPlan(
  label: string,
  queries: readonly RecordedQuery[],
  now: number,
  spec?: SloSpec
): QueryPlan {
  const step = spec ? stepFor(spec) : 300;
  const instant = Math.floor(now);
  return {
    sloId: label,
    view: 'overview',
    now: instant,
    step,
    bucketEnd: instant,
    bucketStart: instant,
    historyFrom: instant,
    queries: queries.map((query): PlannedQuery => ({
      refId: query.refId,
      role: 'windows',
      expr: query.expr,
      instant: true,
      start: instant,
      end: instant,
      step,
      perSecond: false,
      perSecondRoles: [],
    })),
    breakdown: null,
    approximateShortWindows: false,
    partialBucket: null,
  };
}
