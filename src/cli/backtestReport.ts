import {
  type BacktestEpisode,
  type BacktestResult,
  type EpisodeSummary,
  type SloSpec,
  backtestSlo,
  describePeriod,
  formatDuration,
  isoTime,
} from '../domain';
import type { SloReading } from '../prometheus/readSlo';

/** One episode in `slo backtest --format json`; the README documents this shape. */
export interface EpisodeReport {
  start: string;
  end: string;
  startUnix: number;
  endUnix: number;
  seconds: number;
  /** Still firing at the end of the range. */
  open: boolean;
  peakLongBurnRate: number;
  peakShortBurnRate: number;
  /** Share of the period's error budget spent during the episode; null when that period had no events. */
  budgetConsumed: number | null;
  /** For a severity: the pairs (`page 1h/5m`) that fired during the episode. */
  pairs?: string[];
}

export interface EpisodeSummaryReport {
  episodes: number;
  firingSeconds: number;
  longestSeconds: number | null;
  list: EpisodeReport[];
}

/** One SLO in `slo backtest --format json`. */
export interface BacktestReport {
  id: string;
  name: string;
  service: string;
  objective: number;
  period: string;
  /** `no-data`: Prometheus holds none of the SLO's data in the range, so no pair could have fired. */
  status: 'ok' | 'no-data' | 'error';
  error: string | null;
  notes: string[];
  from: string;
  to: string;
  fromUnix: number;
  toUnix: number;
  stepSeconds: number | null;
  evaluations: number | null;
  pairs: Array<
    {
      severity: string;
      long: string;
      short: string;
      factor: number;
      thresholdRatio: number;
      /** Time the low-traffic guard held the pair back. */
      insufficientTrafficSeconds: number;
    } & EpisodeSummaryReport
  >;
  severities: { page: EpisodeSummaryReport; ticket: EpisodeSummaryReport };
  /** Pairs not evaluated: they can never fire, or their short window is not the shorter. */
  problems: Array<{ pair: string; kind: string; message: string }>;
}

/** An SLO's backtest over `range`, from the buckets of a reading planned to reach back that far. */
export function backtestReport(reading: SloReading, range: { from: number; to: number }): BacktestReport {
  const { spec } = reading;
  const base = {
    ...identity(spec),
    from: isoTime(range.from),
    to: isoTime(range.to),
    fromUnix: range.from,
    toUnix: range.to,
  };
  if (reading.kind === 'error') {
    const nothing = { episodes: 0, firingSeconds: 0, longestSeconds: null, list: [] };
    return {
      ...base,
      status: 'error',
      error: reading.message,
      notes: [],
      stepSeconds: null,
      evaluations: null,
      pairs: [],
      severities: { page: nothing, ticket: nothing },
      problems: [],
    };
  }
  const { events } = reading.groups[0];
  const result = backtestSlo(spec, events, range, reading.plan.step);
  const coverage = coverageNote(events.firstStart, range);
  return {
    ...base,
    status: coverage.covered ? 'ok' : 'no-data',
    error: null,
    notes: coverage.note === null ? reading.notes : [coverage.note, ...reading.notes],
    ...resultReport(result),
  };
}

/**
 * Where the SLO's data begins, said when it is after the start of the range (the range reaches beyond
 * Prometheus's retention, or before the metrics existed): no pair can fire where there is no data, so
 * the quiet there is no finding.
 */
export function coverageNote(
  firstStart: number | null,
  range: { from: number; to: number }
): { covered: boolean; note: string | null } {
  if (firstStart === null || firstStart >= range.to) {
    return { covered: false, note: 'Prometheus holds no data for this SLO in the range: no pair could fire' };
  }
  if (firstStart <= range.from) {
    return { covered: true, note: null };
  }
  return {
    covered: true,
    note:
      `Prometheus holds this SLO's data from ${isoTime(firstStart)} only: ` +
      `no pair could fire in the ${formatDuration(firstStart - range.from)} of the range before it`,
  };
}

function identity(spec: SloSpec) {
  return {
    id: spec.id,
    name: spec.name,
    service: spec.service,
    objective: spec.objective,
    period: describePeriod(spec.period),
  };
}

function resultReport(result: BacktestResult) {
  const pairName = (index: number) => {
    const pair = result.pairs.find((one) => one.index === index);
    return pair ? `${pair.window.severity} ${windowsOf(pair.window)}` : `#${index + 1}`;
  };
  return {
    stepSeconds: result.stepSeconds,
    evaluations: result.evaluations,
    pairs: result.pairs.map((pair) => ({
      severity: pair.window.severity,
      long: formatDuration(pair.window.longSeconds),
      short: formatDuration(pair.window.shortSeconds),
      factor: pair.window.factor,
      thresholdRatio: pair.thresholdRatio,
      insufficientTrafficSeconds: pair.insufficientTrafficSeconds,
      ...summaryReport(pair),
    })),
    severities: {
      page: summaryReport(result.severities.page, pairName),
      ticket: summaryReport(result.severities.ticket, pairName),
    },
    problems: result.problems.map((problem) => ({ pair: problem.pair, kind: problem.kind, message: problem.message })),
  };
}

function summaryReport(summary: EpisodeSummary, pairName?: (index: number) => string): EpisodeSummaryReport {
  return {
    episodes: summary.count,
    firingSeconds: summary.firingSeconds,
    longestSeconds: summary.longest === null ? null : summary.longest.end - summary.longest.start,
    list: summary.episodes.map((episode) => episodeReport(episode, pairName)),
  };
}

function episodeReport(episode: BacktestEpisode, pairName?: (index: number) => string): EpisodeReport {
  return {
    start: isoTime(episode.start),
    end: isoTime(episode.end),
    startUnix: episode.start,
    endUnix: episode.end,
    seconds: episode.end - episode.start,
    open: episode.open,
    peakLongBurnRate: episode.peakLongBurnRate,
    peakShortBurnRate: episode.peakShortBurnRate,
    budgetConsumed: episode.budgetConsumed,
    ...(pairName ? { pairs: episode.pairs.map(pairName) } : {}),
  };
}

function windowsOf(window: { longSeconds: number; shortSeconds: number }): string {
  return `${formatDuration(window.longSeconds)}/${formatDuration(window.shortSeconds)}`;
}
