import type { DataQueryRequest, DataQueryResponse, DataSourceApi } from '@grafana/data';
import { getDataSourceSrv } from '@grafana/runtime';
import { EMPTY, type Observable, from, fromEvent, isObservable, takeUntil } from 'rxjs';
import {
  type BacktestResult,
  type SloEvaluation,
  type SloSpec,
  type SpecProblem,
  backtestSlo,
  lastPeriodRange,
  validateSloSpecs,
} from '../../domain';
import { type QueryPlan, planQueries } from '../../prometheus/plan';
import { readSlo } from '../../prometheus/readSlo';
import { runPlanWithDataSource } from '../../prometheus/runWithDataSource';

/** A draft as the validator sees it: the spec it gives, or the errors that stop it. */
export type DraftCheck = { kind: 'valid'; spec: SloSpec } | { kind: 'invalid'; errors: SpecProblem[] };

export function checkDraft(draft: unknown): DraftCheck {
  const { valid, problems } = validateSloSpecs([draft]);
  const errors = problems.filter((problem) => problem.severity === 'error');
  return valid.length === 1 && errors.length === 0 ? { kind: 'valid', spec: valid[0] } : { kind: 'invalid', errors };
}

/** Where a draft reads its metrics: its own data source, else the app's default (as the pages choose). */
export function draftDatasource(spec: SloSpec, defaultDatasourceUid: string | undefined): string | undefined {
  return spec.datasourceUid?.trim() || defaultDatasourceUid?.trim() || undefined;
}

export type DraftReading =
  | { kind: 'error'; spec: SloSpec; datasource: string; now: number; message: string }
  | {
      kind: 'evaluated';
      spec: SloSpec;
      datasource: string;
      now: number;
      plan: QueryPlan;
      evaluation: SloEvaluation;
      /** The backtest of its alert pairs over the last period, to `now`. */
      alertHistory: BacktestResult;
      notes: string[];
    };

export interface DraftReadOptions {
  datasource: string;
  /** Unix seconds: the draft is evaluated as of this instant. */
  now: number;
  /** Aborting unsubscribes from the data source's answer (Grafana cancels the request) and ends the read. */
  signal?: AbortSignal;
  /** Looks the data source up; defaults to Grafana's data source service. */
  getDataSource?: (nameOrUid: string) => Promise<DataSourceApi>;
}

/**
 * A draft SLO read the way the app reads a saved one — plan over the period as of `now` (the overview's
 * plan, one time range), run through the data source, `readSlo` — plus the backtest of its alert pairs
 * over the last period, from the same buckets: the plan reaches back the period and the longest alert
 * window before it. Never throws: a failed read is an `error` reading.
 */
export async function readDraft(spec: SloSpec, options: DraftReadOptions): Promise<DraftReading> {
  const { datasource, signal } = options;
  const now = Math.floor(options.now);
  const history = lastPeriodRange(spec.period, now);
  const plan = planQueries(spec, {
    from: now,
    to: now,
    view: 'overview',
    pointsLimit: 'coarsen',
    historySeconds: history.to - history.from,
  });
  const lookup = options.getDataSource ?? ((nameOrUid: string) => getDataSourceSrv().get(nameOrUid));
  const results = await runPlanWithDataSource(plan, {
    datasource,
    requestId: `sloburn-draft-preview-${spec.id}`,
    getDataSource: async (nameOrUid) => abortable(await lookup(nameOrUid), signal),
  });
  if (signal?.aborted) {
    // Nobody waits for this answer any more: spare the engine's work.
    return { kind: 'error', spec, datasource, now, message: 'superseded by a newer draft' };
  }
  const reading = readSlo(spec, plan, results);
  if (reading.kind === 'error') {
    return { kind: 'error', spec, datasource, now, message: reading.message };
  }
  const { events, evaluation } = reading.groups[0];
  return {
    kind: 'evaluated',
    spec,
    datasource,
    now,
    plan,
    evaluation,
    alertHistory: backtestSlo(spec, events, history, plan.step),
    notes: reading.notes,
  };
}

/** The data source, with its answers cut off when the signal aborts (unsubscribing cancels Grafana's request). */
function abortable(datasource: DataSourceApi, signal: AbortSignal | undefined): DataSourceApi {
  if (!signal) {
    return datasource;
  }
  const wrapped = Object.create(datasource) as DataSourceApi;
  wrapped.query = (request: DataQueryRequest) => {
    if (signal.aborted) {
      return EMPTY;
    }
    const answer = datasource.query(request) as Promise<DataQueryResponse> | Observable<DataQueryResponse>;
    const answers = isObservable(answer) ? answer : from(answer);
    return answers.pipe(takeUntil(fromEvent(signal, 'abort')));
  };
  return wrapped;
}
