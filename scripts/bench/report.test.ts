import { checkAtMost, formatBytes, formatCount, formatRatio, formatTable } from './report';

describe('formatTable', () => {
  it('pads columns and right-aligns numbers', () => {
    expect(
      formatTable(
        [{ header: 'SLO' }, { header: 'samples', align: 'right' }],
        [
          ['a', '1'],
          ['long-name', '1,000'],
        ]
      )
    ).toBe(['SLO        samples', '---------  -------', 'a                1', 'long-name    1,000'].join('\n'));
  });
});

describe('number formats', () => {
  it('groups digits, scales bytes and prints ratios', () => {
    expect(formatCount(1234567.4)).toBe('1,234,567');
    expect(formatBytes(1536)).toBe('1.5 kB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MB');
    expect(formatRatio(1.2049)).toBe('1.20x');
    expect(formatRatio(85.04)).toBe('85.0x');
    expect(formatRatio(5640.4)).toBe('5,640x');
    expect(formatRatio(Number.NaN)).toBe('n/a');
  });
});

describe('checkAtMost', () => {
  it('is met when nothing exceeds the limit', () => {
    const check = checkAtMost(
      'ratio ≤ 1.3',
      1.3,
      [
        { id: 'a', when: 'now', value: 1.2 },
        { id: 'b', when: 'now', value: 1.29 },
      ],
      formatRatio
    );
    expect(check.met).toBe(true);
    expect(check.measured).toBe('max 1.29x (b, now), median 1.29x, 0 of 2 over');
  });

  it('names what exceeds it and why, ignoring values that are not numbers', () => {
    const check = checkAtMost(
      'ratio ≤ 1.3',
      1.3,
      [
        { id: 'a', when: 'now', value: 85, why: 'a calendar month that just began' },
        { id: 'b', when: 'now', value: Number.NaN },
      ],
      formatRatio
    );
    expect(check.met).toBe(false);
    expect(check.notes).toEqual(['a (now): 85.0x — a calendar month that just began']);
  });
});
