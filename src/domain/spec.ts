/**
 * The SLO spec: the one format of the app's configuration (`jsonData.slos`), of the YAML files the
 * command-line tool reads, and of the demo SLOs. Validated by `validateSloSpecs`.
 */

export type Severity = 'page' | 'ticket';

export interface AlertWindow {
  severity: Severity;
  longSeconds: number;
  shortSeconds: number;
  /** Burn-rate factor: the pair fires when both windows burn faster than this. */
  factor: number;
  /** Share of the period's budget (in percent) spent when the pair fires at exactly `factor`. */
  budgetPercent: number;
}

/** An alert window as written in a spec: the factor, or the budget share it derives from, or both. */
export interface AlertWindowSpec {
  severity: Severity;
  longSeconds: number;
  shortSeconds: number;
  factor?: number;
  budgetPercent?: number;
}

export type CalendarUnit = 'week' | 'month' | 'quarter';

export type PeriodSpec = { rolling: string } | { calendar: CalendarUnit; timezone?: string };

export type BudgetingMethod = 'occurrences' | 'timeslices';

/** Bad and total event counts, both PromQL with the `{{.window}}` placeholder (Sloth's `events`). */
export interface EventsSli {
  events: { errorQuery: string; totalQuery: string };
}

/** Good and total event counts (Pyrra's `ratio` with good events instead of errors). */
export interface RatioSli {
  ratio: { goodQuery: string; totalQuery: string };
}

/** A query returning the error ratio directly (Sloth's `raw`); it has no event counts. */
export interface RawSli {
  raw: { errorRatioQuery: string };
}

/** A histogram: requests slower than `threshold` (an `le` bound) are bad. */
export interface LatencySli {
  latency: { bucketMetric: string; threshold: string; selector: string };
}

/** A 0/1 gauge such as `cluster_ready_state`: every second it reads 0 is bad. */
export interface BoolGaugeSli {
  boolGauge: { query: string };
}

export type SliSpec = EventsSli | RatioSli | RawSli | LatencySli | BoolGaugeSli;

export type SliKind = 'events' | 'ratio' | 'raw' | 'latency' | 'boolGauge';

export const SLI_KINDS: readonly SliKind[] = ['events', 'ratio', 'raw', 'latency', 'boolGauge'];

export interface SloSpec {
  id: string;
  name: string;
  service: string;
  description?: string;
  labels?: Record<string, string>;
  runbookUrl?: string;
  /** Percent, strictly between 0 and 100. */
  objective: number;
  period: PeriodSpec;
  datasourceUid?: string;
  budgetingMethod: BudgetingMethod;
  /** Percent of good events a time slice needs to count as good (time-slice budgeting only). */
  timesliceTarget?: number;
  /** Length of a time slice, e.g. `5m` (time-slice budgeting only). */
  timesliceWindow?: string;
  breakdownLabels?: string[];
  alerting?: {
    windows?: 'default' | AlertWindowSpec[];
    /**
     * Low-traffic guard: a pair fires only when its long window holds at least this many events (with
     * time slices: slices); below it the pair is `insufficient-traffic`, never ok and never firing.
     */
    minEvents?: number;
  };
  sli: SliSpec;
}

export const WINDOW_PLACEHOLDER = '{{.window}}';

export function sliKind(sli: SliSpec): SliKind {
  if ('events' in sli) {
    return 'events';
  }
  if ('ratio' in sli) {
    return 'ratio';
  }
  if ('raw' in sli) {
    return 'raw';
  }
  if ('latency' in sli) {
    return 'latency';
  }
  return 'boolGauge';
}
