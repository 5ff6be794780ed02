import { type PairState, type SloEvaluation, describePeriod, formatDuration, isoTime } from '../domain';
import type { SloReading } from '../prometheus/readSlo';

/** One SLO in `slo evaluate --format json`; the README documents this shape. */
export interface SloReport {
  id: string;
  name: string;
  service: string;
  objective: number;
  period: string;
  status: SloEvaluation['status'] | 'error';
  error: string | null;
  notes: string[];
  at: string;
  page: boolean | null;
  ticket: boolean | null;
  sli: number | null;
  budgetRemaining: number | null;
  currentBurnRate: number | null;
  timeToExhaustionSeconds: number | null;
  windows: Array<{
    window: string;
    seconds: number;
    errorRatio: number | null;
    burnRate: number | null;
    bad: number;
    total: number;
  }>;
  pairs: Array<{
    severity: string;
    long: string;
    short: string;
    factor: number;
    thresholdRatio: number;
    longBurnRate: number | null;
    shortBurnRate: number | null;
    /** `firing`, `ok`, `insufficient-traffic` (held back by `alerting.minEvents`) or `no-data`. */
    state: PairState;
    firing: boolean;
    firingSince: string | null;
  }>;
  /** Each group of a grouped SLI, in the same shape (without further groups). */
  groups?: Array<{ labels: Record<string, string> } & Omit<SloReport, 'groups'>>;
}

export function sloReport(reading: SloReading): SloReport {
  const { spec, plan } = reading;
  const base = {
    id: spec.id,
    name: spec.name,
    service: spec.service,
    objective: spec.objective,
    period: describePeriod(spec.period),
    at: isoTime(plan.now),
  };
  if (reading.kind === 'error') {
    return {
      ...base,
      status: 'error',
      error: reading.message,
      notes: [],
      page: null,
      ticket: null,
      sli: null,
      budgetRemaining: null,
      currentBurnRate: null,
      timeToExhaustionSeconds: null,
      windows: [],
      pairs: [],
    };
  }
  const [whole, ...groups] = reading.groups;
  const report: SloReport = { ...base, ...evaluationReport(whole.evaluation), error: null, notes: reading.notes };
  if (groups.length > 0) {
    report.groups = groups.map((group) => ({
      labels: group.labels,
      ...base,
      ...evaluationReport(group.evaluation),
      error: null,
      notes: [],
    }));
  }
  return report;
}

function evaluationReport(evaluation: SloEvaluation) {
  return {
    status: evaluation.status,
    page: evaluation.alerts.page,
    ticket: evaluation.alerts.ticket,
    sli: evaluation.sli,
    budgetRemaining: evaluation.budgetRemaining,
    currentBurnRate: evaluation.currentBurnRate,
    timeToExhaustionSeconds: evaluation.timeToExhaustion,
    windows: evaluation.windows.map((window) => ({
      window: formatDuration(window.seconds),
      seconds: window.seconds,
      errorRatio: window.errorRatio,
      burnRate: window.burnRate,
      bad: window.bad,
      total: window.total,
    })),
    pairs: evaluation.alerts.pairs.map((pair, index) => ({
      severity: pair.window.severity,
      long: formatDuration(pair.window.longSeconds),
      short: formatDuration(pair.window.shortSeconds),
      factor: pair.window.factor,
      thresholdRatio: pair.thresholdRatio,
      longBurnRate: pair.longBurnRate,
      shortBurnRate: pair.shortBurnRate,
      state: pair.state,
      firing: pair.firing,
      firingSince: evaluation.alerts.since[index] === null ? null : isoTime(evaluation.alerts.since[index]!),
    })),
  };
}
