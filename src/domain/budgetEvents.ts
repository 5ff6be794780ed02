import { alertingPeriodSeconds, resolveAlertWindows } from './alertWindows';
import { EventIndex } from './buckets';
import { parseDuration } from './duration';
import type { AlertWindow, SloSpec } from './spec';
import { timesliceBucketsFromIndex } from './timeslices';

/**
 * What an SLO's budget and alert pairs count: its buckets as they are, or with time-slice budgeting one
 * event per slice (slices of `timesliceWindow`, 5 minutes by default, aligned to the Unix epoch; good at
 * `timesliceTarget`, the objective by default). The one place an SLO's events are sliced: the live
 * evaluation, the alert timeline and the backtest count the same events.
 */
export function budgetEvents(spec: SloSpec, events: EventIndex): EventIndex {
  if (spec.budgetingMethod !== 'timeslices') {
    return events;
  }
  return new EventIndex(
    timesliceBucketsFromIndex(events, {
      sliceSeconds: parseDuration(spec.timesliceWindow ?? '5m'),
      targetPercent: spec.timesliceTarget ?? spec.objective,
      alignTo: 0,
    })
  );
}

/** The alert windows an SLO evaluates, factors resolved against the period's (nominal) length. */
export function sloAlertWindows(spec: Pick<SloSpec, 'alerting' | 'period'>): AlertWindow[] {
  return resolveAlertWindows(spec, alertingPeriodSeconds(spec.period));
}
