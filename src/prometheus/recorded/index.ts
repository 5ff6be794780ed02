/**
 * Reading SLOs from their recording rules where they already exist: O(windows) samples per SLO instead
 * of the period's raw series. Raw stays the default and the source of truth (the detail page always reads
 * raw); this is for the overview of a fleet.
 *
 * Use, per data source, with the SLOs of that data source:
 *
 *   1. Detection (once per page load, or every few minutes): run `recordedDetectionQueries()` as instant
 *      queries at `now` — as a plan, `recordedQueryPlan('detection', recordedDetectionQueries(), now)`,
 *      through `runPlanWithDataSource` or `executePlan` — and pass the answers to
 *      `detectRecordedRules(specs, results)`. Each SLO gets a verdict: `rules` (with the `sloth_id` and
 *      the records to read) or `raw` with a reason and a message the overview can show.
 *   2. Reading (every load and refresh): `recordedReadQueries(detection.matched)` batches every matched
 *      SLO's records into a few short instant queries (`recordedReadPlans(queries, now)` makes them
 *      plans); `readRecordedSlos(detection.matched, queries, results, now)` turns the answers into one
 *      `SloReading` per SLO, `source: 'rules'`, its evaluation from `evaluateRecorded` (same shape as
 *      `evaluateSlo`'s: windows, pairs, status, budget, SLI, time to exhaustion; no burndown series, no
 *      firing-since). A failed query or a record gone since detection is that SLO's `error` reading
 *      (`source: 'rules'`): read it raw instead.
 *   Over HTTP (command-line tool, benchmark, tests): `loadRecordedSlos(client, specs, now)` does both.
 *   In the fleet loader (the overview): `recordedRulesReaders()` as `FleetLoaderOptions.readers` does both
 *   per load through the data source's scheduler, and reads raw every SLO the rules cannot serve.
 *
 * SLO Burn's own rules (`slo rules`) match when their `sloth_slo_info{sloburn_spec}` equals
 * `recordedSpecHash(spec)`; Sloth's own rules only SLOs discovered from them. Calendar periods, the
 * low-traffic guard, time slices and configured raw error-ratio SLIs always read raw.
 */
export { RULES_SOURCE, recordedRulesReaders } from './fleetReaders';
export {
  INFO_REF_ID,
  RECORDS_REF_ID,
  detectRecordedRules,
  recordedDetectionQueries,
  recordedIneligibilityOf,
  type RawReason,
  type RecordedDetection,
  type RecordedMatch,
  type RecordedVerdict,
} from './detect';
export {
  readRecordedSlos,
  recordedReadPlans,
  recordedReadQueries,
  type RecordedReadOptions,
  type RecordedReadQuery,
} from './read';
export {
  RECORD_WINDOW_LABEL,
  discoveredSlothId,
  recordedQueryPlan,
  recordedWindows,
  type RecordedQuery,
  type RecordedWindow,
} from './records';
export { SPEC_HASH_LABEL, recordedSpecHash } from './specHash';
export {
  detectRecordedFromPrometheus,
  loadRecordedSlos,
  readRecordedFromPrometheus,
  type RecordedLoad,
  type RecordedLoadOptions,
  type Schedule,
} from './load';
