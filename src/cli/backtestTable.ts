import { formatDuration } from '../domain';
import type { BacktestReport, EpisodeReport, EpisodeSummaryReport } from './backtestReport';
import { alignColumns, rate, significant } from './table';

/** Human-readable `slo backtest` output: per SLO the pairs and severities, then every episode. */
export function formatBacktestTable(reports: readonly BacktestReport[]): string {
  return reports.map(formatOne).join('\n\n') + '\n';
}

const SEVERITIES = ['page', 'ticket'] as const;
const duration = (seconds: number | null) => (seconds === null ? '—' : formatDuration(seconds) || '0s');
const minute = (iso: string) => iso.replace(/:00Z$/, 'Z');

function formatOne(report: BacktestReport): string {
  const header = `${report.id}  (${report.service}, ${report.objective}% ${report.period})`;
  const range = `${minute(report.from)} → ${minute(report.to)}`;
  if (report.status === 'error') {
    return `${header}  ERROR\n  backtest ${range}\n  error: ${report.error}`;
  }
  const lines = [
    report.status === 'no-data' ? `${header}  NO-DATA` : header,
    `  backtest ${range}: ${report.evaluations} evaluations every ${duration(report.stepSeconds)}`,
    ...alignColumns([
      ['alert', 'windows', 'factor', 'threshold', 'episodes', 'firing', 'longest', 'held back'],
      ...report.pairs.map((pair) => [
        pair.severity,
        `${pair.long}/${pair.short}`,
        `${significant(pair.factor)}×`,
        `${significant(pair.thresholdRatio * 100)}%`,
        ...summaryCells(pair),
        pair.insufficientTrafficSeconds > 0 ? duration(pair.insufficientTrafficSeconds) : '—',
      ]),
      ...SEVERITIES.map((severity) => [severity, 'any pair', '', '', ...summaryCells(report.severities[severity]), '']),
    ]),
  ];
  // A severity's episodes are what would have paged (or opened a ticket): overlapping pairs make one.
  const episodes = [
    ...report.pairs.flatMap((pair) =>
      pair.list.map((episode) => [`${pair.severity} ${pair.long}/${pair.short}`, ...episodeCells(episode), ''])
    ),
    ...SEVERITIES.flatMap((severity) =>
      report.severities[severity].list.map((episode) => [
        `${severity} any pair`,
        ...episodeCells(episode),
        (episode.pairs ?? []).map((pair) => pair.slice(severity.length + 1)).join(' '),
      ])
    ),
  ];
  if (episodes.length > 0) {
    lines.push(
      '  episodes:',
      ...alignColumns([
        ['alert', 'from', 'to', 'for', 'peak burn long/short', 'budget spent', 'pairs'],
        ...episodes,
      ]).map((line) => `  ${line}`)
    );
  }
  for (const problem of report.problems) {
    lines.push(`  problem: ${problem.pair}: ${problem.message}`);
  }
  for (const note of report.notes) {
    lines.push(`  note: ${note}`);
  }
  return lines.join('\n');
}

function summaryCells(summary: EpisodeSummaryReport): string[] {
  return [
    String(summary.episodes),
    summary.episodes > 0 ? duration(summary.firingSeconds) : '—',
    duration(summary.longestSeconds),
  ];
}

function episodeCells(episode: EpisodeReport): string[] {
  return [
    minute(episode.start),
    episode.open ? 'still firing' : minute(episode.end),
    duration(episode.seconds),
    `${rate(episode.peakLongBurnRate)} / ${rate(episode.peakShortBurnRate)}`,
    episode.budgetConsumed === null ? '—' : `${significant(episode.budgetConsumed * 100)}%`,
  ];
}
