/** @jest-environment node */
import { parseEnd, parseInteger, parseOptions } from './cli-args';

describe('parseEnd', () => {
  const nowMillis = Date.UTC(2026, 10, 22, 4, 1, 10, 500);

  it('rounds now down to the minute', () => {
    expect(parseEnd('now', nowMillis)).toBe(Date.UTC(2026, 10, 22, 4, 1) / 1000);
  });

  it('adds an offset to now', () => {
    expect(parseEnd('now+1d', nowMillis)).toBe(Date.UTC(2026, 10, 23, 4, 1) / 1000);
    expect(parseEnd('now+30m', nowMillis)).toBe(Date.UTC(2026, 10, 22, 4, 31) / 1000);
  });

  it('takes Unix seconds on a minute boundary', () => {
    expect(parseEnd('1793491200')).toBe(1793491200);
    expect(() => parseEnd('1793491201')).toThrow(/whole number of minutes/);
    expect(() => parseEnd('yesterday')).toThrow(/--end must be/);
  });
});

describe('parseOptions', () => {
  it('reads --name value and --name=value', () => {
    const options = parseOptions(['--out', 'a.om', '--seed=3'], ['out', 'seed']);
    expect(Object.fromEntries(options)).toEqual({ out: 'a.om', seed: '3' });
  });

  it('rejects unknown options and missing values', () => {
    expect(() => parseOptions(['--color', 'red'], ['out'])).toThrow(/unknown argument --color/);
    expect(() => parseOptions(['--out'], ['out'])).toThrow(/needs a value/);
  });

  it('checks integers', () => {
    expect(parseInteger('42', '--seed')).toBe(42);
    expect(() => parseInteger('4.2', '--seed')).toThrow(/integer/);
  });
});
