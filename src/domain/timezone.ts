/**
 * Wall-clock arithmetic in an IANA time zone with nothing but `Intl`, so calendar periods start at
 * local midnight and DST months have their true length (743 or 745 hours).
 */

export interface WallClock {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Monday … 6 = Sunday */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

export function wallClockAt(unixSeconds: number, timeZone: string): WallClock {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(unixSeconds * 1000))) {
    parts[part.type] = part.value;
  }
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS.indexOf(parts.weekday),
  };
}

function offsetSecondsAt(unixSeconds: number, timeZone: string): number {
  const clock = wallClockAt(unixSeconds, timeZone);
  const asUtc = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second) / 1000;
  return asUtc - Math.floor(unixSeconds);
}

/**
 * Unix time of a local wall-clock time. Date.UTC normalises overflowing fields (month 13, day 0), so
 * callers can step across year and month ends. A time skipped by a DST jump resolves to the later offset.
 */
export function unixAtWallClock(
  timeZone: string,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0
): number {
  const naive = Date.UTC(year, month - 1, day, hour, minute, second) / 1000;
  const firstGuess = naive - offsetSecondsAt(naive, timeZone);
  const secondOffset = offsetSecondsAt(firstGuess, timeZone);
  return naive - secondOffset;
}
