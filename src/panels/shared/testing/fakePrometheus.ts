import type { DataQueryRequest, DataQueryResponse } from '@grafana/data';
import { delay, of } from 'rxjs';
import type { PrometheusDataQuery } from '../../../prometheus/grafanaQueries';
import type { PromApiResponse } from '../../../prometheus/promApiAdapter';
import { PART_LABEL, WINDOW_LABEL } from '../../../prometheus/sliQueries';
import { GrafanaBackendModel } from './grafanaBackend';
import { matrixAnswer, promFrames } from './panelProps';

export interface FakePrometheusOptions {
  /** Milliseconds before the answer, so that requests can overlap (default: none). */
  delayMs?: number;
  /** Default: a backend of its own. Share one to let requests of several data sources cancel each other. */
  backend?: GrafanaBackendModel;
}

/**
 * Test support: a Prometheus data source behind a model of Grafana's backend service (a repeated
 * requestId cancels the request in flight; a failed request answers an error without refId). Range
 * (bucket) queries get one series whose value at each step is `valueAt(refId, time, range)`, read as
 * a per-second rate. Instant queries are evaluated at the request's exact end, as Grafana's backend
 * runs them: the plan's exact-windows query (`sloburn_window`/`sloburn_part` labels) gets, for every
 * window and part, the mean rate of the steps in that window — times the window for a part counted
 * with `increase`, as Prometheus would answer; any other instant query gets the rate at the end.
 * Every request is kept in `requests`.
 */
export function fakePrometheusDataSource(
  valueAt: (refId: string, time: number, range: { from: number; to: number }) => number,
  options: FakePrometheusOptions = {}
) {
  const requests: Array<DataQueryRequest<PrometheusDataQuery>> = [];
  const backend = options.backend ?? new GrafanaBackendModel();
  const datasource = {
    uid: 'sloburn-prometheus',
    type: 'prometheus',
    query: (request: DataQueryRequest<PrometheusDataQuery>) => {
      requests.push(request);
      const step = request.intervalMs / 1000;
      const from = request.range.from.unix() - step;
      const to = request.range.to.unix();
      const end = request.range.to.valueOf() / 1000;
      const rateAt = (refId: string, time: number) => valueAt(refId, time, { from, to });
      const data = request.targets.flatMap((target) => {
        if (!target.instant) {
          return promFrames(
            target.refId,
            matrixAnswer(from, to, step, (time) => rateAt(target.refId, time)),
            step
          );
        }
        return promFrames(target.refId, instantAnswer(target.expr, end, step, rateAt), 0);
      });
      const answer = of<DataQueryResponse>({ data });
      return backend.query(request.requestId, () => (options.delayMs ? answer.pipe(delay(options.delayMs)) : answer));
    },
  };
  return { datasource, requests };
}

const WINDOW_TERM = new RegExp(
  `label_replace\\(label_replace\\(\\(([\\s\\S]*?)\\), "${WINDOW_LABEL}", "(\\d+)", "", ""\\), "${PART_LABEL}", "(\\w+)", "", ""\\)`,
  'g'
);

/** An instant vector at `time`: one sample per window and part of an exact-windows query, else one. */
function instantAnswer(
  expr: string,
  time: number,
  step: number,
  rateAt: (refId: string, time: number) => number
): PromApiResponse {
  const terms = [...expr.matchAll(WINDOW_TERM)];
  const sample = (value: number): [number, string] => [time, String(value)];
  if (terms.length === 0) {
    return {
      status: 'success',
      data: { resultType: 'vector', result: [{ metric: {}, value: sample(rateAt('', time)) }] },
    };
  }
  const result = terms.map(([, partExpr, window, part]) => {
    const seconds = Number(window);
    const rates: number[] = [];
    for (let at = time; at > time - seconds; at -= step) {
      rates.push(rateAt(part, at));
    }
    const meanRate = rates.reduce((sum, rate) => sum + rate, 0) / Math.max(1, rates.length);
    const counted = /\bincrease\(/.test(partExpr);
    return {
      metric: { [WINDOW_LABEL]: window, [PART_LABEL]: part },
      value: sample(counted ? meanRate * seconds : meanRate),
    };
  });
  return { status: 'success', data: { resultType: 'vector', result } };
}
