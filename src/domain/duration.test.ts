import { DurationError, formatDuration, parseDuration, tryParseDuration } from './duration';

describe('parseDuration', () => {
  it.each([
    ['5m', 300],
    ['30m', 1800],
    ['1h', 3600],
    ['1h30m', 5400],
    ['6h', 21600],
    ['1d', 86400],
    ['3d', 259200],
    ['28d', 2419200],
    ['30d', 2592000],
    ['1w', 604800],
    ['1y', 31536000],
    ['90s', 90],
    ['1m30s', 90],
    ['1s500ms', 1.5],
  ])('reads %s as %d seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each(['', '5', 'm', '5x', '1.5h', '-5m', '30m1h', '1h1h', '0s', ' 5 m', 'five minutes'])('rejects %j', (text) => {
    expect(() => parseDuration(text)).toThrow(DurationError);
  });

  it('explains what a duration looks like', () => {
    expect(() => parseDuration('5x')).toThrow(
      '"5x" is not a duration: use a number and a unit such as 5m, 1h30m, 30d or 1w'
    );
  });

  it('returns null instead of throwing from tryParseDuration', () => {
    expect(tryParseDuration('bogus')).toBeNull();
    expect(tryParseDuration(42)).toBeNull();
    expect(tryParseDuration('2h')).toBe(7200);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [1.5, '1s500ms'],
    [300, '5m'],
    [5400, '1h30m'],
    [86400, '1d'],
    [604800, '7d'],
    [2592000, '30d'],
    [2678400 + 3600, '31d1h'],
    [-300, '-5m'],
  ])('writes %d seconds as %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it('is read back by parseDuration', () => {
    for (const seconds of [60, 300, 3600, 5400, 90061, 2592000, 2419200]) {
      expect(parseDuration(formatDuration(seconds))).toBe(seconds);
    }
  });
});
