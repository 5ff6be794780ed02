import {
  type EventIndex,
  type SloEvaluation,
  type SloSpec,
  alertWindowLengths,
  describePeriod,
  formatDuration,
  validateSloSpecs,
} from '../../domain';
import type { QueryPlan } from '../../prometheus/plan';
import { readSlo } from '../../prometheus/readSlo';
import { BAD, type PanelEvents, TOTAL } from './panelEvents';
import type { PanelNotice, ValueKind } from './types';

/** The evaluation a panel draws, with what the user should know about its data. */
export interface PanelEvaluation {
  spec: SloSpec;
  evaluation: SloEvaluation;
  /** Set when the data covers less than the period (or the alert windows). */
  partial: string | null;
  /** Notes from reading the data (label sets that did not match, and the like). */
  notes: string[];
  /** The buckets read and their step, for a backtest (reaching back as far as the request's `historySeconds`). */
  history?: { events: EventIndex; stepSeconds: number };
}

export type PanelReading = { kind: 'notice'; notice: PanelNotice } | { kind: 'evaluated'; result: PanelEvaluation };

export const PLACEHOLDER_SLI: SloSpec['sli'] = {
  events: { errorQuery: 'sum(rate(bad[{{.window}}]))', totalQuery: 'sum(rate(total[{{.window}}]))' },
};

/**
 * Validates a spec written from panel options with the engine's validator: the panel's queries replace
 * the SLI, so only objective, period, budgeting and alert windows matter. An objective of 100 gets
 * its own notice, since it is the one everybody tries.
 */
export function validatePanelSpec(raw: Record<string, unknown>): { spec: SloSpec } | { notice: PanelNotice } {
  const { valid, problems } = validateSloSpecs([
    { id: 'panel', name: 'Panel', service: 'panel', sli: PLACEHOLDER_SLI, ...raw },
  ]);
  const errors = problems.filter((problem) => problem.severity === 'error');
  if (valid.length === 1 && errors.length === 0) {
    return { spec: valid[0] };
  }
  const objectiveProblem = errors.find((problem) => problem.path.endsWith('.objective'));
  if (objectiveProblem && raw.objective === 100) {
    return {
      notice: {
        severity: 'warning',
        title: 'An objective of 100% has no error budget',
        message: `${objectiveProblem.message}.`,
      },
    };
  }
  return {
    notice: {
      severity: 'warning',
      title: 'Check the panel options',
      message: errors.map((problem) => `${problem.path.replace(/^slos\[0\]\.?/, '')}: ${problem.message}`).join('; '),
    },
  };
}

/** A plan for data the panel already has: the engine's bucket reader needs only refIds, roles and step. */
export function panelPlan(
  spec: SloSpec,
  events: Extract<PanelEvents, { kind: 'events' }>,
  to: number,
  values: ValueKind
): QueryPlan {
  const { step, first, last } = events;
  // The end of the last complete bucket on the data's grid, at or before the panel's end.
  const now = last <= to ? last + Math.floor((to - last) / step) * step : to;
  const perSecond = values === 'rates';
  const query = (role: 'bad' | 'total') => ({
    refId: role === 'bad' ? BAD : TOTAL,
    role,
    expr: role,
    instant: false,
    start: first,
    end: last,
    step,
    perSecond,
  });
  return {
    sloId: spec.id,
    view: 'overview',
    now,
    step,
    bucketEnd: now,
    bucketStart: first - step,
    historyFrom: first - step,
    queries: [query('bad'), query('total')],
    breakdown: null,
    approximateShortWindows: false,
    partialBucket: null,
  };
}

/**
 * Panel queries → the engine, via the same bucket reader and `evaluateSlo` the app uses. `from` and
 * `to` are the panel's time range in Unix seconds.
 */
