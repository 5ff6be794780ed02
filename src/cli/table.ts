import { formatDuration } from '../domain';
import type { SloReport } from './report';

const percent = (value: number | null, digits = 2) => (value === null ? '—' : `${(value * 100).toFixed(digits)}%`);
const rate = (value: number | null) => (value === null ? '—' : `${value < 10 ? value.toFixed(2) : value.toFixed(1)}×`);

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
  const widths = report.windows.map((window) => Math.max(window.window.length, 9));
  lines.push(
    `  ${'window'.padEnd(11)}${report.windows.map((window, i) => window.window.padStart(widths[i] + 1)).join('')}`
  );
  lines.push(
    `  ${'error ratio'.padEnd(11)}${report.windows.map((window, i) => percent(window.errorRatio, 3).padStart(widths[i] + 1)).join('')}`
  );
  lines.push(
    `  ${'burn rate'.padEnd(11)}${report.windows.map((window, i) => rate(window.burnRate).padStart(widths[i] + 1)).join('')}`
  );
  for (const pair of report.pairs) {
    const state = pair.firing ? `FIRING since ${pair.firingSince}` : 'ok';
    lines.push(
      `  ${pair.severity.padEnd(6)} ${`${pair.long}/${pair.short}`.padEnd(7)} > ${String(pair.factor).padEnd(6)} long ${rate(pair.longBurnRate).padStart(7)}  short ${rate(pair.shortBurnRate).padStart(7)}  ${state}`
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
