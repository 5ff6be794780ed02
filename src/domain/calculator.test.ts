import { defaultAlertWindows } from './burnRate';
import { calculatorRows, maximumBurnRate } from './calculator';

const THIRTY_DAYS = 30 * 86400;

describe('calculatorRows, against the SRE workbook "Alerting on SLOs" for 99.9% over 30 days', () => {
  const rows = calculatorRows(99.9, THIRTY_DAYS, defaultAlertWindows(THIRTY_DAYS));

  it('has the factors and error-ratio thresholds', () => {
    expect(rows.map((row) => row.factor)).toEqual([14.4, 6, 3, 1]);
    expect(rows.map((row) => row.thresholdRatio)).toEqual([0.0144, 0.006, 0.003, 0.001]);
  });

  it('spends 2%, 5%, 10% and 10% of the budget by the time each pair fires', () => {
    expect(rows.map((row) => row.budgetConsumedFraction)).toEqual([0.02, 0.05, 0.1, 0.1]);
  });

  it('exhausts the whole budget in 50 h, 5 d, 10 d and 30 d at those burn rates', () => {
    expect(rows.map((row) => row.exhaustionSeconds / 3600)).toEqual([50, 120, 240, 720]);
  });

  it('detects a 100% outage after long window × threshold: 51.84 s for 1h at 14.4×', () => {
    expect(rows.map((row) => row.detectionSeconds)).toEqual([51.84, 129.6, 259.2, 259.2]);
  });

  it('resets when the short window drops under the threshold after errors stop', () => {
    expect(rows.map((row) => row.resetSeconds)).toEqual([295.68, 1789.2, 7178.4, 21578.4]);
  });

  it('can fire every pair', () => {
    expect(rows.every((row) => row.canFire)).toBe(true);
  });
});

describe('calculatorRows edge cases', () => {
  it('flags pairs a low objective can never reach', () => {
    const rows = calculatorRows(90, THIRTY_DAYS, defaultAlertWindows(THIRTY_DAYS));
    expect(rows[0]).toMatchObject({ canFire: false, detectionSeconds: null, resetSeconds: null });
    expect(rows[1].canFire).toBe(true);
    expect(rows[1].detectionSeconds).toBeCloseTo(21600 * 0.6, 9);
  });

  it('uses the 28-day factors for a 28-day period and keeps their budget shares', () => {
    const period = 28 * 86400;
    const rows = calculatorRows(99.9, period, defaultAlertWindows(period));
    expect(rows[0].thresholdRatio).toBe(0.01344);
    expect(rows[0].budgetConsumedFraction).toBe(0.02);
    expect(rows[0].exhaustionSeconds).toBe(50 * 3600);
  });

  it('says the maximum burn rate is 1 / budget (1000× for 99.9%, 43.2 minutes to exhaust 30 days)', () => {
    expect(maximumBurnRate(99.9)).toBe(1000);
    expect(THIRTY_DAYS / maximumBurnRate(99.9) / 60).toBeCloseTo(43.2, 9);
    expect(maximumBurnRate(90)).toBe(10);
  });
});
