import type { SpecProblem } from '../../domain';

const ENTRY_PREFIX = /^slos\[(\d+)\]/;

/** The position of the SLO a problem belongs to: `slos[3].sli…` → 3. */
export function problemIndex(path: string): number | undefined {
  const match = ENTRY_PREFIX.exec(path);
  return match ? Number(match[1]) : undefined;
}

/** A problem's path inside its SLO: `slos[0].sli.events.totalQuery` → `sli.events.totalQuery`. */
export function pathInEntry(path: string): string {
  return path.replace(ENTRY_PREFIX, '').replace(/^\./, '');
}

/** The form's fields, named by their path in the spec. */
export const FORM_FIELDS = [
  'id',
  'name',
  'service',
  'description',
  'objective',
  'period',
  'period.rolling',
  'period.calendar',
  'period.timezone',
  'budgetingMethod',
  'timesliceTarget',
  'timesliceWindow',
  'sli',
  'sli.events.errorQuery',
  'sli.events.totalQuery',
  'sli.ratio.goodQuery',
  'sli.ratio.totalQuery',
  'sli.raw.errorRatioQuery',
  'sli.latency.bucketMetric',
  'sli.latency.threshold',
  'sli.latency.selector',
  'sli.boolGauge.query',
  'breakdownLabels',
  'labels',
  'runbookUrl',
] as const;

export type FormField = (typeof FORM_FIELDS)[number];

/** Sloth's spellings, which the validator accepts and reports under the name that was written. */
const SLI_KIND_ALIASES: Record<string, string> = { bool_gauge: 'boolGauge' };
const SLI_FIELD_ALIASES: Record<string, string> = {
  error_query: 'errorQuery',
  total_query: 'totalQuery',
  good_query: 'goodQuery',
  error_ratio_query: 'errorRatioQuery',
  bucket_metric: 'bucketMetric',
};

/**
 * The form field that shows a problem: the most specific field whose path contains the problem's
 * (`labels.team` → `labels`, `breakdownLabels[1]` → `breakdownLabels`), or none for what the form
 * does not edit (alerting, datasourceUid, unknown fields), which is listed above the form only.
 */
export function fieldForPath(path: string): FormField | undefined {
  const segments = canonicalSegments(pathInEntry(path));
  for (let length = segments.length; length > 0; length--) {
    const candidate = segments.slice(0, length).join('.');
    if ((FORM_FIELDS as readonly string[]).includes(candidate)) {
      return candidate as FormField;
    }
  }
  return undefined;
}

function canonicalSegments(path: string): string[] {
  const segments = path
    .replace(/\[\d+\]/g, '')
    .split('.')
    .filter((segment) => segment !== '');
  if (segments[0] === 'sli') {
    if (segments[1] !== undefined) {
      segments[1] = SLI_KIND_ALIASES[segments[1]] ?? segments[1];
    }
    if (segments[2] !== undefined) {
      segments[2] = SLI_FIELD_ALIASES[segments[2]] ?? segments[2];
    }
  }
  return segments;
}

export type ProblemsByField = Partial<Record<FormField, SpecProblem[]>>;

export function problemsByField(problems: readonly SpecProblem[]): ProblemsByField {
  const byField: ProblemsByField = {};
  for (const problem of problems) {
    const field = fieldForPath(problem.path);
    if (field !== undefined) {
      (byField[field] ??= []).push(problem);
    }
  }
  return byField;
}
