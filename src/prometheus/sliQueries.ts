import { type SliSpec, WINDOW_PLACEHOLDER, parseDuration, sliKind } from '../domain';
import { sumByLabels } from './aggregation';
import { leSpellings } from './leValues';
import {
  escapeLabelValue,
  escapeRegexValue,
  extendSelector,
  promDuration,
  withWindow,
  yieldsPerSecondRate,
} from './promql';

/**
 * What one part of an SLI query returns per bucket:
 * bad/good/total event counts (or per-second rates), the error ratio itself (raw), the good and all
 * series of a histogram split by `le` (latency), or the share of time a 0/1 gauge read 1 (boolGauge).
 */
export type BucketRole = 'bad' | 'good' | 'total' | 'errorRatio' | 'latency' | 'availability';

export interface SliQueryPart {
  role: BucketRole;
  expr: string;
  /** Values are per second; multiply by the window length for counts. */
  perSecond: boolean;
}

/**
 * The queries that give one bucket of `windowSeconds`, optionally split by labels. Histograms are read
 * in one query (`le` of the threshold and `+Inf` together) so that their series are scanned once.
 */
export function sliBucketQueries(
  sli: SliSpec,
  windowSeconds: number,
  byLabels: readonly string[] = []
): SliQueryPart[] {
  const window = promDuration(windowSeconds);
  const split = (query: string) => (byLabels.length > 0 ? sumByLabels(query, byLabels) : query);
  const windowed = (query: string) => split(withWindow(query, window));
  switch (sliKind(sli)) {
    case 'events': {
      const { errorQuery, totalQuery } = (sli as Extract<SliSpec, { events: unknown }>).events;
      return [
        { role: 'bad', expr: windowed(errorQuery), perSecond: yieldsPerSecondRate(errorQuery) },
        { role: 'total', expr: windowed(totalQuery), perSecond: yieldsPerSecondRate(totalQuery) },
      ];
    }
    case 'ratio': {
      const { goodQuery, totalQuery } = (sli as Extract<SliSpec, { ratio: unknown }>).ratio;
      return [
        { role: 'good', expr: windowed(goodQuery), perSecond: yieldsPerSecondRate(goodQuery) },
        { role: 'total', expr: windowed(totalQuery), perSecond: yieldsPerSecondRate(totalQuery) },
      ];
    }
    case 'raw': {
      const { errorRatioQuery } = (sli as Extract<SliSpec, { raw: unknown }>).raw;
      const expr = readsSlothRecords(errorRatioQuery)
        ? meanOfRecordedRatios(errorRatioQuery, windowSeconds)
        : withWindow(errorRatioQuery, window);
      return [{ role: 'errorRatio', expr, perSecond: false }];
    }
    case 'latency': {
      const { bucketMetric, threshold, selector } = (sli as Extract<SliSpec, { latency: unknown }>).latency;
      const bounds = [...leSpellings(threshold), '+Inf'].map(escapeRegexValue).join('|');
      const series = `${bucketMetric}${extendSelector(selector, `le=~"${bounds}"`)}`;
      const grouping = ['le', ...byLabels.filter((label) => label !== 'le')].join(', ');
      return [{ role: 'latency', expr: `sum by (${grouping}) (rate(${series}[${window}]))`, perSecond: true }];
    }
    case 'boolGauge': {
      const { query } = (sli as Extract<SliSpec, { boolGauge: unknown }>).boolGauge;
      // One millisecond short of the window so that consecutive buckets never share a sample.
      const range = promDuration(windowSeconds - 0.001);
      const grouping = byLabels.length > 0 ? ` by (${byLabels.join(', ')})` : '';
      return [{ role: 'availability', expr: `avg${grouping} (avg_over_time(${query}[${range}]))`, perSecond: false }];
    }
  }
}

