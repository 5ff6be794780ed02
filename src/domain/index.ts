// The engine's public surface: pages, panels, the command-line tool and acceptance checks use these names.
export * from './spec';
export { parseDuration, formatDuration, tryParseDuration, DurationError } from './duration';
export { isoTime } from './isoTime';
export { errorBudget, errorRatio, burnRate, budgetRemaining, timeToExhaustion, ObjectiveError } from './budget';
export {
  burnRateFactor,
  defaultAlertWindows,
  evaluateAlerts,
  alertWindowLengths,
  alertThresholdRatio,
  pairFires,
  pairState,
  alertGuardOf,
  NO_GUARD,
  type AlertEvaluation,
  type AlertPairEvaluation,
  type AlertGuard,
  type PairState,
  type WindowObservation,
  type WindowObservations,
} from './burnRate';
export {
  alertWindowProblems,
  pairLabel,
  type AlertWindowProblem,
  type AlertWindowProblemKind,
} from './alertWindowProblems';
export {
  backtestAlerts,
  type BacktestInput,
  type BacktestResult,
  type BacktestEpisode,
  type EpisodeSummary,
  type PairBacktest,
  type SeverityBacktest,
} from './backtest';
export { backtestSlo, lastPeriodRange, type BacktestRange } from './backtestSlo';
export { budgetEvents, sloAlertWindows } from './budgetEvents';
export {
  outOfRangeCause,
  clampedRatio,
  type OutOfRangeCause,
  type OutOfRangeCounts,
  type OutOfRangeFigures,
} from './outOfRange';
export { resolveAlertWindows, resolveAlertWindow, alertingPeriodSeconds } from './alertWindows';
export { EventIndex, type EventBucket, type EventCounts, type WindowCounts } from './buckets';
export { burndown, burndownFromIndex, type BurndownOptions, type BurndownPoint, type BurndownResult } from './burndown';
export { calculatorRows, maximumBurnRate, type CalculatorRow } from './calculator';
export { toTimesliceBuckets, timesliceBucketsFromIndex, type TimesliceOptions } from './timeslices';
export {
  periodBounds,
  periodSeconds,
  describePeriod,
  isCalendarPeriod,
  DEFAULT_PERIOD,
  type PeriodBounds,
} from './period';
export { isValidTimeZone } from './timezone';
export { evaluateWindows, evaluateWindowCounts, observationsByWindow, type WindowEvaluation } from './windowEvaluation';
export {
  errorRatioSeries,
  burnRateSeries,
  alertTimeline,
  firingSince,
  alignedTimes,
  type AlertTimeline,
  type PairTimeline,
} from './timeline';
export { evaluateSlo, type SloEvaluation, type SliData, type EvaluateOptions, type SloStatus } from './evaluate';
export {
  evaluateRecorded,
  recordedIneligibility,
  RecordedRatiosError,
  type RecordedRatios,
  type RecordedEvaluateOptions,
} from './evaluateRecorded';
export { validateSloSpecs, type SpecValidationResult } from './validation/validate';
export { formatProblem, type SpecProblem } from './validation/problems';
export { parseSloSpecsYaml } from './specYaml';
export { roundSignificant, nearlyEqual, isStrictlyAbove } from './numbers';
export { importSloFile, type ImportResult } from './import';
