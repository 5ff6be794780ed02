import { parseDuration } from './duration';
import type { CalendarUnit, PeriodSpec } from './spec';
import { unixAtWallClock, wallClockAt } from './timezone';

export const DEFAULT_PERIOD: PeriodSpec = { rolling: '30d' };
export const DEFAULT_TIMEZONE = 'UTC';

export interface PeriodBounds {
  start: number;
  end: number;
  seconds: number;
  kind: 'rolling' | 'calendar';
}

export function isCalendarPeriod(period: PeriodSpec): period is { calendar: CalendarUnit; timezone?: string } {
  return 'calendar' in period;
}

/**
 * The period that contains `now`. A rolling period is the window ending at `now`; a calendar period
 * is the whole week (Monday first), month or quarter in its time zone, which may end after `now`.
 */
export function periodBounds(period: PeriodSpec, now: number): PeriodBounds {
  if (!isCalendarPeriod(period)) {
    const seconds = parseDuration(period.rolling);
    return { start: now - seconds, end: now, seconds, kind: 'rolling' };
  }
  const timeZone = period.timezone ?? DEFAULT_TIMEZONE;
  const clock = wallClockAt(now, timeZone);
  let start: number;
  let end: number;
  if (period.calendar === 'week') {
    const mondayDay = clock.day - clock.weekday;
    start = unixAtWallClock(timeZone, clock.year, clock.month, mondayDay);
    end = unixAtWallClock(timeZone, clock.year, clock.month, mondayDay + 7);
  } else {
    const months = period.calendar === 'month' ? 1 : 3;
    const firstMonth = period.calendar === 'month' ? clock.month : clock.month - ((clock.month - 1) % 3);
    start = unixAtWallClock(timeZone, clock.year, firstMonth, 1);
    end = unixAtWallClock(timeZone, clock.year, firstMonth + months, 1);
  }
  return { start, end, seconds: end - start, kind: 'calendar' };
}

/** Length of the period containing `now` (calendar periods vary: 28–31 days, DST months ±1 h). */
export function periodSeconds(period: PeriodSpec, now: number): number {
  return periodBounds(period, now).seconds;
}

export function describePeriod(period: PeriodSpec): string {
  if (!isCalendarPeriod(period)) {
    return `rolling ${period.rolling}`;
  }
  return `calendar ${period.calendar} (${period.timezone ?? DEFAULT_TIMEZONE})`;
}
