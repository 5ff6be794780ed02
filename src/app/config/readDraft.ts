import type { DataQueryRequest, DataQueryResponse, DataSourceApi } from '@grafana/data';
import { getDataSourceSrv } from '@grafana/runtime';
import { EMPTY, type Observable, from, fromEvent, isObservable, takeUntil } from 'rxjs';
import {
  type BacktestResult,
  EventIndex,
  type SloEvaluation,
  type SloSpec,
  type SpecProblem,
  alertGuardOf,
  alertWindowLengths,
  backtestAlerts,
  parseDuration,
  timesliceBucketsFromIndex,
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

export interface DraftAlertHistory {
  result: BacktestResult;
  /**
   * Set when the history starts later than one period ago: the longest alert window needs that much data
   * before its first evaluation, and the preview reads the period (and the longest window) only, as the
   * overview does. The window's length, in seconds.
   */
  shortenedBy: number | null;
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
      alertHistory: DraftAlertHistory;
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
 * over the last period, from the same buckets. Never throws: a failed read is an `error` reading.
 */
export async function readDraft(spec: SloSpec, options: DraftReadOptions): Promise<DraftReading> {
  const { datasource, now, signal } = options;
  const plan = planQueries(spec, { from: now, to: now, view: 'overview', pointsLimit: 'coarsen' });
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
    alertHistory: draftAlertHistory(spec, plan, events, evaluation),
    notes: reading.notes,
  };
}

/**
 * The backtest over (now − period, now], or from where the buckets read hold the longest alert window
 * before the first evaluation, whichever is later: a window missing part of its data would fire (or stay
 * quiet) on a fraction of it.
 */
function draftAlertHistory(
  spec: SloSpec,
  plan: QueryPlan,
  events: EventIndex,
  evaluation: SloEvaluation
): DraftAlertHistory {
  const lengths = alertWindowLengths(evaluation.alertWindows);
  const longest = lengths.length > 0 ? lengths[lengths.length - 1] : 0;
  const periodAgo = plan.now - evaluation.period.seconds;
  const from = Math.max(periodAgo, plan.bucketStart + longest);
  const result = backtestAlerts({
    events: budgetEvents(spec, events),
    objectivePercent: spec.objective,
    period: spec.period,
    windows: evaluation.alertWindows,
    guard: alertGuardOf(spec),
    range: { from, to: plan.now },
    stepSeconds: plan.step,
  });
  return { result, shortenedBy: from > periodAgo ? longest : null };
}

/**
 * What the alert pairs count: the buckets, or with time-slice budgeting one event per slice, sliced as
 * `evaluateSlo` slices them (the slice length, 5 minutes by default; the slice target, the objective by default).
 */
function budgetEvents(spec: SloSpec, events: EventIndex): EventIndex {
  if (spec.budgetingMethod !== 'timeslices') {
    return events;
  }
  return new EventIndex(
    timesliceBucketsFromIndex(events, {
      sliceSeconds: parseDuration(spec.timesliceWindow ?? '5m'),
      targetPercent: spec.timesliceTarget ?? spec.objective,
      alignTo: 0,
    })
  );
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
