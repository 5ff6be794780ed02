import {
  type AlertWindow,
  type CalculatorRow,
  type PeriodSpec,
  type Severity,
  type SloSpec,
  alertingPeriodSeconds,
  calculatorRows,
  defaultAlertWindows,
  formatDuration,
  formatProblem,
  resolveAlertWindows,
  validateSloSpecs,
} from '../../domain';

/** One alert window as the calculator edits it: durations as text, and a budget share or a factor. */
export interface CalculatorWindowInput {
  severity: Severity;
  /** Long window, e.g. `1h`. */
  long: string;
  /** Short window, e.g. `5m`. */
  short: string;
  /** Share of the period's budget spent when the pair fires; the factor derives from it. */
  budgetPercent?: number;
  /** Burn-rate factor; wins over budgetPercent when both are set. */
  factor?: number;
}

/** Everything the calculator's inputs hold; panels keep it in their options, pages in their state. */
export interface CalculatorInput {
  /** Percent, e.g. 99.9. */
  objective: number;
  /** A rolling duration such as `30d`, or `week`, `month`, `quarter` (their nominal 7, 30, 90 days). */
  period: string;
  windows: CalculatorWindowInput[];
  /**
   * The low-traffic guard (`alerting.minEvents`): a pair fires only when its long window holds this many
   * events. It changes nothing in the table, only what the pairs would have done with real data.
   */
  minEvents?: number;
}

export const CALENDAR_PERIODS = ['week', 'month', 'quarter'] as const;
const DEFAULT_PERIOD_TEXT = '30d';

/** The Google SRE workbook's windows (1h/5m, 6h/30m, 1d/2h, 3d/6h) for 99.9 % over 30 days. */
export function defaultCalculatorInput(objective = 99.9, period = DEFAULT_PERIOD_TEXT): CalculatorInput {
  return { objective, period, windows: defaultWindowInputs() };
}

export function defaultWindowInputs(): CalculatorWindowInput[] {
  return defaultAlertWindows(30 * 86400).map((window) => ({
    severity: window.severity,
    long: formatDuration(window.longSeconds),
    short: formatDuration(window.shortSeconds),
    budgetPercent: window.budgetPercent,
  }));
}

/** Where a problem is: the objective, the period, a window's field, or the whole input. */
export type CalculatorField =
  | 'objective'
  | 'period'
  | `windows.${number}.${'severity' | 'long' | 'short' | 'budgetPercent' | 'factor'}`
  | `windows.${number}`
  | 'windows'
  | 'minEvents';

export interface CalculatorEvaluation {
  /** Problems by field; empty when every input is valid. */
  problems: Partial<Record<CalculatorField, string>>;
  /** The whole-input problem to show first (e.g. an objective of 100), if any. */
  summary: string | null;
  /** Null while any input is invalid. */
  result: { period: PeriodSpec; periodSeconds: number; windows: AlertWindow[]; rows: CalculatorRow[] } | null;
}

/** A placeholder SLI: the calculator has no queries, but the spec validator wants one. */
const PLACEHOLDER_SLI: SloSpec['sli'] = {
  events: { errorQuery: 'sum(rate(bad[{{.window}}]))', totalQuery: 'sum(rate(total[{{.window}}]))' },
};

export function periodFromText(text: string): PeriodSpec | string {
  const trimmed = String(text ?? '').trim();
  if ((CALENDAR_PERIODS as readonly string[]).includes(trimmed)) {
    return { calendar: trimmed as (typeof CALENDAR_PERIODS)[number] };
  }
  return trimmed;
}

/** The SLO spec (as written) the calculator's inputs describe, for the engine's validator. */
export function calculatorSpec(input: CalculatorInput, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'calculator',
    name: 'Burn-rate calculator',
    service: 'calculator',
    objective: input.objective,
    period: periodFromText(input.period),
    budgetingMethod: 'occurrences',
    alerting: {
      windows: input.windows.map(windowSpec),
      ...(isSet(input.minEvents) ? { minEvents: input.minEvents } : {}),
    },
    sli: PLACEHOLDER_SLI,
    ...extra,
  };
}

