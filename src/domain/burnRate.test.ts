import {
  type WindowObservations,
  alertWindowLengths,
  burnRateFactor,
  defaultAlertWindows,
  evaluateAlerts,
} from './burnRate';

const DAY = 86400;

describe('burnRateFactor', () => {
  it('spends the budget share over the long window: 2% of 30d in 1h is 14.4', () => {
    expect(burnRateFactor(2, 30 * DAY, 3600)).toBe(14.4);
    expect(burnRateFactor(5, 30 * DAY, 6 * 3600)).toBe(6);
    expect(burnRateFactor(10, 30 * DAY, DAY)).toBe(3);
    expect(burnRateFactor(10, 30 * DAY, 3 * DAY)).toBe(1);
  });

  it('follows the period length', () => {
    expect(burnRateFactor(2, 28 * DAY, 3600)).toBe(13.44);
    expect(burnRateFactor(2, 31 * DAY, 3600)).toBe(14.88);
  });
});

describe('defaultAlertWindows', () => {
  it('gives the SRE workbook windows for 30 days', () => {
    expect(defaultAlertWindows(30 * DAY)).toEqual([
      { severity: 'page', longSeconds: 3600, shortSeconds: 300, budgetPercent: 2, factor: 14.4 },
      { severity: 'page', longSeconds: 21600, shortSeconds: 1800, budgetPercent: 5, factor: 6 },
      { severity: 'ticket', longSeconds: 86400, shortSeconds: 7200, budgetPercent: 10, factor: 3 },
      { severity: 'ticket', longSeconds: 259200, shortSeconds: 21600, budgetPercent: 10, factor: 1 },
    ]);
  });

  it('gives 13.44, 5.6, 2.8 and 0.933… for 28 days', () => {
    const factors = defaultAlertWindows(28 * DAY).map((window) => window.factor);
    expect(factors.slice(0, 3)).toEqual([13.44, 5.6, 2.8]);
    expect(factors[3]).toBeCloseTo(0.9333333333, 9);
  });

  it('reads eight distinct window lengths', () => {
    expect(alertWindowLengths(defaultAlertWindows(30 * DAY))).toEqual([300, 1800, 3600, 7200, 21600, 86400, 259200]);
  });
});

