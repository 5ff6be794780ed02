import { type PairState, formatDuration } from '../domain';
import type { SloReport } from './report';

export const percent = (value: number | null, digits = 2) =>
  value === null ? '—' : `${(value * 100).toFixed(digits)}%`;
export const rate = (value: number | null) =>
  value === null ? '—' : `${value < 10 ? value.toFixed(2) : value.toFixed(1)}×`;
/** 3 significant digits, written plainly: 0.933333333333 → `0.933`, 14.4 → `14.4`, 0.000144 → `0.000144`. */
export const significant = (value: number) => String(Number(value.toPrecision(3)));

type ReportPair = SloReport['pairs'][number];

const PAIR_STATES: Record<Exclude<PairState, 'firing'>, string> = {
  ok: 'ok',
  'insufficient-traffic': 'insufficient traffic',
  'no-data': 'no data',
};

/** Human-readable `slo evaluate` output: one block per SLO, the most urgent facts first. */
export function formatTable(reports: readonly SloReport[]): string {
  return reports.map(formatOne).join('\n\n') + '\n';
}

function formatOne(report: SloReport): string {
  const header = `${report.id}  (${report.service}, ${report.objective}% ${report.period})  ${report.status.toUpperCase()}`;
  if (report.status === 'error') {
    return `${header}\n  error: ${report.error}`;
  }
  const lines = [header, `  as of ${report.at}`];
  lines.push(
    `  budget remaining ${percent(report.budgetRemaining, 1)}   SLI ${percent(report.sli, 3)}   burn rate (1h) ${rate(report.currentBurnRate)}   exhaustion ${
      report.timeToExhaustionSeconds === null
        ? 'not projected'
        : `in ${formatDuration(Math.round(report.timeToExhaustionSeconds / 60) * 60) || '0s'}`
    }`
  );
  lines.push(
    ...alignColumns([
      ['window', ...report.windows.map((window) => window.window)],
      ['error ratio', ...report.windows.map((window) => percent(window.errorRatio, 3))],
      ['burn rate', ...report.windows.map((window) => rate(window.burnRate))],
    ])
  );
  if (report.pairs.length > 0) {
    lines.push(
      ...alignColumns([
        ['alert', 'windows', 'factor', 'threshold', 'long burn', 'short burn', 'state'],
        ...report.pairs.map((pair: ReportPair) => [
          pair.severity,
          `${pair.long}/${pair.short}`,
          `${significant(pair.factor)}×`,
          `${significant(pair.thresholdRatio * 100)}%`,
          rate(pair.longBurnRate),
          rate(pair.shortBurnRate),
          pairStateText(pair),
        ]),
      ])
    );
  }
  for (const note of report.notes) {
    lines.push(`  note: ${note}`);
  }
  for (const group of report.groups ?? []) {
    lines.push(
      `  group ${JSON.stringify(group.labels)}: ${group.status}, budget ${percent(group.budgetRemaining, 1)}, burn (1h) ${rate(group.currentBurnRate)}`
    );
  }
  return lines.join('\n');
}

function pairStateText(pair: ReportPair): string {
  const { state } = pair;
  if (state === 'firing') {
    return pair.firingSince === null ? 'FIRING' : `FIRING since ${pair.firingSince}`;
  }
  return PAIR_STATES[state];
}

/** Indented rows whose every column starts at the same place, two spaces after the widest cell before it. */
export function alignColumns(rows: ReadonlyArray<readonly string[]>): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, column) => (widths[column] = Math.max(widths[column] ?? 0, cell.length)));
  }
  return rows.map((row) => `  ${row.map((cell, column) => cell.padEnd(widths[column])).join('  ')}`.trimEnd());
}
