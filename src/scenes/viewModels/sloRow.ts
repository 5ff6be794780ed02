import { type SloEvaluation, type SloSpec, type SloStatus, describePeriod } from '../../domain';
import type { SloReading } from '../../prometheus/readSlo';

export interface FiringPair {
  severity: 'page' | 'ticket';
  long: number;
  short: number;
  factor: number;
  since: number | null;
}

export type RowStatus = SloStatus | 'error' | 'loading';

/** One line of the overview: what an on-call engineer scans, already reduced to display values. */
export interface SloRowModel {
  key: string;
  id: string;
  name: string;
  service: string;
  objective: number;
  periodLabel: string;
  labels: Record<string, string>;
  /** Labels of the group for grouped SLIs; {} for the SLO as a whole. */
  groupLabels: Record<string, string>;
  status: RowStatus;
  sli: number | null;
  budgetRemaining: number | null;
  burnRate1h: number | null;
  burnRate6h: number | null;
  timeToExhaustion: number | null;
  firing: FiringPair[];
  /** Budget left over the period, downsampled for a sparkline. */
  sparkline: Array<{ time: number; remaining: number }>;
  notes: string[];
  error: string | null;
  now: number | null;
  /** Set when the numbers come from the SLO's recording rules (the overview's rules path), not raw data. */
  source?: 'rules';
}

const SPARKLINE_POINTS = 96;

export function rowsFromReading(reading: SloReading): SloRowModel[] {
  if (reading.kind === 'error') {
    return [{ ...baseRow(reading.spec, {}), status: 'error', error: reading.message, now: reading.plan.now }];
  }
  const grouped = reading.groups.length > 1;
  return reading.groups.map((group, index) => ({
    ...baseRow(reading.spec, group.labels),
    ...evaluationFields(group.evaluation),
    ...(reading.source === 'rules' ? { source: 'rules' as const } : {}),
    notes: index === 0 ? reading.notes : [],
    key: index === 0 || !grouped ? reading.spec.id : `${reading.spec.id}${JSON.stringify(group.labels)}`,
  }));
}

export function loadingRow(spec: SloSpec): SloRowModel {
  return { ...baseRow(spec, {}), status: 'loading' };
}

export function errorRow(spec: SloSpec, message: string): SloRowModel {
  return { ...baseRow(spec, {}), status: 'error', error: message };
}

function baseRow(spec: SloSpec, groupLabels: Record<string, string>): SloRowModel {
  return {
    key: spec.id,
    id: spec.id,
    name: spec.name,
    service: spec.service,
    objective: spec.objective,
    periodLabel: describePeriod(spec.period),
    labels: spec.labels ?? {},
    groupLabels,
    status: 'no-data',
    sli: null,
    budgetRemaining: null,
    burnRate1h: null,
    burnRate6h: null,
    timeToExhaustion: null,
    firing: [],
    sparkline: [],
    notes: [],
    error: null,
    now: null,
  };
}

function evaluationFields(evaluation: SloEvaluation) {
  const burnAt = (seconds: number) => evaluation.windows.find((window) => window.seconds === seconds)?.burnRate ?? null;
  return {
    status: evaluation.status,
    sli: evaluation.sli,
    budgetRemaining: evaluation.budgetRemaining,
    burnRate1h: burnAt(3600),
    burnRate6h: burnAt(21600),
    timeToExhaustion: evaluation.timeToExhaustion,
    firing: evaluation.alerts.pairs
      .map((pair, index) => ({ pair, since: evaluation.alerts.since[index] }))
      .filter(({ pair }) => pair.firing)
      .map(({ pair, since }) => ({
        severity: pair.window.severity,
        long: pair.window.longSeconds,
        short: pair.window.shortSeconds,
        factor: pair.window.factor,
        since,
      })),
    sparkline: downsample(evaluation.burndown.series, SPARKLINE_POINTS),
    now: evaluation.now,
  };
}

/** Keeps every n-th point and the last, so the sparkline ends at the current value. */
export function downsample<T>(points: readonly T[], maximum: number): T[] {
  if (points.length <= maximum) {
    return [...points];
  }
  const stride = Math.ceil(points.length / maximum);
  const kept = points.filter((_, index) => index % stride === 0);
  if (kept[kept.length - 1] !== points[points.length - 1]) {
    kept.push(points[points.length - 1]);
  }
  return kept;
}