describe('evaluateAlerts', () => {
  const windows = defaultAlertWindows(30 * DAY);
  /** Each window's ratio over 1,000 events (none where the ratio is null). */
  const ratios = (values: Record<number, number | null>, total = 1000): WindowObservations =>
    Object.fromEntries(
      Object.entries(values).map(([seconds, errorRatio]) => [
        seconds,
        { errorRatio, total: errorRatio === null ? 0 : total },
      ])
    );

  it('fires a pair only when both windows are strictly above factor × budget', () => {
    const result = evaluateAlerts(99.9, ratios({ 3600: 0.02, 300: 0.03 }), windows);
    expect(result.pairs[0]).toMatchObject({
      firing: true,
      thresholdRatio: 0.0144,
      longBurnRate: 20,
      shortBurnRate: 30,
    });
    expect(result.page).toBe(true);
    expect(result.ticket).toBe(false);
  });

  it('does not fire at exactly the threshold, even where floating point says 14.3999…', () => {
    expect(0.0144 / (1 - 0.999)).toBeLessThan(14.4);
    const atThreshold = evaluateAlerts(99.9, ratios({ 3600: 0.0144, 300: 0.0144 }), windows);
    expect(atThreshold.pairs[0].firing).toBe(false);
    expect(atThreshold.pairs[0].longBurnRate).toBe(14.4);
    const justAbove = evaluateAlerts(99.9, ratios({ 3600: 0.01441, 300: 0.01441 }), windows);
    expect(justAbove.pairs[0].firing).toBe(true);
  });

  it('needs the short window too, so it resets soon after errors stop', () => {
    const result = evaluateAlerts(99.9, ratios({ 3600: 0.05, 300: 0.001 }), windows);
    expect(result.pairs[0].firing).toBe(false);
    expect(result.page).toBe(false);
  });

  it('never fires on a missing or null ratio', () => {
    expect(evaluateAlerts(99.9, ratios({ 3600: 0.5 }), windows).pairs[0].firing).toBe(false);
    expect(evaluateAlerts(99.9, ratios({ 3600: 0.5, 300: null }), windows).pairs[0]).toMatchObject({
      firing: false,
      shortBurnRate: null,
    });
    expect(evaluateAlerts(99.9, ratios({ 3600: Number.NaN, 300: 0.5 }), windows).pairs[0].firing).toBe(false);
  });

  it('gives each pair a state: firing, ok, or no data where a window has no error ratio', () => {
    const result = evaluateAlerts(
      99.9,
      ratios({ 3600: 0.02, 300: 0.03, 21600: 0.001, 1800: 0.001, 86400: 0.01 }),
      windows
    );
    expect(result.pairs.map((pair) => pair.state)).toEqual(['firing', 'ok', 'no-data', 'no-data']);
    expect(result.pairs.map((pair) => pair.firing)).toEqual([true, false, false, false]);
    expect(result.insufficientTraffic).toBe(false);
  });

  describe('with the low-traffic guard', () => {
    const burning = { 300: 0.5, 1800: 0.5, 3600: 0.5, 7200: 0.5, 21600: 0.5, 86400: 0.5, 259200: 0.5 };

    it('holds back a pair whose long window has fewer events than minEvents: neither firing nor ok', () => {
      const result = evaluateAlerts(99.9, ratios(burning, 20), windows, { minEvents: 100 });
      expect(result.pairs.map((pair) => pair.state)).toEqual(Array(4).fill('insufficient-traffic'));
      expect(result.pairs[0]).toMatchObject({ firing: false, longEvents: 20, longBurnRate: 500 });
      expect(result).toMatchObject({ page: false, ticket: false, insufficientTraffic: true });
      const quiet = evaluateAlerts(99.9, ratios({ ...burning, 3600: 0, 300: 0 }, 20), windows, { minEvents: 100 });
      expect(quiet.pairs[0].state).toBe('insufficient-traffic');
    });

    it('lets a pair fire from exactly minEvents on (float noise included), and ignores a guard of 0', () => {
      expect(evaluateAlerts(99.9, ratios(burning, 100), windows, { minEvents: 100 }).pairs[0].state).toBe('firing');
      expect(evaluateAlerts(99.9, ratios(burning, 99.99999999999), windows, { minEvents: 100 }).pairs[0].state).toBe(
        'firing'
      );
      expect(evaluateAlerts(99.9, ratios(burning, 1), windows, { minEvents: 0 }).pairs[0].state).toBe('firing');
      expect(evaluateAlerts(99.9, ratios(burning, 1), windows).pairs[0].state).toBe('firing');
    });

    it('has nothing to hold back in a window without events: no data', () => {
      const result = evaluateAlerts(99.9, ratios({ 3600: null, 300: null }), windows, { minEvents: 100 });
      expect(result.pairs[0].state).toBe('no-data');
      expect(result.insufficientTraffic).toBe(false);
    });
  });

  it('raises a ticket without a page on a slow burn', () => {
    const result = evaluateAlerts(
      99.9,
      ratios({ 300: 0.004, 1800: 0.004, 3600: 0.004, 7200: 0.004, 21600: 0.004, 86400: 0.004, 259200: 0.002 }),
      windows
    );
    expect(result.pairs.map((pair) => pair.firing)).toEqual([false, false, true, true]);
    expect(result).toMatchObject({ page: false, ticket: true });
  });

  it('cannot page a 90% objective: 100% errors burn at 10×, under 14.4×', () => {
    const result = evaluateAlerts(90, ratios({ 3600: 1, 300: 1, 21600: 1, 1800: 1 }), windows);
    expect(result.pairs[0].firing).toBe(false);
    expect(result.pairs[0].thresholdRatio).toBeCloseTo(1.44, 12);
    expect(result.pairs[1].firing).toBe(true);
  });
});
