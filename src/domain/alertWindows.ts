import { burnRateFactor, defaultAlertWindows } from './burnRate';
import { parseDuration } from './duration';
import { roundSignificant } from './numbers';
import type { AlertWindow, AlertWindowSpec, CalendarUnit, PeriodSpec, SloSpec } from './spec';

const DAY = 86400;
const NOMINAL_CALENDAR_SECONDS: Record<CalendarUnit, number> = { week: 7 * DAY, month: 30 * DAY, quarter: 90 * DAY };

/**
 * The period length alert factors derive from. Calendar periods use their nominal length (7, 30,
 * 90 days): alert rules are static PromQL and cannot follow 28- to 31-day months (or 743-hour DST
 * months), and what the page shows must equal what the deployed rules fire. The budget itself
 * (remaining, burndown) always uses the true length.
 */
export function alertingPeriodSeconds(period: PeriodSpec): number {
  return 'calendar' in period ? NOMINAL_CALENDAR_SECONDS[period.calendar] : parseDuration(period.rolling);
}

/** The windows an SLO alerts on; factors derive from `periodSeconds` unless the spec fixes them. */
export function resolveAlertWindows(spec: Pick<SloSpec, 'alerting'>, periodSeconds: number): AlertWindow[] {
  const windows = spec.alerting?.windows;
  if (windows === undefined || windows === 'default') {
    return defaultAlertWindows(periodSeconds);
  }
  return windows.map((window) => resolveAlertWindow(window, periodSeconds));
}

export function resolveAlertWindow(window: AlertWindowSpec, periodSeconds: number): AlertWindow {
  const factor = window.factor ?? burnRateFactor(window.budgetPercent ?? 0, periodSeconds, window.longSeconds);
  const budgetPercent = window.budgetPercent ?? roundSignificant((factor * window.longSeconds * 100) / periodSeconds);
  return {
    severity: window.severity,
    longSeconds: window.longSeconds,
    shortSeconds: window.shortSeconds,
    factor,
    budgetPercent,
  };
}
