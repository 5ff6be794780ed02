import { type DataFrame, type DataQueryError, DataQueryErrorType, FieldType } from '@grafana/data';
import { type ExpectedResultType, unexpectedResultType } from './promApiAdapter';
import type { QueryPlan } from './plan';
import type { QueryResult, SampleSeries } from './series';

/**
 * Reads what a Grafana Prometheus data source returns to a query runner: one frame per series
 * (time field plus a number field carrying the labels), or wide frames with several number fields.
 * Times are milliseconds; NaN and ±Inf arrive already decoded, missing points as null.
 */
export function resultsFromDataFrames(
  frames: readonly DataFrame[],
  refIds: readonly string[],
  errors: readonly DataQueryError[] = [],
  expected: Readonly<Record<string, ExpectedResultType>> = {}
): QueryResult[] {
  // An error without refId is the request's own: DataSourceWithBackend answers a failed request (a
  // proxy's 504 or 413, a cancelled request) with toDataQueryResponse(err), whose error names no query
  // (grafana-runtime utils/DataSourceWithBackend.ts, utils/queryResponse.ts). It is every query's error.
  const requestError = errors.find((candidate) => !candidate.refId);
  return refIds.map((refId) => {
    const error =
      errors.find((candidate) => candidate.refId === refId) ??
      requestError ??
      (refIds.length === 1 ? errors[0] : undefined);
    if (error) {
      return { refId, series: [], error: dataQueryErrorMessage(error) };
    }
    const own = frames.filter((frame) => frame.refId === refId);
    const warnings = noticesOf(own);
    const withWarnings = (result: QueryResult): QueryResult => (warnings.length > 0 ? { ...result, warnings } : result);
    const unexpected = own
      .map((frame) => statedResultType(frame))
      .map((resultType) => (resultType === undefined ? null : unexpectedResultType(resultType, expected[refId])))
      .find((message) => message !== null);
    if (unexpected) {
      return withWarnings({ refId, series: [], error: unexpected });
    }
    return withWarnings({ refId, series: own.flatMap(seriesOfFrame) });
  });
}

/** What each query of a plan must return: a vector from an instant query, a matrix from a range query. */
export function expectedResultTypes(
  plan: Pick<QueryPlan, 'queries'>,
  refIdOf: (refId: string) => string = (refId) => refId
): Record<string, ExpectedResultType> {
  return Object.fromEntries(
    plan.queries.map((query) => [refIdOf(query.refId), query.instant ? 'vector' : ('matrix' as const)])
  );
}

/**
 * The result type Grafana's converter (pkg/promlib/converter/prom.go) states in `meta.custom.resultType`:
 * matrix, vector, scalar or string. Frames without it (a "Warnings" frame, a frame whose custom meta the
 * converter replaced with `stats`) state nothing and are read as they are.
 */
function statedResultType(frame: DataFrame): string | undefined {
  const resultType = (frame.meta?.custom as { resultType?: unknown } | undefined)?.resultType;
  return typeof resultType === 'string' && resultType !== 'exemplar' ? resultType : undefined;
}

/** Prometheus's warnings and infos: Grafana's converter puts them on every frame of the answer as notices. */
function noticesOf(frames: readonly DataFrame[]): string[] {
  const texts = frames.flatMap((frame) => frame.meta?.notices ?? []).map((notice) => notice.text);
  return [...new Set(texts.filter((text) => typeof text === 'string' && text !== ''))];
}

/**
 * What to tell the user about a query error. A request that failed as a whole carries its HTTP status
 * (Grafana's backend service keeps it on the error), which says more than a proxy's body alone; a
 * cancelled one (status -1, `type: 'cancelled'`) says so in words.
 */
export function dataQueryErrorMessage(error: DataQueryError): string {
  if (error.type === DataQueryErrorType.Cancelled) {
    return 'the request was cancelled before Prometheus answered';
  }
  const message = error.message ?? error.data?.message ?? error.data?.error ?? 'query failed';
  const status = error.status ?? 0;
  if (error.refId || status <= 0 || message.includes(String(status))) {
    return message;
  }
  return `HTTP ${status}${error.statusText ? ` ${error.statusText}` : ''}: ${message}`;
}

function seriesOfFrame(frame: DataFrame): SampleSeries[] {
  const timeField = frame.fields.find((field) => field.type === FieldType.time);
  if (!timeField) {
    return [];
  }
  const times = Array.from(timeField.values as ArrayLike<number>, (millis) => millis / 1000);
  return frame.fields
    .filter((field) => field.type === FieldType.number)
    .map((field) => {
      const { __name__: _name, ...labels } = field.labels ?? {};
      const keptTimes: number[] = [];
      const values: number[] = [];
      const raw = field.values as ArrayLike<number | null | undefined>;
      for (let i = 0; i < times.length; i++) {
        const value = raw[i];
        if (value !== null && value !== undefined) {
          keptTimes.push(times[i]);
          values.push(value);
        }
      }
      return { labels, times: keptTimes, values };
    });
}
