import {
  formatBurnRate,
  formatCount,
  formatPercent,
  formatSince,
  formatHumanDuration,
  formatTimeToExhaustion,
} from './format';

describe('format', () => {
  it('shows percentages and a dash for missing values', () => {
    expect(formatPercent(0.99734, 3)).toBe('99.734%');
    expect(formatPercent(-0.25, 1)).toBe('-25.0%');
    expect(formatPercent(null)).toBe('—');
    expect(formatPercent(Number.NaN)).toBe('—');
  });

  it('shows burn rates as multiples with sensible precision', () => {
    expect(formatBurnRate(0.4234)).toBe('0.423×');
    expect(formatBurnRate(6)).toBe('6×');
    expect(formatBurnRate(14.4)).toBe('14.4×');
    expect(formatBurnRate(230.2)).toBe('230×');
    expect(formatBurnRate(null)).toBe('—');
  });

  it('keeps the two largest units of a span', () => {
    expect(formatHumanDuration(51.84)).toBe('52s');
    expect(formatHumanDuration(295.68)).toBe('4m 56s');
    expect(formatHumanDuration(5400)).toBe('1h 30m');
    expect(formatHumanDuration(90061)).toBe('1d 1h');
    expect(formatHumanDuration(2.5)).toBe('2.5s');
  });

  it('says exhausted or not burning instead of a meaningless time', () => {
    expect(formatTimeToExhaustion(0, -0.2)).toBe('exhausted');
    expect(formatTimeToExhaustion(null, 0.5)).toBe('not burning');
    expect(formatTimeToExhaustion(51600, 0.8)).toBe('14h 20m');
  });

  it('says since when, relative to the evaluation time', () => {
    expect(formatSince(1793269500, 1793273400)).toBe('since 10:25 UTC (1h 5m)');
    expect(formatSince(1793269500, 1793269500 + 2 * 86400)).toBe('since 2026-10-29 10:25 UTC (2d)');
    expect(formatSince(null, 1)).toBe('');
  });

  it('abbreviates large counts', () => {
    expect(formatCount(1234)).toBe('1,234');
    expect(formatCount(123456)).toBe('123.5k');
    expect(formatCount(12345678)).toBe('12.35M');
  });
});
