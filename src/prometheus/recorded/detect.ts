import { type SloSpec, recordedIneligibility, sliKind } from '../../domain';
import { errorRatioRecord } from '../rules';
import type { QueryResult } from '../series';
import { objectiveOf } from '../slothDiscovery';
import {
  RECORD_WINDOW_LABEL,
  type RecordedQuery,
  type RecordedWindow,
  SLOTH_ID_LABEL,
  discoveredSlothId,
  recordedWindows,
  withWindowLabel,
} from './records';
import { SPEC_HASH_LABEL, recordedSpecHash } from './specHash';

/**
 * Which SLOs of one data source can be read from recording rules: one instant query of `sloth_slo_info`
 * (whose rules, for which spec) and one of how many series each `slo:sli_error:ratio_rate<window>` record
 * has per `sloth_id` (that every record the SLO needs is there, once). Both read one sample per series.
 *
 * An SLO matches:
 * - SLO Burn's own rules (`slo rules`) when their `sloburn_spec` label equals the spec's hash: written for
 *   the same SLI queries, objective, alert windows and period;
 * - Sloth's own rules (no such label) only when the SLO already reads Sloth's records, i.e. it was
 *   discovered from them; a configured SLO never guesses that Sloth's rules mean the same thing.
 * Calendar periods, the low-traffic guard and time slices need more than ratios: never; nor a configured
 * raw error-ratio SLI, whose recordings mean something else than its windows (see RAW_RATIO_REASON).
 */

/**
 * The engine takes a raw error-ratio SLI over a window as the mean of its 5-minute ratios (it has no
 * event counts to weight them by); its recordings hold Prometheus's ratio over the whole window. Wherever
 * traffic varies the two differ (on the fleet benchmark's data by up to 41 % on a day's window and 73
 * points of budget), so such an SLO is read raw: the overview must say what the detail page says.
 */
const RAW_RATIO_REASON =
  "a raw error-ratio SLI's windows are the mean of its 5-minute ratios, where its recordings hold the ratio over each whole window";

export const INFO_REF_ID = 'recorded-info';
export const RECORDS_REF_ID = 'recorded-records';
const INFO_QUERY = 'sloth_slo_info';
const ALL_RECORDS_SELECTOR = `{__name__=~"${errorRatioRecord('.+')}"}`;

/** The two instant queries detection reads (run at the evaluation time). */
export function recordedDetectionQueries(): RecordedQuery[] {
  return [
    { refId: INFO_REF_ID, expr: INFO_QUERY },
    {
      refId: RECORDS_REF_ID,
      expr: `count by (${SLOTH_ID_LABEL}, ${RECORD_WINDOW_LABEL}) (${withWindowLabel(ALL_RECORDS_SELECTOR)})`,
    },
  ];
}

/** Why an SLO is read from raw data. */
export type RawReason =
  /** Calendar period, low-traffic guard or time slices: ratios cannot give its state. */
  | 'ineligible'
  /** No `sloth_slo_info` for its `sloth_id`. */
  | 'no-rules'
  /** Rules exist, written for another spec (or Sloth's, for a configured SLO). */
  | 'mismatch'
  /** A record it needs is not there. */
  | 'missing-records'
  /** A record has several series for its `sloth_id`: grouped SLI, or rules deployed twice. */
  | 'ambiguous-records'
  /** The detection queries failed. */
  | 'unavailable';

export interface RecordedMatch {
  spec: SloSpec;
  /** The `sloth_id` its records carry: the SLO's id for SLO Burn's rules, Sloth's id for discovered SLOs. */
  slothId: string;
  /** Whose rules: SLO Burn's (`slo rules`, hash-checked) or Sloth's (discovered SLOs). */
  rules: 'sloburn' | 'sloth';
  /** The records to read: every alert window, then the period. */
  windows: RecordedWindow[];
}

export type RecordedVerdict =
  ({ kind: 'rules' } & RecordedMatch) | { kind: 'raw'; spec: SloSpec; reason: RawReason; message: string };

export interface RecordedDetection {
  /** One per spec, in the order given. */
  verdicts: RecordedVerdict[];
  /** The SLOs to read from rules (the verdicts of kind `rules`). */
  matched: RecordedMatch[];
  /** Set when the detection queries failed: every SLO then reads raw. */
  error: string | null;
}

