import type { DataQueryRequest, DataQueryResponse } from '@grafana/data';
import { of } from 'rxjs';
import type { PrometheusDataQuery } from '../../../prometheus/grafanaQueries';
import { matrixAnswer, promFrames } from './panelProps';

/**
 * Test support: a Prometheus data source that answers every range (bucket) query of a plan with one
 * series whose value at each step is `valueAt(refId, time, range)`; instant queries answer empty.
 * Every request is kept in `requests`.
 */
export function fakePrometheusDataSource(
  valueAt: (refId: string, time: number, range: { from: number; to: number }) => number
) {
  const requests: Array<DataQueryRequest<PrometheusDataQuery>> = [];
  const datasource = {
    uid: 'sloburn-prometheus',
    type: 'prometheus',
    query: (request: DataQueryRequest<PrometheusDataQuery>) => {
      requests.push(request);
      const step = request.intervalMs / 1000;
      const from = request.range.from.unix() - step;
      const to = request.range.to.unix();
      const data = request.targets
        .filter((target) => target.range)
        .flatMap((target) =>
          promFrames(
            target.refId,
            matrixAnswer(from, to, step, (time) => valueAt(target.refId, time, { from, to })),
            step
          )
        );
      return of<DataQueryResponse>({ data });
    },
  };
  return { datasource, requests };
}
