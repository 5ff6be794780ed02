import { describePeriod, periodBounds, periodSeconds } from './period';

const utc = (iso: string) => Date.parse(iso) / 1000;
const HOUR = 3600;
const DAY = 86400;

describe('periodBounds', () => {
  it('ends a rolling period at now', () => {
    const now = utc('2026-03-15T12:00:00Z');
    expect(periodBounds({ rolling: '30d' }, now)).toEqual({
      start: now - 30 * DAY,
      end: now,
      seconds: 30 * DAY,
      kind: 'rolling',
    });
  });

  it('gives calendar months their real length', () => {
    expect(periodSeconds({ calendar: 'month' }, utc('2026-02-10T00:00:00Z'))).toBe(28 * DAY);
    expect(periodSeconds({ calendar: 'month' }, utc('2024-02-10T00:00:00Z'))).toBe(29 * DAY);
    expect(periodSeconds({ calendar: 'month' }, utc('2026-04-30T23:59:59Z'))).toBe(30 * DAY);
    expect(periodSeconds({ calendar: 'month' }, utc('2026-12-31T23:00:00Z'))).toBe(31 * DAY);
  });

  it('starts a month at local midnight and handles DST months (743 h and 745 h)', () => {
    const march = periodBounds({ calendar: 'month', timezone: 'Europe/Berlin' }, utc('2026-03-20T12:00:00Z'));
    expect(march.start).toBe(utc('2026-02-28T23:00:00Z'));
    expect(march.end).toBe(utc('2026-03-31T22:00:00Z'));
    expect(march.seconds).toBe(743 * HOUR);
    const october = periodBounds({ calendar: 'month', timezone: 'Europe/Berlin' }, utc('2026-10-10T00:00:00Z'));
    expect(october.seconds).toBe(745 * HOUR);
    const newYork = periodBounds({ calendar: 'month', timezone: 'America/New_York' }, utc('2026-11-01T03:00:00Z'));
    expect(newYork.start).toBe(utc('2026-10-01T04:00:00Z'));
  });

  it('puts the first instant of a month in that month', () => {
    const start = utc('2026-05-01T00:00:00Z');
    expect(periodBounds({ calendar: 'month' }, start).start).toBe(start);
    expect(periodBounds({ calendar: 'month' }, start - 1).end).toBe(start);
  });

  it('starts weeks on Monday and crosses month and year ends', () => {
    const wednesday = utc('2026-12-30T10:00:00Z');
    const week = periodBounds({ calendar: 'week' }, wednesday);
    expect(week.start).toBe(utc('2026-12-28T00:00:00Z'));
    expect(week.end).toBe(utc('2027-01-04T00:00:00Z'));
    const sunday = utc('2026-11-22T23:00:00Z');
    expect(periodBounds({ calendar: 'week' }, sunday).start).toBe(utc('2026-11-16T00:00:00Z'));
  });

  it('gives quarters', () => {
    const q4 = periodBounds({ calendar: 'quarter' }, utc('2026-11-22T00:00:00Z'));
    expect(q4.start).toBe(utc('2026-10-01T00:00:00Z'));
    expect(q4.end).toBe(utc('2027-01-01T00:00:00Z'));
    expect(q4.seconds).toBe(92 * DAY);
  });

  it('describes periods', () => {
    expect(describePeriod({ rolling: '28d' })).toBe('rolling 28d');
    expect(describePeriod({ calendar: 'month' })).toBe('calendar month (UTC)');
  });
});
