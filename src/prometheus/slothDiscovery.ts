import { type SloSpec, type SpecProblem, formatDuration, roundSignificant, validateSloSpecs } from '../domain';
import type { PrometheusHttpClient } from './httpClient';
import { resultFromPromApi } from './promApiAdapter';
import { escapeLabelValue } from './promql';
import { errorRatioRecord } from './rules';

/**
 * SLOs discovered from Sloth's recording rules. Sloth (and `sloRuleGroups`) record, per SLO, one
 * `sloth_slo_info` series whose labels describe it, `slo:objective:ratio` and `slo:time_period:days`,
 * and the error ratio over every window as `slo:sli_error:ratio_rate<window>`. A discovered SLO is a
 * raw-ratio SLI over the recorded 5-minute ratio: the planner puts its 5-minute step into
 * `{{.window}}`, so each bucket reads `slo:sli_error:ratio_rate5m` instead of the raw series.
 *
 * The pure part takes label sets (an instant query's result, `/api/v1/series`, or the label columns
 * of a Grafana data frame); `discoverFromPrometheus` is the thin HTTP wrapper for the CLI and tests.
 */

/** The query that lists Sloth's SLOs: one series per SLO. */
export const slothInfoQuery = 'sloth_slo_info';
/** The same, under the name the app's discovery hook imports. */
export const SLOTH_INFO_QUERY = slothInfoQuery;
/** The objective as a ratio (0.999), for info series without `sloth_objective`. */
export const slothObjectiveQuery = 'slo:objective:ratio';
/** The period in days, e.g. 30 or 28. */
export const slothPeriodQuery = 'slo:time_period:days';

/** A labelled value: `slo:objective:ratio` or `slo:time_period:days` from an instant query. */
export interface SlothSample {
  labels: Record<string, string>;
  value: number;
}

export interface SlothMetadata {
  objectives?: readonly SlothSample[];
  periodDays?: readonly SlothSample[];
}

export interface SlothDiscovery {
  specs: SloSpec[];
  /** Info series that could not become an SLO, and why. */
  skipped: Array<{ labels: Record<string, string>; reason: string }>;
  /** What `validateSloSpecs` said about the produced specs (empty when all is well). */
  problems: SpecProblem[];
}

const ID_LABEL = 'sloth_id';
const DEFAULT_PERIOD_DAYS = 30;
/** Labels that Prometheus or Sloth add and that say nothing about the SLO itself. */
const DROPPED_LABELS = new Set(['__name__']);

/** SLO specs from `sloth_slo_info` label sets (and, where needed, the objective and period series). */
export function discoverSlothSlos(
  series: ReadonlyArray<Record<string, string>>,
  metadata: SlothMetadata = {}
): SloSpec[] {
  return discoverSlothSlosWithProblems(series, metadata).specs;
}

/** As `discoverSlothSlos`, and says which series were skipped and why. */
export function discoverSlothSlosWithProblems(
  series: ReadonlyArray<Record<string, string>>,
  metadata: SlothMetadata = {}
): SlothDiscovery {
  const skipped: SlothDiscovery['skipped'] = [];
  const objectives = valuesById(metadata.objectives);
  const periods = valuesById(metadata.periodDays);
  const usedIds = new Set<string>();
  const candidates: SloSpec[] = [];
  for (const [slothId, labels] of mergeById(series, skipped)) {
    const objective = objectiveOf(labels, objectives.get(slothId));
    if (objective === null) {
      skipped.push({ labels, reason: 'no objective: neither a sloth_objective label nor slo:objective:ratio' });
      continue;
    }
    const id = uniqueId(sanitiseSlothId(slothId), usedIds);
    if (id === '') {
      skipped.push({ labels, reason: `sloth_id "${slothId}" has no letter or digit to make an id from` });
      continue;
    }
    usedIds.add(id);
    const periodDays = periods.get(slothId);
    const spec: SloSpec = {
      id,
      name: labels.sloth_slo || slothId,
      service: labels.sloth_service || slothId,
      description: `Discovered from Sloth's recording rules (sloth_id "${slothId}").`,
      objective,
      period: { rolling: periodWindow(periodDays) },
      budgetingMethod: 'occurrences',
      sli: { raw: { errorRatioQuery: slothErrorRatioQuery(slothId) } },
    };
    const userLabels = nonSlothLabels(labels);
    if (Object.keys(userLabels).length > 0) {
      spec.labels = userLabels;
    }
    candidates.push(spec);
  }
  const { valid, problems } = validateSloSpecs(candidates);
  return { specs: valid, skipped, problems };
}

