import { tryParseDuration } from '../duration';
import { DEFAULT_PERIOD } from '../period';
import type { BudgetingMethod, CalendarUnit, PeriodSpec } from '../spec';
import { isObject, optionalString, warnUnknownFields } from '../validation/fields';
import type { ProblemList } from '../validation/problems';
import { got, shown } from './source';

/** OpenSLO durations that are exactly one calendar unit (M is a month, m a minute). */
const CALENDAR_DURATIONS: Record<string, CalendarUnit> = {
  '1w': 'week',
  '7d': 'week',
  '1M': 'month',
  '1Q': 'quarter',
  '3M': 'quarter',
};

const UNIT_START: Record<CalendarUnit, string> = {
  week: 'midnight on Monday',
  month: 'midnight on the 1st',
  quarter: 'midnight on the 1st of January, April, July and October',
};

/** `timeWindow: [{ duration, isRolling, calendar }]` → `{ rolling }` or `{ calendar, timezone }`. */
export function convertTimeWindow(value: unknown, problems: ProblemList): PeriodSpec | undefined {
  if (value === undefined || value === null) {
    problems.warning('is missing: imported with a rolling 30d period');
    return { ...DEFAULT_PERIOD };
  }
  if (!Array.isArray(value) || value.length !== 1) {
    problems.error(
      Array.isArray(value)
        ? `must have exactly one time window, found ${value.length}`
        : `must be a list with one time window${got(value)}`
    );
    return undefined;
  }
  const window = value[0];
  const windowProblems = problems.at(0);
  if (!isObject(window)) {
    windowProblems.error(`must be { duration, isRolling } or { duration, calendar }${got(window)}`);
    return undefined;
  }
  warnUnknownFields(window, ['duration', 'isRolling', 'calendar'], windowProblems);
  const duration = typeof window.duration === 'string' ? window.duration.trim() : undefined;
  if (!duration) {
    windowProblems.at('duration').error(`is required: a duration such as 28d or 1M${got(window.duration)}`);
    return undefined;
  }
  // The OpenSLO spec: when isRolling is omitted, a window with a calendar is calendar-aligned.
  const isRolling = window.isRolling ?? window.calendar === undefined;
  if (isRolling === true) {
    if (window.calendar !== undefined) {
      windowProblems.at('calendar').warning('only used when isRolling is false; ignored');
    }
    return rollingPeriod(duration, windowProblems.at('duration'));
  }
  if (isRolling !== false) {
    windowProblems.at('isRolling').error(`must be true or false${got(isRolling)}`);
    return undefined;
  }
  return calendarPeriod(duration, window.calendar, windowProblems);
}

function rollingPeriod(duration: string, problems: ProblemList): PeriodSpec | undefined {
  if (tryParseDuration(duration) === null) {
    problems.error(`rolling window "${duration}" is not supported: use days or weeks such as 28d or 4w`);
    return undefined;
  }
  return { rolling: duration };
}

function calendarPeriod(duration: string, calendar: unknown, problems: ProblemList): PeriodSpec | undefined {
  const unit = CALENDAR_DURATIONS[duration];
  if (unit === undefined) {
    const minuteHint = /^\d+m$/.test(duration) ? ` (${duration} is minutes; a month is 1M)` : '';
    problems
      .at('duration')
      .error(`calendar window "${duration}" is not supported${minuteHint}: use 1w (week), 1M (month) or 1Q (quarter)`);
    return undefined;
  }
  if (calendar === undefined || calendar === null) {
    return { calendar: unit };
  }
  const calendarProblems = problems.at('calendar');
  if (!isObject(calendar)) {
    calendarProblems.error(`must be { startTime, timeZone }${got(calendar)}`);
    return undefined;
  }
  warnUnknownFields(calendar, ['startTime', 'timeZone'], calendarProblems);
  const timezone = optionalString(calendar, 'timeZone', calendarProblems);
  warnOfUnalignedStart(calendar.startTime, unit, timezone, calendarProblems.at('startTime'));
  return timezone === undefined ? { calendar: unit } : { calendar: unit, timezone };
}

/**
 * SLO Burn's calendar periods always start at the unit's boundary, so a startTime elsewhere cannot
 * be honoured; one on a boundary says nothing new and passes silently.
 */
function warnOfUnalignedStart(
  startTime: unknown,
  unit: CalendarUnit,
  timezone: string | undefined,
  problems: ProblemList
): void {
  if (startTime === undefined || startTime === null) {
    return;
  }
  const text = startTime instanceof Date ? startTime.toISOString() : String(startTime);
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(text.trim());
  if (!match) {
    problems.warning(`${shown(startTime)} is not a date such as 2024-01-01 00:00:00; ignored`);
    return;
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const atMidnight = [match[4], match[5], match[6]].every((part) => part === undefined || Number(part) === 0);
  const isMonday = new Date(Date.UTC(year, month - 1, day)).getUTCDay() === 1;
  const onBoundary = unit === 'week' ? isMonday : day === 1 && (unit === 'month' || (month - 1) % 3 === 0);
  if (!(atMidnight && onBoundary)) {
    problems.warning(
      `"${text}" is ignored: SLO Burn's calendar ${unit}s start at ${UNIT_START[unit]}${timezone ? ` in ${timezone}` : ' UTC'}`
    );
  }
}

export function convertBudgetingMethod(value: unknown, problems: ProblemList): BudgetingMethod | undefined {
  if (value === undefined || value === null) {
    problems.warning('is missing: imported as Occurrences');
    return 'occurrences';
  }
  switch (typeof value === 'string' ? value.toLowerCase() : value) {
    case 'occurrences':
      return 'occurrences';
    case 'timeslices':
      return 'timeslices';
    case 'ratiotimeslices':
      problems.warning(
        "RatioTimeslices (the average of the slices' ratios) is not supported: imported as Timeslices, where a slice is good when its ratio meets timeSliceTarget"
      );
      return 'timeslices';
    default:
      problems.error(`must be Occurrences, Timeslices or RatioTimeslices, got ${shown(value)}`);
      return undefined;
  }
}
