import type { BacktestReport, EpisodeReport } from './backtestReport';
import { formatBacktestTable } from './backtestTable';

const HOUR = 3600;
const START = 1793404800; // 2026-10-31T00:00:00Z

function episode(start: number, seconds: number, open = false): EpisodeReport {
  const iso = (time: number) => new Date(time * 1000).toISOString().replace('.000Z', 'Z');
  return {
    start: iso(start),
    end: iso(start + seconds),
    startUnix: start,
    endUnix: start + seconds,
    seconds,
    open,
    peakLongBurnRate: 15.123,
    peakShortBurnRate: 40.56,
    budgetConsumed: 0.0212345,
  };
}

function report(): BacktestReport {
  const closed = episode(START + HOUR, 2 * HOUR + 300);
  const open = episode(START + 20 * HOUR, 4 * HOUR, true);
  const summary = (list: EpisodeReport[]) => ({
    episodes: list.length,
    firingSeconds: list.reduce((sum, one) => sum + one.seconds, 0),
    longestSeconds: list.length === 0 ? null : Math.max(...list.map((one) => one.seconds)),
    list,
  });
  return {
    id: 'checkout-availability',
    name: 'Checkout availability',
    service: 'checkout',
    objective: 99.9,
    period: 'rolling 28d',
    status: 'ok',
    error: null,
    notes: [
      'bad events exceed total events in 5m (ratio 1.2): check that errorQuery and totalQuery count the same requests',
    ],
    from: '2026-10-31T00:00:00Z',
    to: '2026-11-01T00:00:00Z',
    fromUnix: START,
    toUnix: START + 24 * HOUR,
    stepSeconds: 300,
    evaluations: 289,
    pairs: [
      {
        severity: 'page',
        long: '1h',
        short: '5m',
        factor: 13.44,
        thresholdRatio: 0.01344,
        insufficientTrafficSeconds: 1800,
        ...summary([closed, open]),
      },
      {
        severity: 'ticket',
        long: '3d',
        short: '6h',
        factor: 0.9333333333333,
        thresholdRatio: 0.0009333333333,
        insufficientTrafficSeconds: 0,
        ...summary([]),
      },
    ],
    severities: {
      page: summary([
        { ...closed, pairs: ['page 1h/5m'] },
        { ...open, pairs: ['page 1h/5m'] },
      ]),
      ticket: summary([]),
    },
    problems: [
      { pair: 'page 6h/30m', kind: 'never-fires', message: 'threshold 144% can never be reached at objective 90' },
    ],
  };
}

describe('the slo backtest table', () => {
  const lines = formatBacktestTable([report()]).split('\n');

  it('gives each pair and each severity its episodes, firing time, longest episode and time held back', () => {
    expect(lines[1]).toBe('  backtest 2026-10-31T00:00Z → 2026-11-01T00:00Z: 289 evaluations every 5m');
    const rows = lines.slice(2, 7);
    expect(rows[0]).toMatch(/^ {2}alert +windows +factor +threshold +episodes +firing +longest +held back$/);
    expect(rows[1]).toMatch(/^ {2}page +1h\/5m +13\.4× +1\.34% +2 +6h5m +4h +30m$/);
    expect(rows[2]).toMatch(/^ {2}ticket +3d\/6h +0\.933× +0\.0933% +0 +— +— +—$/);
    expect(rows[3]).toMatch(/^ {2}page +any pair +2 +6h5m +4h$/);
    // Every column starts where its header does.
    const start = (line: string, text: string) => line.indexOf(text);
    expect(start(rows[1], '2 ')).toBe(start(rows[0], 'episodes'));
    expect(start(rows[2], '0 ')).toBe(start(rows[0], 'episodes'));
  });

  it('lists every episode of each pair, then of each severity with the pairs that fired, then problems and notes', () => {
    const episodes = lines.slice(
      lines.indexOf('  episodes:') + 1,
      lines.findIndex((line) => line.startsWith('  problem:'))
    );
    expect(episodes.map((line) => line.trim().split(/ {2,}/)[0])).toEqual([
      'alert',
      'page 1h/5m',
      'page 1h/5m',
      'page any pair',
      'page any pair',
    ]);
    expect(episodes[3]).toMatch(
      /^ {4}page any pair +2026-10-31T01:00Z +2026-10-31T03:05Z +2h5m +15\.1× \/ 40\.6× +2\.12% +1h\/5m$/
    );
    // Every column starts where its header does, the pairs column too.
    const at = (line: string, text: string) => line.indexOf(text);
    expect(at(episodes[3], '2026')).toBe(at(episodes[0], 'from'));
    expect(at(episodes[3], '2.12%')).toBe(at(episodes[0], 'budget spent'));
    expect(at(episodes[3], '1h/5m')).toBe(at(episodes[0], 'pairs'));
    const text = lines.join('\n');
    expect(text).toMatch(/page 1h\/5m +2026-10-31T01:00Z +2026-10-31T03:05Z +2h5m +15\.1× \/ 40\.6× +2\.12%/);
    expect(text).toMatch(/page 1h\/5m +2026-10-31T20:00Z +still firing +4h/);
    expect(text).toContain('  problem: page 6h/30m: threshold 144% can never be reached at objective 90');
    expect(text).toContain('  note: bad events exceed total events in 5m');
  });

  it('marks an SLO without data in the range as NO-DATA, with the note that says so', () => {
    const empty: BacktestReport = {
      ...report(),
      status: 'no-data',
      notes: ['Prometheus holds no data for this SLO in the range: no pair could fire'],
    };
    const text = formatBacktestTable([empty]);
    expect(text.split('\n')[0]).toBe('checkout-availability  (checkout, 99.9% rolling 28d)  NO-DATA');
    expect(text).toContain('  note: Prometheus holds no data for this SLO in the range: no pair could fire\n');
  });

  it('shows an SLO it could not read with its error', () => {
    const failed: BacktestReport = { ...report(), status: 'error', error: 'Prometheus at x is unreachable', pairs: [] };
    expect(formatBacktestTable([failed])).toBe(
      'checkout-availability  (checkout, 99.9% rolling 28d)  ERROR\n' +
        '  backtest 2026-10-31T00:00Z → 2026-11-01T00:00Z\n' +
        '  error: Prometheus at x is unreachable\n'
    );
  });
});