/** The error ratio over a window as one PromQL expression: what Prometheus itself would say. */
export function sliErrorRatioExpr(sli: SliSpec, window: string): string {
  switch (sliKind(sli)) {
    case 'events': {
      const { errorQuery, totalQuery } = (sli as Extract<SliSpec, { events: unknown }>).events;
      return `(${withWindow(errorQuery, window)}) / (${withWindow(totalQuery, window)})`;
    }
    case 'ratio': {
      const { goodQuery, totalQuery } = (sli as Extract<SliSpec, { ratio: unknown }>).ratio;
      return `1 - (${withWindow(goodQuery, window)}) / (${withWindow(totalQuery, window)})`;
    }
    case 'raw': {
      const { errorRatioQuery } = (sli as Extract<SliSpec, { raw: unknown }>).raw;
      return readsSlothRecords(errorRatioQuery) && !SLOTH_RECORDED_WINDOWS.includes(window)
        ? meanOfRecordedRatios(errorRatioQuery, parseDuration(window))
        : withWindow(errorRatioQuery, window);
    }
    case 'latency': {
      const { bucketMetric, threshold, selector } = (sli as Extract<SliSpec, { latency: unknown }>).latency;
      const rate = (matcher: string) => `sum(rate(${bucketMetric}${extendSelector(selector, matcher)}[${window}]))`;
      return `1 - (${rate(leMatcher(threshold))} / ${rate('le="+Inf"')})`;
    }
    case 'boolGauge':
      return `1 - avg(avg_over_time(${(sli as Extract<SliSpec, { boolGauge: unknown }>).boolGauge.query}[${window}]))`;
  }
}

/** `le="0.3"`, or `le=~"1|1\\.0"` where the bound has several spellings. */
export function leMatcher(threshold: string): string {
  const spellings = leSpellings(threshold);
  return spellings.length === 1
    ? `le="${escapeLabelValue(spellings[0])}"`
    : `le=~"${spellings.map(escapeRegexValue).join('|')}"`;
}

/** Sloth's recording of the error ratio, whatever the window: what discovered SLOs read. */
const SLOTH_RATIO_RECORD = `slo:sli_error:ratio_rate${WINDOW_PLACEHOLDER}`;
/** The alert windows Sloth records (besides the period, whose length varies). */
const SLOTH_RECORDED_WINDOWS = ['5m', '30m', '1h', '2h', '6h', '1d', '3d'];
const SLOTH_BASE_WINDOW_SECONDS = 300;

/** A raw SLI over Sloth's recorded ratios, which exist for Sloth's windows only. */
export function readsSlothRecords(errorRatioQuery: string): boolean {
  return errorRatioQuery.includes(SLOTH_RATIO_RECORD);
}

/**
 * The time-weighted mean of Sloth's recorded 5-minute ratio over a window (t − W, t] that starts on a
 * multiple of 5 minutes, as buckets and the partial bucket's window do: the recorded value at the end for
 * 5 minutes; else the mean of its values at the multiples of 5 minutes inside the window, each for the
 * 5 minutes before it (a subquery one millisecond short of the window, so that Prometheus 2, whose ranges
 * are closed, and 3, left-open, read the same points), and the latest recorded value for the seconds
 * after the last multiple. At every step the buckets then sum to the mean of the 5-minute ratios.
 */
function meanOfRecordedRatios(errorRatioQuery: string, windowSeconds: number): string {
  const fiveMinutes = withWindow(errorRatioQuery, promDuration(SLOTH_BASE_WINDOW_SECONDS));
  if (windowSeconds <= SLOTH_BASE_WINDOW_SECONDS) {
    return fiveMinutes;
  }
  const range = promDuration(windowSeconds - 0.001);
  const marks = `avg_over_time((${fiveMinutes})[${range}:${promDuration(SLOTH_BASE_WINDOW_SECONDS)}])`;
  const since = windowSeconds % SLOTH_BASE_WINDOW_SECONDS;
  return since === 0 ? marks : `(${windowSeconds - since} * ${marks} + ${since} * ${fiveMinutes}) / ${windowSeconds}`;
}

export const WINDOW_LABEL = 'sloburn_window';
export const PART_LABEL = 'sloburn_part';

/**
 * One instant query for the counts over several windows ending now: every part of every window,
 * told apart by two added labels. Exact where bucket sums are not (a scrape gap or counter reset
 * inside a bucket), at the cost of reading each window's data once more.
 */
export function sliWindowsQuery(
  sli: SliSpec,
  windowSeconds: readonly number[]
): { expr: string; perSecondRoles: BucketRole[] } {
  const perSecondRoles = new Set<BucketRole>();
  const terms = windowSeconds.flatMap((seconds) =>
    sliBucketQueries(sli, seconds).map((part) => {
      if (part.perSecond) {
        perSecondRoles.add(part.role);
      }
      const tagged = `label_replace((${part.expr}), "${WINDOW_LABEL}", "${seconds}", "", "")`;
      return `label_replace(${tagged}, "${PART_LABEL}", "${part.role}", "", "")`;
    })
  );
  return { expr: terms.join('\nor\n'), perSecondRoles: [...perSecondRoles] };
}
