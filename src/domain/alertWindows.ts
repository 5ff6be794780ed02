import { burnRateFactor, defaultAlertWindows } from './burnRate';
import { roundSignificant } from './numbers';
import type { AlertWindow, AlertWindowSpec, SloSpec } from './spec';

/**
 * The windows an SLO alerts on for a period of `periodSeconds`. Factors follow the period (a 31-day
 * month pages at 14.88×, a 28-day one at 13.44×) unless the spec fixes a factor.
 */
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
