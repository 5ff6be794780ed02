import { evaluateSlo } from './evaluate';
import { RecordedRatiosError, type RecordedRatios, evaluateRecorded, recordedIneligibility } from './evaluateRecorded';
import type { SloSpec } from './spec';
import { bucketsBetween } from './testing/buckets';

const HOUR = 3600;
const DAY = 86400;
const now = 40 * DAY;
const WINDOWS = [300, 1800, 3600, 7200, 21600, 86400, 259200];

const spec: SloSpec = {
  id: 'checkout-availability',
  name: 'Checkout availability',
  service: 'checkout',
  objective: 99.9,
  period: { rolling: '30d' },
  budgetingMethod: 'occurrences',
  sli: { events: { errorQuery: 'e[{{.window}}]', totalQuery: 't[{{.window}}]' } },
};

/** Every window and the period at one ratio. */
function flat(ratio: number, overrides: Partial<Record<number, number>> = {}, period = ratio): RecordedRatios {
  const windows: Record<number, number> = {};
  for (const seconds of WINDOWS) {
    windows[seconds] = overrides[seconds] ?? ratio;
  }
  return { windows, period };
}

/** What the raw path computes from buckets, and the ratios the recordings would hold for the same data. */
function bothPaths(ratioAt: (t: number) => number, total: (t: number) => number = () => 1000) {
  const buckets = bucketsBetween(0, now, 300, (t) => ({ bad: total(t) * ratioAt(t), total: total(t) }));
  const raw = evaluateSlo(spec, { buckets }, { now });
  const ratios: RecordedRatios = {
    windows: Object.fromEntries(raw.windows.map((window) => [window.seconds, window.errorRatio ?? Number.NaN])),
    period: raw.periodWindow.errorRatio ?? Number.NaN,
  };
  return { raw, recorded: evaluateRecorded(spec, ratios, { now }) };
}

