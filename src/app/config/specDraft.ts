import { type BudgetingMethod, type CalendarUnit, SLI_KINDS, type SliKind } from '../../domain';

/**
 * The SLO being edited, as plain data. The form changes only the fields it shows, so fields it has
 * no control for (alerting, datasourceUid, anything unknown) survive every edit untouched.
 */
export type SpecDraft = Record<string, unknown>;

export function isDraft(value: unknown): value is SpecDraft {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Sets a field; `undefined` removes it, so that an emptied optional field is not saved as "". */
export function withField(draft: SpecDraft, key: string, value: unknown): SpecDraft {
  const next = { ...draft };
  if (value === undefined) {
    delete next[key];
  } else {
    next[key] = value;
  }
  return next;
}

export function textOf(value: unknown): string {
  if (value === undefined || value === null) {
    return '';
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Text from an input: empty means "not set". */
export function parseText(text: string): string | undefined {
  return text === '' ? undefined : text;
}

/** A number when the text is one; otherwise the text itself, for the validator to explain. */
export function parseNumber(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') {
    return undefined;
  }
  const number = Number(trimmed);
  return Number.isFinite(number) ? number : text;
}

export function numberText(value: unknown): string {
  return typeof value === 'number' ? String(value) : textOf(value);
}

/** `a, b` → ['a', 'b']; nothing → not set. */
export function parseList(text: string): string[] | undefined {
  const items = text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  return items.length > 0 ? items : undefined;
}

export function listText(value: unknown): string {
  return Array.isArray(value) ? value.map(textOf).join(', ') : textOf(value);
}

/** `key=value` lines → a map; a line without `=` is a key with an empty value, for the validator to judge. */
export function parseLabels(text: string): Record<string, string> | undefined {
  const labels: Record<string, string> = {};
  for (const line of text.split('\n')) {
    if (line.trim() === '') {
      continue;
    }
    const separator = line.indexOf('=');
    const key = (separator < 0 ? line : line.slice(0, separator)).trim();
    labels[key] = separator < 0 ? '' : line.slice(separator + 1).trim();
  }
  return Object.keys(labels).length > 0 ? labels : undefined;
}

export function labelsText(value: unknown): string {
  if (!isDraft(value)) {
    return textOf(value);
  }
  return Object.entries(value)
    .map(([key, labelValue]) => `${key}=${textOf(labelValue)}`)
    .join('\n');
}

export type PeriodKind = 'rolling' | 'calendar';

export interface PeriodFields {
  kind: PeriodKind;
  rolling: string;
  calendar: string;
  timezone: string;
}

/** The period as the form shows it; a missing period is the validator's default, a rolling 30d. */
export function periodFields(draft: SpecDraft): PeriodFields {
  const period = draft.period;
  if (typeof period === 'string') {
    return { kind: 'rolling', rolling: period, calendar: '', timezone: '' };
  }
  if (isDraft(period) && 'calendar' in period && !('rolling' in period)) {
    return { kind: 'calendar', rolling: '', calendar: textOf(period.calendar), timezone: textOf(period.timezone) };
  }
  return { kind: 'rolling', rolling: isDraft(period) ? textOf(period.rolling) : '', calendar: '', timezone: '' };
}

export const DEFAULT_ROLLING = '30d';
const DEFAULT_CALENDAR: CalendarUnit = 'month';

export function withPeriodKind(draft: SpecDraft, kind: PeriodKind): SpecDraft {
  if (kind === periodFields(draft).kind) {
    return draft;
  }
  return withField(draft, 'period', kind === 'rolling' ? { rolling: DEFAULT_ROLLING } : { calendar: DEFAULT_CALENDAR });
}

export function withRolling(draft: SpecDraft, rolling: string): SpecDraft {
  return withField(draft, 'period', rolling === '' ? undefined : { rolling });
}

export function withCalendar(draft: SpecDraft, calendar: CalendarUnit, timezone: string): SpecDraft {
  return withField(draft, 'period', timezone === '' ? { calendar } : { calendar, timezone });
}

export function budgetingMethodOf(draft: SpecDraft): BudgetingMethod | undefined {
  const method = draft.budgetingMethod ?? 'occurrences';
  return method === 'occurrences' || method === 'timeslices' ? method : undefined;
}

const TIMESLICE_FIELDS = ['timesliceTarget', 'timesliceWindow'];

/**
 * Switches the budgeting method. Time-slice settings are set aside rather than dropped when
 * switching to occurrences (where they would be ignored), and come back when switching back.
 */
export function switchBudgetingMethod(
  draft: SpecDraft,
  method: BudgetingMethod,
  setAside: SpecDraft
): { draft: SpecDraft; setAside: SpecDraft } {
  let next = withField(draft, 'budgetingMethod', method);
  let aside = { ...setAside };
  for (const key of TIMESLICE_FIELDS) {
    if (method === 'occurrences' && next[key] !== undefined) {
      aside[key] = next[key];
      next = withField(next, key, undefined);
    } else if (method === 'timeslices' && next[key] === undefined && aside[key] !== undefined) {
      next = withField(next, key, aside[key]);
      aside = withField(aside, key, undefined);
    }
  }
  return { draft: next, setAside: aside };
}

/** The fields of each SLI kind, in the spec's (camelCase) spelling. */
export const SLI_FIELDS: Record<SliKind, readonly string[]> = {
  events: ['errorQuery', 'totalQuery'],
  ratio: ['goodQuery', 'totalQuery'],
  raw: ['errorRatioQuery'],
  latency: ['bucketMetric', 'threshold', 'selector'],
  boolGauge: ['query'],
};

/** Sloth's snake_case spellings, which the validator accepts too. */
const KIND_SPELLINGS: Record<string, SliKind> = { bool_gauge: 'boolGauge' };
const FIELD_SPELLINGS: Record<string, string> = {
  errorQuery: 'error_query',
  totalQuery: 'total_query',
  goodQuery: 'good_query',
  errorRatioQuery: 'error_ratio_query',
  bucketMetric: 'bucket_metric',
};

export interface SliFields {
  /** The one SLI kind written, or undefined when there are none or several. */
  kind: SliKind | undefined;
  /** The kind's key as written (`bool_gauge` for Sloth's spelling). */
  key: string | undefined;
  body: SpecDraft;
}

export function sliFields(draft: SpecDraft): SliFields {
  const sli = isDraft(draft.sli) ? draft.sli : {};
  const keys = Object.keys(sli).filter((key) => SLI_KINDS.includes(KIND_SPELLINGS[key] ?? (key as SliKind)));
  if (keys.length !== 1) {
    return { kind: undefined, key: undefined, body: {} };
  }
  const key = keys[0];
  const body = sli[key];
  return { kind: KIND_SPELLINGS[key] ?? (key as SliKind), key, body: isDraft(body) ? body : {} };
}

export function sliFieldValue(body: SpecDraft, field: string): string {
  const alias = FIELD_SPELLINGS[field];
  return textOf(body[field] ?? (alias ? body[alias] : undefined));
}

/** Sets one field of the current SLI kind, in the spec's spelling (a Sloth spelling is renamed). */
export function withSliField(draft: SpecDraft, field: string, text: string): SpecDraft {
  const { kind, key, body } = sliFields(draft);
  if (kind === undefined || key === undefined) {
    return draft;
  }
  let nextBody = withField(body, field, parseText(text));
  const alias = FIELD_SPELLINGS[field];
  if (alias) {
    nextBody = withField(nextBody, alias, undefined);
  }
  return withField(draft, 'sli', { [key]: nextBody });
}

/**
 * Switches the SLI kind. The previous kind's queries are set aside, not lost, and come back when
 * the user switches back to it.
 */
export function switchSliKind(
  draft: SpecDraft,
  kind: SliKind,
  setAside: Partial<Record<SliKind, SpecDraft>>
): { draft: SpecDraft; setAside: Partial<Record<SliKind, SpecDraft>> } {
  const current = sliFields(draft);
  if (current.kind === kind) {
    return { draft, setAside };
  }
  const aside = { ...setAside };
  if (current.kind !== undefined) {
    aside[current.kind] = current.body;
  }
  const body = aside[kind] ?? {};
  delete aside[kind];
  return { draft: withField(draft, 'sli', { [kind]: body }), setAside: aside };
}

/** What a new SLO starts from: the fields every SLO needs, for the user to fill in. */
export function newSloDraft(): SpecDraft {
  return {
    id: '',
    name: '',
    service: '',
    objective: 99.9,
    period: { rolling: DEFAULT_ROLLING },
    sli: { events: { errorQuery: '', totalQuery: '' } },
  };
}
