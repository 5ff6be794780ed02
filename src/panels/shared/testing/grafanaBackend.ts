import { type DataQueryResponse, DataQueryErrorType } from '@grafana/data';
import { type FetchError, toDataQueryResponse } from '@grafana/runtime';
import { type Observable, Subject, catchError, defer, filter, of, takeUntil, throwIfEmpty } from 'rxjs';

/**
 * Test support shared by the jest fakes and the browser-test host: what stands between a Grafana data
 * source's `query` and its answer in a real Grafana, where it matters to SLO Burn.
 *
 * - Grafana's backend service (grafana/grafana public/app/core/services/backend_srv.ts,
 *   `internalFetch` and `handleStreamCancellation`) publishes every request's `requestId` when it
 *   starts and cancels any in-flight request with the same id (`takeUntil`); the cancelled request
 *   completes empty and `throwIfEmpty` turns that into `{ type: 'cancelled', cancelled: true,
 *   status: -1, statusText: 'Request was aborted' }`. No `requestId`: nothing is ever cancelled.
 * - `DataSourceWithBackend.query` (packages/grafana-runtime/src/utils/DataSourceWithBackend.ts) catches
 *   any failure of that request and answers `toDataQueryResponse(err)` (utils/queryResponse.ts): a
 *   response with `error` and no `errors`, and an error that names no query (no refId) — a proxy's
 *   504, a 413, a cancelled request all reach the query runner that way.
 */
export class GrafanaBackendModel {
  private readonly started = new Subject<string>();

  /** The answer of one data request, cancelled as Grafana's backend service cancels it. */
  fetch<T>(requestId: string | undefined, answer: () => Observable<T>): Observable<T> {
    return defer(() => {
      if (!requestId) {
        return answer();
      }
      this.started.next(requestId);
      return answer().pipe(
        takeUntil(this.started.pipe(filter((id) => id === requestId))),
        throwIfEmpty(() => cancelledRequest())
      );
    });
  }

  /**
   * `resolveCancelerIfExists`: cancels the in-flight request with this id. Grafana's runRequest calls it
   * when its subscriber goes away (`cancelNetworkRequestsOnUnsubscribe`).
   */
  cancel(requestId: string | undefined): void {
    if (requestId) {
      this.started.next(requestId);
    }
  }

  /** A data source's `query` in front of this backend: a failed request becomes `toDataQueryResponse(err)`. */
  query(requestId: string | undefined, answer: () => Observable<DataQueryResponse>): Observable<DataQueryResponse> {
    return this.fetch(requestId, answer).pipe(catchError((error: unknown) => of(toDataQueryResponse(error as never))));
  }
}

function cancelledRequest(): FetchError & { type: DataQueryErrorType } {
  return {
    type: DataQueryErrorType.Cancelled,
    cancelled: true,
    data: null,
    status: -1,
    statusText: 'Request was aborted',
    config: { url: '/api/ds/query' },
  };
}

/**
 * A request that failed as a whole at HTTP level, as Grafana's backend service reports it after
 * `processRequestError`: a text body becomes `data.message` (and `data.error` the status text).
 * `body` is what the server or proxy answered, e.g. Envoy's "upstream request timeout" with a 504.
 */
export function httpFailure(status: number, statusText: string, body: string): FetchError {
  return {
    status,
    statusText,
    data: { message: body, error: statusText, response: body },
    config: { url: '/api/ds/query' },
  };
}

/** The answer `failure` gets from a data source built on DataSourceWithBackend. */
export function failedResponse(failure: FetchError): DataQueryResponse {
  return toDataQueryResponse(failure);
}