describe('evaluateRecorded', () => {
  it.each([
    ['a quiet baseline', () => 0.0002],
    ['a fast burn', (t: number) => (t >= now - 2 * HOUR ? 0.05 : 0.0002)],
    ['a slow burn', (t: number) => (t >= now - 30 * HOUR ? 0.004 : 0.0002)],
    ['an overspent period', (t: number) => (t >= now - 10 * DAY && t < now - 5 * DAY ? 0.01 : 0)],
    ['an outage that just ended', (t: number) => (t >= now - 3 * HOUR && t < now - 20 * 60 ? 0.2 : 0.0001)],
  ])('gives the state, windows, budget and exhaustion evaluateSlo gives on %s', (_name, ratioAt) => {
    const { raw, recorded } = bothPaths(ratioAt, (t) => 800 + 400 * Math.sin(t / 7000));
    expect(recorded.status).toBe(raw.status);
    expect(recorded.alerts.pairs.map((pair) => pair.state)).toEqual(raw.alerts.pairs.map((pair) => pair.state));
    expect(recorded.alerts.pairs.map((pair) => [pair.longBurnRate, pair.shortBurnRate])).toEqual(
      raw.alerts.pairs.map((pair) => [pair.longBurnRate, pair.shortBurnRate])
    );
    expect([recorded.alerts.page, recorded.alerts.ticket]).toEqual([raw.alerts.page, raw.alerts.ticket]);
    expect(recorded.windows.map((window) => [window.seconds, window.burnRate])).toEqual(
      raw.windows.map((window) => [window.seconds, window.burnRate])
    );
    recorded.windows.forEach((window, index) => {
      expect(window.errorRatio).toBeCloseTo(raw.windows[index].errorRatio!, 15);
    });
    expect(recorded.budgetRemaining).toBeCloseTo(raw.budgetRemaining!, 12);
    expect(recorded.sli).toBeCloseTo(raw.sli!, 12);
    expect(recorded.currentBurnRate).toBe(raw.currentBurnRate);
    if (raw.timeToExhaustion === null) {
      expect(recorded.timeToExhaustion).toBeNull();
    } else {
      expect(recorded.timeToExhaustion).toBeCloseTo(raw.timeToExhaustion, 3);
    }
    expect(recorded.period).toEqual(raw.period);
    expect(recorded.alertWindows).toEqual(raw.alertWindows);
    expect(recorded.notes).toEqual([]);
  });

  it('pages on a fast burn, and cannot say since when', () => {
    const result = evaluateRecorded(spec, flat(0.0002, { 300: 0.05, 1800: 0.03, 3600: 0.03 }), { now });
    expect(result.status).toBe('page');
    expect(result.alerts.pairs[0]).toMatchObject({ firing: true, longBurnRate: 30, shortBurnRate: 50 });
    expect(result.alerts.since).toEqual([null, null, null, null]);
    expect(result.currentBurnRate).toBe(30);
    expect(result.budgetRemaining).toBeCloseTo(0.8, 12);
    expect(result.timeToExhaustion).toBeCloseTo((0.8 * 30 * DAY) / 30, 6);
  });

  it('keeps the budget formula: 1 − period ratio / budget, negative when overspent, exhausted at once', () => {
    const result = evaluateRecorded(spec, flat(0, {}, 0.0025), { now });
    expect(result.budgetRemaining).toBeCloseTo(-1.5, 12);
    expect(result.status).toBe('exhausted');
    expect(result.timeToExhaustion).toBe(0);
    expect(result.burndown).toMatchObject({ series: [], current: result.budgetRemaining, exhaustionTime: now });
  });

  it('has no history: an empty burndown series, windows as seconds weighted by the ratio', () => {
    const result = evaluateRecorded(spec, flat(0.0005), { now });
    expect(result.burndown.series).toEqual([]);
    expect(result.burndown.kind).toBe('rolling');
    expect(result.windows[2]).toEqual({
      seconds: 3600,
      bad: 3600 * 0.0005,
      total: 3600,
      errorRatio: 0.0005,
      burnRate: 0.5,
      coverage: 1,
    });
    expect(result.periodWindow).toMatchObject({ seconds: 30 * DAY, errorRatio: 0.0005, coverage: 1 });
  });

  it('reads NaN (0/0) as no traffic: nothing fires, no budget spent or left', () => {
    const result = evaluateRecorded(spec, flat(Number.NaN), { now });
    expect(result.status).toBe('no-traffic');
    expect(result.windows.every((window) => window.errorRatio === null && window.coverage === 1)).toBe(true);
    expect(result.alerts.pairs.every((pair) => pair.state === 'no-data')).toBe(true);
    expect([result.budgetRemaining, result.sli, result.currentBurnRate, result.timeToExhaustion]).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });

  it('a window without traffic never fires its pair, whatever the other window says', () => {
    const result = evaluateRecorded(spec, flat(0.0002, { 300: Number.NaN, 3600: 0.5 }), { now });
    expect(result.alerts.pairs[0].state).toBe('no-data');
    expect(result.status).toBe('ok');
  });

  it('clamps ratios outside [0, 1] and says where, in the SLI kind’s words', () => {
    const result = evaluateRecorded(spec, flat(0.0002, { 300: 3, 1800: -0.5 }), { now });
    expect(result.windows[0].errorRatio).toBe(1);
    expect(result.windows[1].errorRatio).toBe(0);
    expect(result.notes).toEqual([
      'bad events exceed total events in 5m (ratio 3.0): check that errorQuery and totalQuery count the same requests',
      'negative bad event count in 30m (-900): errorQuery looks like a gauge or deriv(), not a counter rate',
    ]);
  });

  it('reads an infinite ratio (bad events over no total) as no traffic, and says so', () => {
    const result = evaluateRecorded(spec, flat(0.0002, {}, Number.POSITIVE_INFINITY), { now });
    expect(result.periodWindow.errorRatio).toBeNull();
    expect(result.budgetRemaining).toBeNull();
    expect(result.notes).toEqual([
      'bad events exceed total events in the period (ratio Infinity): check that errorQuery and totalQuery count the same requests',
    ]);
  });

  it('refuses ratios that miss an alert window, naming them', () => {
    const ratios = flat(0.0002);
    const windows = { ...ratios.windows };
    delete windows[21600];
    delete windows[259200];
    expect(() => evaluateRecorded(spec, { ...ratios, windows }, { now })).toThrow(
      new RecordedRatiosError('checkout-availability: no recorded error ratio for 6h, 3d')
    );
  });

  it('says the burn rate is unknown when no 1h ratio is there (custom windows without 1h)', () => {
    const custom: SloSpec = {
      ...spec,
      alerting: { windows: [{ severity: 'page', longSeconds: 2 * HOUR, shortSeconds: 600, factor: 10 }] },
    };
    const result = evaluateRecorded(custom, { windows: { 600: 0.02, 7200: 0.02 }, period: 0.0001 }, { now });
    expect(result.status).toBe('page');
    expect(result.currentBurnRate).toBeNull();
    expect(result.timeToExhaustion).toBeNull();
    expect(result.notes).toEqual([
      'no 1h error ratio recorded: the current burn rate and the time to exhaustion are unknown',
    ]);
    const withHour = evaluateRecorded(custom, { windows: { 600: 0.02, 3600: 0.01, 7200: 0.02 }, period: 0 }, { now });
    expect(withHour.currentBurnRate).toBe(10);
    expect(withHour.windows.map((window) => window.seconds)).toEqual([600, 7200]);
  });

  it.each([
    [{ period: { calendar: 'month' } }, /calendar period/],
    [{ alerting: { minEvents: 100 } }, /low-traffic guard/],
    [{ budgetingMethod: 'timeslices', timesliceTarget: 95, timesliceWindow: '5m' }, /time slices/],
  ] as Array<[Partial<SloSpec>, RegExp]>)('refuses an SLO that needs more than ratios: %j', (change, reason) => {
    const ineligible = { ...spec, ...change };
    expect(recordedIneligibility(ineligible)).toMatch(reason);
    expect(() => evaluateRecorded(ineligible, flat(0), { now })).toThrow(reason);
  });

  it('finds an ordinary rolling SLO eligible', () => {
    expect(recordedIneligibility(spec)).toBeNull();
  });
});
