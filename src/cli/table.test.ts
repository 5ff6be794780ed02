import {
  type AlertWindow,
  type PairState,
  alertThresholdRatio,
  defaultAlertWindows,
  errorBudget,
  formatDuration,
} from '../domain';
import type { SloReport } from './report';
import { formatTable } from './table';

const DAY = 86400;

/** A report as `slo evaluate` makes it, for an SLO on `periodDays` alerting on `windows`. */
function reportFor(periodDays: number, windows: AlertWindow[] = defaultAlertWindows(periodDays * DAY)): SloReport {
  const objective = 99.9;
  const budget = errorBudget(objective);
  const seconds = [
    ...new Set([...windows.flatMap((window) => [window.shortSeconds, window.longSeconds]), periodDays * DAY]),
  ];
  return {
    id: 'checkout-availability',
    name: 'Checkout availability',
    service: 'checkout',
    objective,
    period: `rolling ${periodDays}d`,
    status: 'ticket',
    error: null,
    notes: [],
    at: '2026-10-30T11:00:00Z',
    page: false,
    ticket: true,
    sli: 0.9987,
    budgetRemaining: 0.42,
    currentBurnRate: 1.3,
    timeToExhaustionSeconds: 5 * DAY,
    windows: seconds
      .sort((a, b) => a - b)
      .map((length, index) => ({
        window: formatDuration(length),
        seconds: length,
        errorRatio: 0.0011 * (index + 1),
        burnRate: 1.1 * (index + 1),
        bad: 11 * (index + 1),
        total: 10000,
      })),
    pairs: windows.map((window, index) => ({
      severity: window.severity,
      long: formatDuration(window.longSeconds),
      short: formatDuration(window.shortSeconds),
      factor: window.factor,
      thresholdRatio: alertThresholdRatio(window, budget),
      longBurnRate: index === 0 ? null : 1.25 * index,
      shortBurnRate: 12.5 * index,
      state: index === 3 ? ('firing' as const) : ('ok' as const),
      firing: index === 3,
      firingSince: index === 3 ? '2026-10-30T09:12:00Z' : null,
    })),
  };
}

/** Where each cell after the first starts: a character after at least two spaces. */
function columnStarts(line: string): number[] {
  return [...line.matchAll(/ {2}(?=\S)/g)].map((match) => match.index! + 2).filter((start) => start > 2);
}

/** The lines of the window table and of the alert table. */
function tables(output: string): string[][] {
  const lines = output.split('\n');
  const windowsAt = lines.findIndex((line) => line.startsWith('  window '));
  const alertsAt = lines.findIndex((line) => line.startsWith('  alert '));
  const alertsEnd = lines.findIndex((line, index) => index > alertsAt && !/^ {2}(page|ticket) /.test(line));
  return [lines.slice(windowsAt, windowsAt + 3), lines.slice(alertsAt, alertsEnd)];
}

describe('formatTable', () => {
  it.each([30, 28, 7])('rounds factors and thresholds to 3 significant digits for a %i-day period', (days) => {
    const report = reportFor(days);
    const output = formatTable([report]);
    const [, alerts] = tables(output);
    const rows = alerts.slice(1).map((line) => line.trim().split(/ {2,}/));
    expect(rows.map((row) => row[2])).toEqual(report.pairs.map((pair) => `${Number(pair.factor.toPrecision(3))}×`));
    expect(rows.map((row) => row[3])).toEqual(
      report.pairs.map((pair) => `${Number((pair.thresholdRatio * 100).toPrecision(3))}%`)
    );
    expect(output).not.toMatch(/\d{5,}/);
  });

  it('prints the 28-day factors and thresholds as people read them', () => {
    const [, alerts] = tables(formatTable([reportFor(28)]));
    expect(alerts.map((line) => line.trim().split(/ {2,}/).slice(0, 4))).toEqual([
      ['alert', 'windows', 'factor', 'threshold'],
      ['page', '1h/5m', '13.4×', '1.34%'],
      ['page', '6h/30m', '5.6×', '0.56%'],
      ['ticket', '1d/2h', '2.8×', '0.28%'],
      ['ticket', '3d/6h', '0.933×', '0.0933%'],
    ]);
  });

  it.each([
    ['30-day default', reportFor(30)],
    ['28-day default', reportFor(28)],
    ['7-day default', reportFor(7)],
    [
      'custom windows',
      reportFor(30, [
        { severity: 'page', longSeconds: 45000, shortSeconds: 4500, factor: 7.123456789, budgetPercent: 12.3456 },
        { severity: 'ticket', longSeconds: 7 * DAY, shortSeconds: 12 * 3600, factor: 0.123456789, budgetPercent: 2.88 },
      ]),
    ],
  ])('keeps every column of both tables aligned (%s)', (_, report) => {
    for (const table of tables(formatTable([report]))) {
      expect(table.length).toBeGreaterThan(2);
      const starts = columnStarts(table[0]);
      expect(starts.length).toBeGreaterThan(1);
      for (const line of table) {
        expect(columnStarts(line).slice(0, starts.length)).toEqual(starts);
      }
    }
  });

  it("prints each pair's state", () => {
    const report = reportFor(30);
    const states: PairState[] = ['no-data', 'insufficient-traffic', 'ok', 'firing'];
    const withStates = { ...report, pairs: report.pairs.map((pair, index) => ({ ...pair, state: states[index] })) };
    const [, alerts] = tables(formatTable([withStates]));
    expect(alerts.slice(1).map((line) => line.trim().split(/ {2,}/).at(-1))).toEqual([
      'no data',
      'insufficient traffic',
      'ok',
      'FIRING since 2026-10-30T09:12:00Z',
    ]);
    const [, fromFiring] = tables(formatTable([report]));
    expect(fromFiring.slice(1).map((line) => line.trim().split(/ {2,}/).at(-1))).toEqual([
      'ok',
      'ok',
      'ok',
      'FIRING since 2026-10-30T09:12:00Z',
    ]);
  });
});