/** Pure: the answers of `recordedDetectionQueries` (any adapter's `QueryResult`s) → a verdict per SLO. */
export function detectRecordedRules(specs: readonly SloSpec[], results: readonly QueryResult[]): RecordedDetection {
  const info = results.find((result) => result.refId === INFO_REF_ID);
  const records = results.find((result) => result.refId === RECORDS_REF_ID);
  const failure = !info || !records ? 'no answer to the detection queries' : (info.error ?? records.error ?? null);
  if (failure !== null) {
    const message = `recording rules could not be detected: ${failure}`;
    const verdicts = specs.map((spec): RecordedVerdict => ({ kind: 'raw', spec, reason: 'unavailable', message }));
    return { verdicts, matched: [], error: failure };
  }
  const infoById = new Map<string, Array<Record<string, string>>>();
  for (const series of info!.series) {
    const slothId = series.labels[SLOTH_ID_LABEL];
    if (slothId !== undefined) {
      infoById.set(slothId, [...(infoById.get(slothId) ?? []), series.labels]);
    }
  }
  const seriesCounts = new Map<string, number>();
  for (const series of records!.series) {
    const key = recordKey(series.labels[SLOTH_ID_LABEL] ?? '', series.labels[RECORD_WINDOW_LABEL] ?? '');
    seriesCounts.set(key, (seriesCounts.get(key) ?? 0) + (series.values[series.values.length - 1] ?? 0));
  }
  const verdicts = specs.map((spec) => verdictOf(spec, infoById, seriesCounts));
  return {
    verdicts,
    matched: verdicts.filter(
      (verdict): verdict is Extract<RecordedVerdict, { kind: 'rules' }> => verdict.kind === 'rules'
    ),
    error: null,
  };
}

function verdictOf(
  spec: SloSpec,
  infoById: ReadonlyMap<string, Array<Record<string, string>>>,
  seriesCounts: ReadonlyMap<string, number>
): RecordedVerdict {
  const raw = (reason: RawReason, message: string): RecordedVerdict => ({ kind: 'raw', spec, reason, message });
  const ineligible = recordedIneligibilityOf(spec);
  if (ineligible !== null) {
    return raw('ineligible', ineligible);
  }
  const discovered = discoveredSlothId(spec);
  const slothId = discovered ?? spec.id;
  const infos = infoById.get(slothId) ?? [];
  if (infos.length === 0) {
    return raw('no-rules', `no sloth_slo_info with sloth_id "${slothId}"`);
  }
  if (discovered === null) {
    const hash = recordedSpecHash(spec);
    if (!infos.some((labels) => labels[SPEC_HASH_LABEL] === hash)) {
      return raw('mismatch', mismatchMessage(spec, hash, infos));
    }
  } else {
    // Discovered from these rules: they are its definition, but its objective may have been edited since.
    const objectives = infos.map((labels) => objectiveOf(labels, undefined));
    if (!objectives.some((objective) => objective === null || objective === spec.objective)) {
      return raw('mismatch', `the rules were written for objective ${objectives[0]}, the SLO's is ${spec.objective}`);
    }
  }
  const windows = recordedWindows(spec);
  const missing: string[] = [];
  const ambiguous: string[] = [];
  for (const window of windows) {
    const count = seriesCounts.get(recordKey(slothId, window.window)) ?? 0;
    if (count === 0) {
      missing.push(errorRatioRecord(window.window));
    } else if (count > 1) {
      ambiguous.push(`${errorRatioRecord(window.window)} (${count} series)`);
    }
  }
  if (missing.length > 0) {
    return raw('missing-records', `no ${[...new Set(missing)].join(', ')} for sloth_id "${slothId}"`);
  }
  if (ambiguous.length > 0) {
    return raw(
      'ambiguous-records',
      `several series for sloth_id "${slothId}" in ${[...new Set(ambiguous)].join(', ')}: a grouped SLI or rules deployed twice`
    );
  }
  return { kind: 'rules', spec, slothId, rules: discovered === null ? 'sloburn' : 'sloth', windows };
}

/**
 * Why an SLO is read raw whatever rules Prometheus holds (calendar period, low-traffic guard, time slices,
 * a configured raw error-ratio SLI), or null when rules may serve it: no need to detect anything for it.
 */
export function recordedIneligibilityOf(spec: SloSpec): string | null {
  const ineligible = recordedIneligibility(spec);
  if (ineligible !== null) {
    return ineligible;
  }
  return discoveredSlothId(spec) === null && sliKind(spec.sli) === 'raw' ? RAW_RATIO_REASON : null;
}

function mismatchMessage(spec: SloSpec, hash: string, infos: ReadonlyArray<Record<string, string>>): string {
  const written = infos.map((labels) => labels[SPEC_HASH_LABEL]).filter((value) => value !== undefined);
  if (written.length === 0) {
    return `the rules for sloth_id "${spec.id}" are not SLO Burn's (no ${SPEC_HASH_LABEL} label): Sloth's rules are read only for SLOs discovered from them`;
  }
  const objectives = infos.map((labels) => objectiveOf(labels, undefined)).filter((value) => value !== null);
  if (objectives.length > 0 && !objectives.includes(spec.objective)) {
    return `the rules were written for objective ${objectives[0]}, the SLO's is ${spec.objective}`;
  }
  return (
    `the rules were written for another SLI, alert windows or period (${SPEC_HASH_LABEL} "${written[0]}", ` +
    `this spec's is "${hash}"): deploy the rules again`
  );
}

function recordKey(slothId: string, window: string): string {
  return `${slothId}\u0000${window}`;
}
