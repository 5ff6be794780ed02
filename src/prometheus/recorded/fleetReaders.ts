import type { SloSpec } from '../../domain';
import type { FleetLoadScope, ReaderSelector, SloReader } from '../fleet/types';
import type { QueryPlan } from '../plan';
import type { SloReading } from '../readSlo';
import {
  type RecordedDetection,
  type RecordedMatch,
  detectRecordedRules,
  recordedDetectionQueries,
  recordedIneligibilityOf,
} from './detect';
import {
  type RecordedReadOptions,
  type RecordedReadQuery,
  readRecordedSlos,
  recordedReadPlans,
  recordedReadQueries,
} from './read';
import { recordedQueryPlan } from './records';

/** The source of a reading from recording rules, in `FleetReading.source` and the load's summary. */
export const RULES_SOURCE = 'rules';

/**
 * Shared requests go before every SLO's own: each SLO that rules may serve waits for the detection, and
 * a read of a few dozen SLOs' records costs less than one raw read. (Not -Infinity: the scheduler sorts
 * by difference.)
 */
const SHARED_PRIORITY = Number.MIN_SAFE_INTEGER;

/** What the rules give one SLO: its reading, or a reason to read it raw (a note when the user should know). */
type RulesOutcome = { kind: 'rules'; reading: SloReading } | { kind: 'raw'; note: string | null };

const READ_RAW: RulesOutcome = { kind: 'raw', note: null };

/**
 * The fleet loader's readers (`FleetLoaderOptions.readers`) that read an SLO from its recording rules
 * where SLO Burn's (or, for discovered SLOs, Sloth's) rules for exactly its spec are deployed, and raw
 * otherwise. Per load and data source: one detection request (`sloth_slo_info` and the records present,
 * as of the load's instant), then the matched SLOs' records read in a few batched instant queries, both
 * through the data source's scheduler ahead of the raw reads: O(windows) samples per SLO.
 *
 * Raw stays the source of truth: an SLO whose rules are absent, written for another spec, incomplete or
 * stale (a record without a sample in Prometheus's look-back) reads raw; so does every SLO of a data
 * source whose detection failed, never an error row for it. A rules reading says `source: 'rules'`.
 */
export function recordedRulesReaders(options: RecordedReadOptions = {}): (scope: FleetLoadScope) => ReaderSelector {
  return (scope) => {
    const byDatasource = new Map<string, (sloId: string) => Promise<RulesOutcome>>();
    const rulesOf = (datasource: string) => {
      let outcomeOf = byDatasource.get(datasource);
      if (!outcomeOf) {
        outcomeOf = datasourceRules(scope, datasource, options);
        byDatasource.set(datasource, outcomeOf);
      }
      return outcomeOf;
    };
    return (slo, raw): SloReader => {
      if (recordedIneligibilityOf(slo.spec) !== null) {
        return raw;
      }
      return {
        source: RULES_SOURCE,
        read: async (context) => {
          const outcome = await rulesOf(slo.datasource)(slo.spec.id);
          if (outcome.kind === 'rules') {
            return outcome.reading;
          }
          const reading = await raw.read(context);
          return outcome.note !== null && reading.kind === 'evaluated'
            ? { ...reading, notes: [...reading.notes, outcome.note], source: 'raw' }
            : { ...reading, source: 'raw' };
        },
      };
    };
  };
}

/** Detection and reads for the SLOs of one data source that rules may serve, started at once. */
function datasourceRules(
  scope: FleetLoadScope,
  datasource: string,
  options: RecordedReadOptions
): (sloId: string) => Promise<RulesOutcome> {
  const specs = scope.slos
    .filter((slo) => slo.datasource === datasource && recordedIneligibilityOf(slo.spec) === null)
    .map((slo) => slo.spec);
  const now = scope.range.to;
  const outcomes = quiet(
    detect(scope, datasource, specs, now).then((detection) => {
      const byId = new Map<string, Promise<RulesOutcome>>();
      for (const verdict of detection.verdicts) {
        if (verdict.kind === 'raw') {
          // Rules that exist but cannot serve the SLO are worth a note; no rules at all is the usual case.
          const note = ['mismatch', 'missing-records', 'ambiguous-records'].includes(verdict.reason)
            ? `Recording rules not used: ${verdict.message}`
            : null;
          byId.set(verdict.spec.id, Promise.resolve(note === null ? READ_RAW : { kind: 'raw', note }));
        }
      }
      const queries = recordedReadQueries(detection.matched, options);
      const plans = recordedReadPlans(queries, now);
      const matchOf = new Map(detection.matched.map((match) => [match.spec.id, match]));
      queries.forEach((query, index) => {
        const batch = query.sloIds.map((id) => matchOf.get(id)!);
        const readings = quiet(readBatch(scope, datasource, batch, query, plans[index], now));
        for (const id of query.sloIds) {
          byId.set(id, quiet(readings.then((read) => read.get(id) ?? READ_RAW)));
        }
      });
      return byId;
    })
  );
  return (sloId) => outcomes.then((byId) => byId.get(sloId) ?? READ_RAW);
}

/** The detection's verdicts; a failed detection is every SLO's `raw` verdict (rejects only when aborted). */
async function detect(
  scope: FleetLoadScope,
  datasource: string,
  specs: readonly SloSpec[],
  now: number
): Promise<RecordedDetection> {
  if (specs.length === 0) {
    return { verdicts: [], matched: [], error: null };
  }
  const plan = recordedQueryPlan('recorded-rules-detection', recordedDetectionQueries(), now);
  try {
    const answer = await scope.send(datasource, plan, SHARED_PRIORITY);
    return detectRecordedRules(specs, answer.results);
  } catch (error) {
    if (scope.signal.aborted) {
      throw error;
    }
    return detectRecordedRules(
      specs,
      plan.queries.map((query) => ({ refId: query.refId, series: [], error: messageOf(error) }))
    );
  }
}

/** One read request's SLOs: their rules readings, or raw with the reason when the rules could not serve them. */
async function readBatch(
  scope: FleetLoadScope,
  datasource: string,
  batch: readonly RecordedMatch[],
  query: RecordedReadQuery,
  plan: QueryPlan,
  now: number
): Promise<Map<string, RulesOutcome>> {
  let readings: Map<string, SloReading>;
  try {
    const answer = await scope.send(datasource, plan, SHARED_PRIORITY);
    readings = readRecordedSlos(batch, [query], answer.results, now);
  } catch (error) {
    if (scope.signal.aborted) {
      throw error;
    }
    const note = `Recording rules not used: they could not be read (${messageOf(error)})`;
    return new Map(batch.map((match) => [match.spec.id, { kind: 'raw', note }]));
  }
  const outcomes = new Map<string, RulesOutcome>();
  for (const [id, reading] of readings) {
    // A record gone since detection (rules removed, a stale series) or a failed read: raw says it.
    outcomes.set(
      id,
      reading.kind === 'evaluated'
        ? { kind: 'rules', reading }
        : { kind: 'raw', note: `Recording rules not used: ${reading.message}` }
    );
  }
  return outcomes;
}

/**
 * The same promise, marked as handled: when a load is aborted before some SLO asks for its outcome, the
 * rejection must not surface as an unhandled one. Whoever awaits it still sees the rejection.
 */
function quiet<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
