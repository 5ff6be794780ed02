import type { EventBucket, EventCounts } from './buckets';
import { errorBudget } from './budget';
import { evaluateSlo } from './evaluate';
import type { SliSpec, SloSpec } from './spec';
import { bucketsBetween } from './testing/buckets';

const HOUR = 3600;
const DAY = 86400;
const now = 40 * DAY;
const STEP = 300;

const SLIS: Record<string, SliSpec> = {
  events: { events: { errorQuery: 'e[{{.window}}]', totalQuery: 't[{{.window}}]' } },
  ratio: { ratio: { goodQuery: 'g[{{.window}}]', totalQuery: 't[{{.window}}]' } },
  raw: { raw: { errorRatioQuery: 'r[{{.window}}]' } },
  latency: { latency: { bucketMetric: 'h_bucket', threshold: '0.3', selector: '{}' } },
  boolGauge: { boolGauge: { query: 'up' } },
};

function specOf(sli: SliSpec, overrides: Partial<SloSpec> = {}): SloSpec {
  return {
    id: 'hostile',
    name: 'Hostile data',
    service: 'test',
    objective: 99.9,
    period: { rolling: '30d' },
    budgetingMethod: 'occurrences',
    sli,
    ...overrides,
  };
}

/** Buckets of 5 minutes with `fill`, as the adapters hand them over: raw, unclamped. */
function buckets(fill: (start: number) => { bad: number; total: number }): EventBucket[] {
  return bucketsBetween(now - 31 * DAY, now, STEP, fill);
}

/** A gauge reading `value` (the adapters' counts: bad = (1 − value) × seconds, total = seconds). */
const gauge = (value: number) => ({ bad: (1 - value) * STEP, total: STEP });

const ALL_WINDOWS = '5m, 30m, 1h, 2h, 6h, 1d, 3d, the period';

