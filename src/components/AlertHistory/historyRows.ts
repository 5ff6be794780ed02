import type {
  AlertWindow,
  BacktestEpisode,
  BacktestResult,
  EpisodeSummary,
  PairBacktest,
  Severity,
} from '../../domain';
import { formatWindowPair } from '../format';

/** A severity's row: its pairs' firing as one alert, so that overlapping pairs count once. */
export interface SeverityHistoryRow {
  kind: 'severity';
  key: string;
  severity: Severity;
  /** Null when no pair of this severity can fire (every one of them has a problem). */
  summary: EpisodeSummary | null;
}

export interface PairHistoryRow {
  kind: 'pair';
  key: string;
  severity: Severity;
  /** `1h/5m`. */
  label: string;
  window: AlertWindow;
  backtest: PairBacktest;
}

/** A pair that was not evaluated, with every reason the backtest gave. */
export interface ProblemHistoryRow {
  kind: 'problem';
  key: string;
  severity: Severity;
  label: string;
  window: AlertWindow;
  messages: string[];
}

export type AlertHistoryRow = SeverityHistoryRow | PairHistoryRow | ProblemHistoryRow;

const SEVERITIES: Severity[] = ['page', 'ticket'];

/**
 * The table's rows, straight from the backtest: per severity that has pairs, the severity's own row
 * followed by its pairs in the order the SLO lists them, evaluated ones and problem ones alike.
 */
export function alertHistoryRows(result: BacktestResult): AlertHistoryRow[] {
  const pairRows = new Map<number, PairHistoryRow | ProblemHistoryRow>();
  for (const pair of result.pairs) {
    pairRows.set(pair.index, {
      kind: 'pair',
      key: `pair-${pair.index}`,
      severity: pair.window.severity,
      label: windowLabel(pair.window),
      window: pair.window,
      backtest: pair,
    });
  }
  for (const problem of result.problems) {
    const existing = pairRows.get(problem.index);
    if (existing?.kind === 'problem') {
      existing.messages.push(problem.message);
    } else {
      pairRows.set(problem.index, {
        kind: 'problem',
        key: `pair-${problem.index}`,
        severity: problem.window.severity,
        label: windowLabel(problem.window),
        window: problem.window,
        messages: [problem.message],
      });
    }
  }
  const ordered = [...pairRows.entries()].sort(([a], [b]) => a - b).map(([, row]) => row);
  return SEVERITIES.flatMap((severity): AlertHistoryRow[] => {
    const members = ordered.filter((row) => row.severity === severity);
    if (members.length === 0) {
      return [];
    }
    const canFire = members.some((row) => row.kind === 'pair');
    return [
      {
        kind: 'severity',
        key: `severity-${severity}`,
        severity,
        summary: canFire ? result.severities[severity] : null,
      },
      ...members,
    ];
  });
}

/** Episodes anywhere in the result: a severity's episodes are its pairs' union, so counting severities is enough. */
export function episodeCount(result: BacktestResult): number {
  return SEVERITIES.reduce((sum, severity) => sum + result.severities[severity].count, 0);
}

export function windowLabel(window: AlertWindow): string {
  return formatWindowPair(window.longSeconds, window.shortSeconds);
}

/** The labels of the pairs that fired during an episode (`1h/5m, 6h/30m`), for a severity's episodes. */
export function episodePairLabels(episode: BacktestEpisode, result: BacktestResult): string[] {
  return episode.pairs.flatMap((index) => {
    const pair = result.pairs.find((candidate) => candidate.index === index);
    return pair ? [windowLabel(pair.window)] : [];
  });
}