/** `slo:sli_error:ratio_rate{{.window}}{sloth_id="…"}`: the recorded ratio of one SLO, any window. */
export function slothErrorRatioQuery(slothId: string): string {
  return `${errorRatioRecord('{{.window}}')}{${ID_LABEL}="${escapeLabelValue(slothId)}"}`;
}

/** Sloth ids may hold any character; ours only [a-z0-9-]. */
export function sanitiseSlothId(slothId: string): string {
  return slothId.toLowerCase().replace(/[^a-z0-9-]/g, '-');
}

/**
 * The objective in percent: `sloth_objective` (Sloth writes it in percent, e.g. "99.9"), otherwise
 * `slo:objective:ratio` × 100 rounded to 12 significant digits (0.999 × 100 is 99.89999999999999).
 */
export function objectiveOf(labels: Record<string, string>, ratio: number | undefined): number | null {
  const fromLabel = labels.sloth_objective !== undefined ? Number(labels.sloth_objective) : NaN;
  if (labels.sloth_objective?.trim() && Number.isFinite(fromLabel)) {
    return fromLabel;
  }
  if (ratio !== undefined && Number.isFinite(ratio)) {
    return roundSignificant(ratio * 100);
  }
  return null;
}

/** `slo:time_period:days` as a rolling window: 30 → `30d`, 0.5 → `12h`; 30 days when unknown. */
export function periodWindow(days: number | undefined): string {
  const value = days !== undefined && Number.isFinite(days) && days > 0 ? days : DEFAULT_PERIOD_DAYS;
  return formatDuration(Math.round(value * 86400));
}

/** Every label that is neither Prometheus's nor Sloth's own: the SLO's labels in the Sloth spec. */
export function nonSlothLabels(labels: Record<string, string>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(labels)) {
    if (!name.startsWith('sloth_') && !DROPPED_LABELS.has(name) && value !== '') {
      result[name] = value;
    }
  }
  return result;
}

/**
 * One label set per sloth_id. Several series may describe one SLO (Prometheus replicas with different
 * external labels, or a `/api/v1/series` answer spanning an objective change): labels they agree on are
 * kept, labels they disagree on are dropped, except that the highest `sloth_objective` never silently
 * becomes no objective at all.
 */
function mergeById(
  series: ReadonlyArray<Record<string, string>>,
  skipped: SlothDiscovery['skipped']
): Map<string, Record<string, string>> {
  const grouped = new Map<string, Array<Record<string, string>>>();
  for (const labels of series) {
    const slothId = labels[ID_LABEL];
    if (!slothId) {
      skipped.push({ labels, reason: 'no sloth_id label' });
      continue;
    }
    grouped.set(slothId, [...(grouped.get(slothId) ?? []), labels]);
  }
  const merged = new Map<string, Record<string, string>>();
  for (const [slothId, sets] of grouped) {
    const common: Record<string, string> = {};
    for (const [name, value] of Object.entries(sets[0])) {
      if (sets.every((set) => set[name] === value)) {
        common[name] = value;
      }
    }
    if (common.sloth_objective === undefined) {
      const objectives = sets.map((set) => Number(set.sloth_objective)).filter(Number.isFinite);
      if (objectives.length > 0) {
        common.sloth_objective = String(Math.max(...objectives));
      }
    }
    merged.set(slothId, common);
  }
  return new Map([...merged.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

function valuesById(samples: readonly SlothSample[] | undefined): Map<string, number> {
  const values = new Map<string, number>();
  for (const sample of samples ?? []) {
    const slothId = sample.labels[ID_LABEL];
    if (slothId && Number.isFinite(sample.value) && !values.has(slothId)) {
      values.set(slothId, sample.value);
    }
  }
  return values;
}

function uniqueId(base: string, used: ReadonlySet<string>): string {
  if (!/[a-z0-9]/.test(base)) {
    return '';
  }
  let candidate = base;
  for (let n = 2; used.has(candidate); n++) {
    candidate = `${base}-${n}`;
  }
  return candidate;
}

/**
 * Asks Prometheus for Sloth's SLOs as of `at` (Unix seconds): three instant queries (the info series,
 * objectives, periods), then the pure discovery. Query errors throw.
 */
export async function discoverFromPrometheus(client: PrometheusHttpClient, at: number): Promise<SlothDiscovery> {
  const [info, objectives, periods] = await Promise.all(
    [slothInfoQuery, slothObjectiveQuery, slothPeriodQuery].map(async (query) => {
      const { response } = await client.instant(query, at);
      const result = resultFromPromApi(query, response);
      if (result.error) {
        throw new Error(`${query}: ${result.error}`);
      }
      return result.series.map((series) => ({ labels: series.labels, value: series.values[series.values.length - 1] }));
    })
  );
  return discoverSlothSlosWithProblems(
    info.map((sample) => sample.labels),
    { objectives, periodDays: periods }
  );
}
