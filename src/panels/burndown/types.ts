import type { BudgetingMethod, CalendarUnit } from '../../domain';
import { DEFAULT_EVENT_QUERY_OPTIONS, type EventQueryOptions } from '../shared/types';

export interface BurndownOptions extends EventQueryOptions {
  /** Percent, e.g. 99.9 (queries only: an SLO brings its own). */
  objective: number;
  periodType: 'rolling' | 'calendar';
  /** Rolling period, e.g. `30d`. */
  rollingPeriod: string;
  calendarPeriod: CalendarUnit;
  /** IANA time zone of calendar periods; empty or `utc`: UTC; `browser`: the viewer's. */
  timezone: string;
  budgetingMethod: BudgetingMethod;
  /** Time-slice budgeting: slice length and the percent of good events a good slice needs. */
  timesliceWindow: string;
  timesliceTarget: number;
  /** The big number of remaining budget above the chart. */
  showSummary: boolean;
}

export const DEFAULT_BURNDOWN_OPTIONS: BurndownOptions = {
  ...DEFAULT_EVENT_QUERY_OPTIONS,
  objective: 99.9,
  periodType: 'rolling',
  rollingPeriod: '30d',
  calendarPeriod: 'month',
  timezone: '',
  budgetingMethod: 'occurrences',
  timesliceWindow: '5m',
  timesliceTarget: 95,
  showSummary: true,
};

/** Grafana's time zone picker values as IANA names: '' and `utc` are UTC, `browser` the viewer's zone. */
export function ianaTimeZone(value: string | undefined): string {
  const trimmed = (value ?? '').trim();
  if (trimmed === '' || trimmed.toLowerCase() === 'utc') {
    return 'UTC';
  }
  if (trimmed === 'browser') {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  }
  return trimmed;
}

/** The SLO spec fields (as written) the panel options describe; the engine's validator checks them. */
export function burndownSpecFields(options: Partial<BurndownOptions>): Record<string, unknown> {
  const merged = { ...DEFAULT_BURNDOWN_OPTIONS, ...options };
  const period =
    merged.periodType === 'calendar'
      ? { calendar: merged.calendarPeriod, timezone: ianaTimeZone(merged.timezone) }
      : { rolling: String(merged.rollingPeriod ?? '').trim() };
  return {
    objective: merged.objective,
    period,
    budgetingMethod: merged.budgetingMethod,
    ...(merged.budgetingMethod === 'timeslices'
      ? { timesliceWindow: merged.timesliceWindow, timesliceTarget: merged.timesliceTarget }
      : {}),
  };
}
