import type { SloReading } from '../readSlo';
import {
  type RecordedDetection,
  detectRecordedRules,
  readRecordedSlos,
  recordedDetectionQueries,
  recordedQueryPlan,
  recordedReadPlans,
  recordedReadQueries,
} from '../recorded';
import type { ExecutedRequest, FleetRange, FleetSlo, ReadContext, SloReader } from './types';

/** `SloReader.source` of the SLOs read from their recording rules. */
export const RULES_SOURCE = 'rules';

/** Why an SLO of a fleet was read raw although rules were looked for (shown to users). */
export type RulesFallback = { sloId: string; message: string };

export interface RecordedReaders {
  /** For `FleetLoaderOptions.readerFor`. */
  readerFor(slo: FleetSlo, raw: SloReader): SloReader;
  /** What detection said, per data source, once it ran (for the overview's explanations). */
  detections(): ReadonlyMap<string, RecordedDetection>;
}

/**
 * Readers that read an SLO from its recording rules when SLO Burn's own (or Sloth's, for a discovered SLO)
 * are deployed and match its spec, and raw otherwise. Per data source, the first SLO read runs detection
 * (two instant queries), and the first SLO that matched reads every matched SLO's records in a few batched
 * instant queries: O(windows) samples per SLO. Everything else falls back to the raw reader, the source of
 * truth: an SLO without matching rules, a detection that failed, a record gone or a read that failed.
 * One instance per load: its answers are as of that load's `range.to`.
 */
export function recordedReaders(slos: readonly FleetSlo[], range: FleetRange): RecordedReaders {
  const now = range.to;
  const byDatasource = new Map<string, FleetSlo[]>();
  for (const slo of slos) {
    byDatasource.set(slo.datasource, [...(byDatasource.get(slo.datasource) ?? []), slo]);
  }
  const detected = new Map<string, RecordedDetection>();
  const detections = new Map<string, Promise<RecordedDetection>>();
  const readings = new Map<string, Promise<Map<string, SloReading>>>();

  const detect = (context: ReadContext): Promise<RecordedDetection> => {
    const { datasource } = context.slo;
    let detection = detections.get(datasource);
    if (!detection) {
      const specs = (byDatasource.get(datasource) ?? []).map((slo) => slo.spec);
      const plan = recordedQueryPlan('recorded-rules-detection', recordedDetectionQueries(), now);
      detection = context.send(plan).then((answer) => {
        const result = detectRecordedRules(specs, answer.failure ? failedResults(answer) : answer.results);
        detected.set(datasource, result);
        return result;
      });
      detections.set(datasource, detection);
    }
    return detection;
  };

  const readAll = (context: ReadContext, detection: RecordedDetection): Promise<Map<string, SloReading>> => {
    const { datasource } = context.slo;
    let read = readings.get(datasource);
    if (!read) {
      const queries = recordedReadQueries(detection.matched);
      read = Promise.all(recordedReadPlans(queries, now).map((plan) => context.send(plan))).then((answers) =>
        readRecordedSlos(
          detection.matched,
          queries,
          answers.flatMap((answer) => answer.results),
          now
        )
      );
      readings.set(datasource, read);
    }
    return read;
  };

  return {
    detections: () => detected,
    readerFor: (slo, raw) => {
      let source = raw.source;
      return {
        get source() {
          return source;
        },
        read: async (context) => {
          let detection: RecordedDetection;
          try {
            detection = await detect(context);
          } catch (error) {
            // Aborted, or Prometheus stayed overloaded: the raw reader meets the same and says so.
            if (context.signal.aborted) {
              throw error;
            }
            return raw.read(context);
          }
          if (!detection.matched.some((match) => match.spec.id === slo.spec.id)) {
            return raw.read(context);
          }
          let reading: SloReading | undefined;
          try {
            reading = (await readAll(context, detection)).get(slo.spec.id);
          } catch (error) {
            if (context.signal.aborted) {
              throw error;
            }
          }
          if (!reading || reading.kind === 'error') {
            return raw.read(context);
          }
          source = RULES_SOURCE;
          return reading;
        },
      };
    },
  };
}

/** A request that failed as a whole: each detection query carries its message. */
function failedResults(answer: ExecutedRequest) {
  return answer.results.length > 0
    ? answer.results.map((result) => ({ ...result, error: result.error ?? answer.failure }))
    : recordedDetectionQueries().map((query) => ({ refId: query.refId, series: [], error: answer.failure }));
}
