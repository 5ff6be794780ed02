import type { DataQueryError, PanelData } from '@grafana/data';
import { dataQueryErrorMessage } from '../../prometheus/dataFrameAdapter';
import { splitSloRefId } from './sloQueryGroups';

/**
 * Every error of a query runner's data. Grafana's runRequest passes a response's `error` and `errors`
 * on as they are (public/app/features/query/state/runRequest.ts, processResponsePacket): a request
 * that failed as a whole has `error` only, a per-query failure both.
 */
function errorsOf(data: PanelData | undefined): DataQueryError[] {
  if (!data) {
    return [];
  }
  const errors = data.errors ?? [];
  return data.error && !errors.includes(data.error) ? [...errors, data.error] : errors;
}

/**
 * The message of a request that failed as a whole: an error without refId, which names no query
 * because it is every query's (a proxy's 504 or 413, a cancelled request, an unknown data source,
 * which SceneQueryRunner reports as `errors: [toDataQueryError(err)]`). Null when there is none.
 */
export function requestFailure(data: PanelData | undefined): string | null {
  const failure = errorsOf(data).find((error) => !error.refId);
  return failure ? dataQueryErrorMessage(failure) : null;
}

/** The message of the first error of one of this SLO's queries, or null. */
export function sloQueryFailure(data: PanelData | undefined, sloId: string): string | null {
  const failure = errorsOf(data).find((error) => error.refId && splitSloRefId(error.refId)?.sloId === sloId);
  return failure ? dataQueryErrorMessage(failure) : null;
}