function windowSpec(window: CalculatorWindowInput): Record<string, unknown> {
  const spec: Record<string, unknown> = { severity: window.severity, long: window.long, short: window.short };
  if (isSet(window.factor)) {
    spec.factor = window.factor;
  } else if (isSet(window.budgetPercent)) {
    spec.budgetPercent = window.budgetPercent;
  }
  return spec;
}

function isSet(value: number | undefined | null): value is number {
  return value !== undefined && value !== null && !Number.isNaN(value);
}

/**
 * Validates the inputs with the engine's spec validator and, when they are valid, computes the
 * calculator's table with the engine: factor, threshold, budget consumed, times to exhaustion,
 * detection and reset for every window pair.
 */
export function evaluateCalculatorInput(input: CalculatorInput): CalculatorEvaluation {
  if (input.windows.length === 0) {
    return {
      problems: { windows: 'add at least one alert window' },
      summary: 'Add at least one alert window.',
      result: null,
    };
  }
  const validation = validateSloSpecs([calculatorSpec(input)]);
  const problems: CalculatorEvaluation['problems'] = {};
  let summary: string | null = null;
  for (const problem of validation.problems) {
    if (problem.severity !== 'error') {
      continue;
    }
    const field = fieldOf(problem.path);
    problems[field] ??= problem.message;
    if (field === 'objective' && summary === null) {
      summary = `Objective: ${problem.message}`;
    }
    summary ??= formatProblem({ ...problem, path: problem.path.replace(/^slos\[0\]\.?/, '') });
  }
  const spec = validation.valid[0];
  if (!spec) {
    return { problems, summary: summary ?? 'The inputs are not valid.', result: null };
  }
  const periodSeconds = alertingPeriodSeconds(spec.period);
  const windows = resolveAlertWindows(spec, periodSeconds);
  return {
    problems,
    summary,
    result: {
      period: spec.period,
      periodSeconds,
      windows,
      rows: calculatorRows(spec.objective, periodSeconds, windows),
    },
  };
}

/** `slos[0].alerting.windows[2].short` → `windows.2.short`. */
function fieldOf(path: string): CalculatorField {
  const inner = path.replace(/^slos\[0\]\.?/, '');
  if (inner.startsWith('objective')) {
    return 'objective';
  }
  if (inner.startsWith('period')) {
    return 'period';
  }
  if (inner.startsWith('alerting.minEvents')) {
    return 'minEvents';
  }
  const window = /^alerting\.windows\[(\d+)\](?:\.(severity|long|short|budgetPercent|factor))?/.exec(inner);
  if (window) {
    return window[2]
      ? (`windows.${Number(window[1])}.${window[2]}` as CalculatorField)
      : `windows.${Number(window[1])}`;
  }
  return 'windows';
}

/**
 * Reads calculator inputs from anything (saved panel options, URL state): missing or malformed
 * parts fall back to the defaults, so an old or hand-edited dashboard still opens.
 */
export function normalizeCalculatorInput(value: Partial<CalculatorInput> | undefined | null): CalculatorInput {
  const defaults = defaultCalculatorInput();
  const objective = typeof value?.objective === 'number' ? value.objective : Number(value?.objective);
  const windows = Array.isArray(value?.windows)
    ? value.windows.filter(isWindowLike).map((window) => ({
        severity: window.severity === 'ticket' ? ('ticket' as const) : ('page' as const),
        long: String(window.long ?? ''),
        short: String(window.short ?? ''),
        ...(isFiniteNumber(window.budgetPercent) ? { budgetPercent: window.budgetPercent } : {}),
        ...(isFiniteNumber(window.factor) ? { factor: window.factor } : {}),
      }))
    : defaults.windows;
  return {
    objective: Number.isFinite(objective) ? objective : defaults.objective,
    period: typeof value?.period === 'string' && value.period.trim() !== '' ? value.period : defaults.period,
    windows,
    ...(isFiniteNumber(value?.minEvents) ? { minEvents: value.minEvents } : {}),
  };
}

function isWindowLike(value: unknown): value is CalculatorWindowInput {
  return typeof value === 'object' && value !== null;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