export function evaluatePanelEvents(
  spec: SloSpec,
  events: PanelEvents,
  range: { from: number; to: number },
  values: ValueKind
): PanelReading {
  switch (events.kind) {
    case 'error':
      return notice('error', 'Query error', events.message);
    case 'unmapped':
      return notice('warning', 'Which queries are bad and total events?', events.message);
    case 'no-data':
      return notice('info', 'No data', events.message);
  }
  const plan = panelPlan(spec, events, range.to, values);
  const reading = readSlo(spec, plan, events.results);
  if (reading.kind === 'error') {
    return notice('error', 'Cannot evaluate the data', reading.message);
  }
  const evaluation = reading.groups[0].evaluation;
  if (evaluation.status === 'no-data') {
    return notice(
      'info',
      'No data',
      `No events in the ${describePeriod(spec.period)} period ending ${isoMinute(plan.now)}.`
    );
  }
  return {
    kind: 'evaluated',
    result: { spec, evaluation, partial: partialMessage(evaluation, range.from, plan.step), notes: reading.notes },
  };
}

export function notice(severity: PanelNotice['severity'], title: string, message: string): PanelReading {
  return { kind: 'notice', notice: { severity, title, message } };
}

/**
 * Says how much of the period the data covers when it is less than all of it, and why: the panel's
 * time range (the usual cause: a rolling 30d burndown on a 7-day dashboard), or gaps in the data.
 */
export function partialMessage(evaluation: SloEvaluation, rangeFrom: number | null, step: number): string | null {
  const { period, now } = evaluation;
  const needed = now - period.start;
  const coverage = evaluation.periodWindow.coverage;
  if (needed <= 0 || coverage >= 0.99) {
    return null;
  }
  if (rangeFrom !== null && rangeFrom > period.start + step) {
    const covered = Math.max(0, now - rangeFrom);
    const whole = period.kind === 'rolling' ? period.seconds : needed;
    const of = period.kind === 'rolling' ? spanText(whole) : `the ${spanText(whole)} of this period so far`;
    const hint =
      period.kind === 'rolling'
        ? `Widen the time range or set the panel's relative time to ${formatDuration(period.seconds)}.`
        : `Widen the time range to start at ${isoMinute(period.start)}.`;
    return `partial data: the panel's time range covers ${coveredText(covered, whole)} of ${of}. ${hint}`;
  }
  return `partial data: data covers ${Math.floor(coverage * 100)}% of the period so far (gaps or a late start).`;
}

/** Alert windows only partly covered by data, e.g. the 3d window of a 6-hour panel. */
export function partialWindows(evaluation: SloEvaluation): number[] {
  return evaluation.windows.filter((window) => window.coverage < 0.99).map((window) => window.seconds);
}

/** Says when the data's step is longer than the shortest alert window, whose burn rate is then approximate. */
export function coarseStepMessage(evaluation: SloEvaluation, step: number): string | null {
  const shortest = alertWindowLengths(evaluation.alertWindows)[0];
  if (shortest === undefined || step <= shortest) {
    return null;
  }
  return (
    `The data has one point per ${formatDuration(step)}, longer than the ${formatDuration(shortest)} window: ` +
    `its burn rate is approximate. Set the panel's min interval to ${formatDuration(shortest)} or less.`
  );
}

/** "30 days", "24 hours": days from two days up. */
function spanText(seconds: number): string {
  return seconds >= 2 * 86400 ? `${amount(seconds / 86400)} days` : `${amount(seconds / 3600)} hours`;
}

/** "7" when it reads in the same unit as the whole ("7 of 30 days"), else with its own unit. */
function coveredText(covered: number, whole: number): string {
  if (whole >= 2 * 86400) {
    return covered >= 86400
      ? amount(covered / 86400)
      : `${amount(covered / 3600)} ${covered === 3600 ? 'hour' : 'hours'}`;
  }
  return amount(covered / 3600);
}

/** 7, 2.5, 30: whole numbers from 10 up, one decimal below. */
function amount(value: number): string {
  return String(value >= 10 ? Math.round(value) : Math.round(value * 10) / 10);
}

function isoMinute(unixSeconds: number): string {
  return `${new Date(unixSeconds * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