describe('evaluateSlo on counts that cannot be an error ratio', () => {
  it('gives no note on in-range data, nor on float noise of extrapolated rates', () => {
    const clean = evaluateSlo(specOf(SLIS.events), { buckets: buckets(() => ({ bad: 1, total: 1000 })) }, { now });
    expect(clean.notes).toEqual([]);
    const noisy = evaluateSlo(
      specOf(SLIS.ratio),
      { buckets: buckets(() => ({ bad: -1e-12, total: 1000 })), windowCounts: { 300: { bad: -2e-13, total: 1000 } } },
      { now }
    );
    expect(noisy.notes).toEqual([]);
    expect(noisy.windows[0].errorRatio).toBe(0);
  });

  it('names only the windows that hold the out-of-range buckets, with the ratio of those buckets', () => {
    // bad = 3 × total from 3h to 2h ago: the 6h, 1d, 3d windows and the period hold it; 2h ends just after it.
    const result = evaluateSlo(
      specOf(SLIS.events),
      {
        buckets: buckets((t) =>
          t >= now - 3 * HOUR && t < now - 2 * HOUR ? { bad: 3000, total: 1000 } : { bad: 1, total: 1000 }
        ),
      },
      { now }
    );
    expect(result.notes).toEqual([
      'bad events exceed total events in 6h, 1d, 3d, the period (ratio 3.0): check that errorQuery and totalQuery count the same requests',
    ]);
    // The bad buckets count as 100% errors, no more.
    expect(result.windows.find((window) => window.seconds === 6 * HOUR)!.errorRatio).toBeCloseTo(
      (12 + 60 * 0.001) / 72,
      12
    );
  });

  it('applies the same rule to the exact windows: a negative count in 1h only is named as such', () => {
    const windowCounts: Record<number, EventCounts> = {
      300: { bad: 1, total: 1000 },
      3600: { bad: -12.3, total: 12000 },
    };
    const result = evaluateSlo(
      specOf(SLIS.events),
      { buckets: buckets(() => ({ bad: 1, total: 1000 })), windowCounts },
      { now }
    );
    expect(result.notes).toEqual([
      'negative bad event count in 1h (-12.3): errorQuery looks like a gauge or deriv(), not a counter rate',
    ]);
    expect(result.windows.find((window) => window.seconds === HOUR)).toMatchObject({
      bad: 0,
      errorRatio: 0,
      burnRate: 0,
    });
  });

  it('treats a negative total as a gap and says so', () => {
    const result = evaluateSlo(
      specOf(SLIS.events),
      {
        buckets: buckets((t) => (t >= now - 10 * 60 ? { bad: 1, total: -40 } : { bad: 1, total: 1000 })),
        windowCounts: { 300: { bad: 1, total: -40 } },
      },
      { now }
    );
    expect(result.notes).toEqual([
      `negative total event count in ${ALL_WINDOWS} (-40.0): totalQuery looks like a gauge or deriv(), not a counter rate`,
    ]);
    // The exact 5m window is a gap, so the buckets answer, and they are gaps too: no data, not a number.
    expect(result.windows[0]).toMatchObject({ total: 0, errorRatio: null, coverage: 0 });
  });

  it('words each cause in the terms of the SLI kind', () => {
    const noteFor = (sli: SliSpec, fill: { bad: number; total: number }) =>
      evaluateSlo(specOf(sli), { buckets: buckets(() => fill) }, { now }).notes;
    expect(noteFor(SLIS.ratio, { bad: -500, total: 1000 })).toEqual([
      `good events exceed total events in ${ALL_WINDOWS} (ratio 1.5): check that goodQuery and totalQuery count the same requests`,
    ]);
    expect(noteFor(SLIS.ratio, { bad: 1003, total: 1000 })).toEqual([
      `negative good event count in ${ALL_WINDOWS} (-3.0): goodQuery looks like a gauge or deriv(), not a counter rate`,
    ]);
    expect(noteFor(SLIS.latency, { bad: -200, total: 1000 })).toEqual([
      `the threshold bucket counts more requests than le="+Inf" in ${ALL_WINDOWS} (ratio 1.2): check that the selector matches one histogram`,
    ]);
    expect(noteFor(SLIS.latency, { bad: 1, total: -3 })).toEqual([
      `negative request count in the le="+Inf" bucket in ${ALL_WINDOWS} (-3.0): bucketMetric must be a histogram's counter buckets`,
    ]);
    expect(noteFor(SLIS.raw, { bad: 3 * STEP, total: STEP })).toEqual([
      `the error ratio is outside 0 and 1 in ${ALL_WINDOWS} (mean 3.0): errorRatioQuery must return bad events divided by total events`,
    ]);
    expect(noteFor(SLIS.boolGauge, gauge(2))).toEqual([
      `the gauge reads values outside 0 and 1 in ${ALL_WINDOWS} (mean 2.0): boolGauge needs a 0/1 gauge`,
    ]);
  });

  it('keeps short and long windows of one sign for a gauge out of range, and nothing below 1 − 1/budget', () => {
    // A 0/1 gauge that reads 2 for the last 30 minutes and −1 for the 30 minutes before: before the rule the
    // exact short windows were negative while the bucketed long ones were above 1.
    const fill = (t: number) => (t >= now - 30 * 60 ? gauge(2) : t >= now - HOUR ? gauge(-1) : gauge(1));
    const windowCounts = {
      300: { bad: -300, total: 300 },
      1800: { bad: -1800, total: 1800 },
      3600: { bad: 1800, total: 3600 },
    };
    const result = evaluateSlo(specOf(SLIS.boolGauge), { buckets: buckets(fill), windowCounts }, { now });
    const budget = errorBudget(99.9);
    for (const window of result.windows) {
      expect(window.errorRatio).toBeGreaterThanOrEqual(0);
      expect(window.errorRatio).toBeLessThanOrEqual(1);
      expect(window.burnRate).toBeGreaterThanOrEqual(0);
    }
    expect(result.windows[0].burnRate).toBe(0);
    expect(result.windows[1].burnRate).toBe(0);
    expect(result.windows[2].errorRatio).toBeCloseTo(0.5, 12);
    expect(result.budgetRemaining!).toBeGreaterThanOrEqual(1 - 1 / budget);
    // The exact 1h window averages 2 and −1 to 0.5, in range: only the windows that saw it out of range say so.
    expect(result.notes).toEqual([
      'the gauge reads values outside 0 and 1 in 5m, 30m, 2h, 6h, 1d, 3d, the period (mean 2.0): boolGauge needs a 0/1 gauge',
    ]);
  });

  it('never gives a ratio outside [0, 1], a negative burn rate, NaN or a budget below 1 − 1/budget', () => {
    let seed = 11;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const budget = errorBudget(99);
    for (const kind of Object.keys(SLIS)) {
      for (const period of [{ rolling: '30d' }, { calendar: 'month' as const }]) {
        const hostile = buckets(() => ({ bad: (random() - 0.3) * 3000, total: (random() - 0.1) * 1000 }));
        const windowCounts = { 300: { bad: (random() - 0.5) * 1e4, total: (random() - 0.2) * 1000 } };
        for (const budgetingMethod of ['occurrences', 'timeslices'] as const) {
          const spec = specOf(SLIS[kind], {
            objective: 99,
            period,
            budgetingMethod,
            timesliceTarget: 95,
            timesliceWindow: '5m',
          });
          const result = evaluateSlo(spec, { buckets: hostile, windowCounts }, { now });
          const numbers = [
            ...result.windows.flatMap((window) => [window.errorRatio, window.burnRate, window.bad, window.total]),
            result.budgetRemaining,
            result.sli,
            result.currentBurnRate,
            ...result.burndown.series.map((point) => point.remaining),
          ].filter((value): value is number => value !== null);
          expect(numbers.every(Number.isFinite)).toBe(true);
          expect(numbers.every((value) => value >= 1 - 1 / budget - 1e-9)).toBe(true);
          for (const window of result.windows) {
            if (window.errorRatio !== null) {
              expect(window.errorRatio).toBeGreaterThanOrEqual(0);
              expect(window.errorRatio).toBeLessThanOrEqual(1);
              expect(window.burnRate).toBeGreaterThanOrEqual(0);
            }
          }
          expect(result.notes.length).toBeGreaterThan(0);
        }
      }
    }
  });
});
