import { alertWindowProblems, isShortWindowShorter } from '../alertWindowProblems';
import { alertingPeriodSeconds, resolveAlertWindows } from '../alertWindows';
import { tryParseDuration } from '../duration';
import { DEFAULT_PERIOD } from '../period';
import type { AlertWindowSpec, BudgetingMethod, CalendarUnit, PeriodSpec, SloSpec } from '../spec';
import { isValidTimeZone } from '../timezone';
import {
  type JsonObject,
  LABEL_NAME_PATTERN,
  describeType,
  isObject,
  optionalString,
  requiredString,
  warnUnknownFields,
} from './fields';
import { ProblemList, type SpecProblem } from './problems';
import { validateSli } from './sli';

export interface SpecValidationResult {
  valid: SloSpec[];
  problems: SpecProblem[];
}

const SLO_FIELDS = [
  'id',
  'name',
  'service',
  'description',
  'labels',
  'runbookUrl',
  'objective',
  'period',
  'datasourceUid',
  'budgetingMethod',
  'timesliceTarget',
  'timesliceWindow',
  'breakdownLabels',
  'alerting',
  'sli',
];
const ID_PATTERN = /^[a-z0-9-]+$/;
const CALENDAR_UNITS: CalendarUnit[] = ['week', 'month', 'quarter'];
const MINIMUM_PERIOD_SECONDS = 3600;

/**
 * Checks SLO specs (a list, or `{ slos: [...] }`) and returns the usable ones with defaults applied,
 * plus every problem with its field path. Never throws on user input; an invalid SLO never hides a
 * valid one.
 */
export function validateSloSpecs(input: unknown): SpecValidationResult {
  const root = new ProblemList();
  const list = sloList(input, root.at('slos'));
  const valid: SloSpec[] = [];
  const seenIds = new Set<string>();
  list.forEach((entry, index) => {
    const problems = root.at('slos').at(index);
    const spec = validateSlo(entry, problems);
    if (spec && seenIds.has(spec.id)) {
      problems.at('id').error(`duplicate id "${spec.id}": ids must be unique`);
      return;
    }
    if (spec) {
      seenIds.add(spec.id);
      valid.push(spec);
    }
  });
  return { valid, problems: root.problems };
}

function sloList(input: unknown, problems: ProblemList): unknown[] {
  if (Array.isArray(input)) {
    return input;
  }
  if (isObject(input) && 'slos' in input) {
    if (Array.isArray(input.slos)) {
      return input.slos;
    }
    if (input.slos === null || input.slos === undefined) {
      return [];
    }
    problems.error(`must be a list of SLOs, got ${describeType(input.slos)}`);
    return [];
  }
  problems.error(`expected a list of SLOs or an object { slos: [...] }, got ${describeType(input)}`);
  return [];
}

function validateSlo(value: unknown, problems: ProblemList): SloSpec | undefined {
  if (!isObject(value)) {
    problems.error(`must be an object, got ${describeType(value)}`);
    return undefined;
  }
  warnUnknownFields(value, SLO_FIELDS, problems);
  const id = requiredString(value, 'id', problems);
  if (id !== undefined && !ID_PATTERN.test(id)) {
    problems.at('id').error(`"${id}" must use only lowercase letters, digits and "-"`);
  }
  const name = requiredString(value, 'name', problems);
  const service = requiredString(value, 'service', problems);
  const description = optionalString(value, 'description', problems);
  const labels = validateLabels(value.labels, problems.at('labels'));
  const runbookUrl = validateRunbookUrl(value, problems);
  const objective = validateObjective(value.objective, problems.at('objective'));
  const period = validatePeriod(value.period, problems.at('period'));
  const datasourceUid = optionalString(value, 'datasourceUid', problems);
  const budgeting = validateBudgeting(value, problems);
  const breakdownLabels = validateBreakdownLabels(value.breakdownLabels, problems.at('breakdownLabels'));
  const alerting = validateAlerting(value.alerting, problems.at('alerting'));
  const sli = validateSli(value.sli, problems.at('sli'));

  if (problems.errorCountUnder() > 0) {
    return undefined;
  }
  const spec = dropUndefined({
    id: id!,
    name: name!,
    service: service!,
    description,
    labels,
    runbookUrl,
    objective: objective!,
    period: period!,
    datasourceUid,
    ...budgeting,
    breakdownLabels,
    alerting,
    sli: sli!,
  }) as unknown as SloSpec;
  warnAboutAlertWindows(spec, problems);
  return spec;
}

function dropUndefined(object: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}

function validateLabels(value: unknown, problems: ProblemList): Record<string, string> | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (!isObject(value)) {
    problems.error(`must be a map of label names to values, got ${describeType(value)}`);
    return undefined;
  }
  const labels: Record<string, string> = {};
  for (const [key, labelValue] of Object.entries(value)) {
    if (!LABEL_NAME_PATTERN.test(key)) {
      problems.at(key).error('is not a valid label name ([a-zA-Z_][a-zA-Z0-9_]*)');
    } else if (typeof labelValue === 'string' || typeof labelValue === 'number' || typeof labelValue === 'boolean') {
      // YAML turns `tier: 1` into a number; a label value is text either way.
      labels[key] = String(labelValue);
    } else {
      problems.at(key).error(`must be a string, got ${describeType(labelValue)}`);
    }
  }
  return labels;
}

function validateRunbookUrl(object: JsonObject, problems: ProblemList): string | undefined {
  const url = optionalString(object, 'runbookUrl', problems);
  if (url === undefined) {
    return undefined;
  }
  let protocol: string | undefined;
  try {
    protocol = new URL(url).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol !== 'http:' && protocol !== 'https:') {
    problems.at('runbookUrl').error('must be an http:// or https:// URL');
    return undefined;
  }
  return url;
}

function validateObjective(value: unknown, problems: ProblemList): number | undefined {
  if (value === undefined || value === null) {
    problems.error('is required: a percentage such as 99.9');
    return undefined;
  }
  if (typeof value === 'number' && Number.isNaN(value)) {
    problems.error('is not a number (.nan): use a percentage such as 99.9');
    return undefined;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) {
    problems.error(`is infinite (${value > 0 ? '.inf' : '-.inf'}): use a percentage strictly between 0 and 100`);
    return undefined;
  }
  if (typeof value !== 'number') {
    problems.error(`must be a number (percent), got ${describeType(value)}`);
    return undefined;
  }
  if (value === 100) {
    problems.error('100 leaves no error budget, so every bad event would exhaust it: use e.g. 99.99');
    return undefined;
  }
  if (value <= 0 || value > 100) {
    problems.error(`must be a percentage strictly between 0 and 100, got ${value}`);
    return undefined;
  }
  if (value < 1) {
    problems.warning(`${value}% looks like a ratio: objectives are percentages (did you mean ${value * 100}?)`);
  }
  return value;
}

function validatePeriod(value: unknown, problems: ProblemList): PeriodSpec | undefined {
  if (value === undefined || value === null) {
    return DEFAULT_PERIOD;
  }
  if (typeof value === 'string') {
    return validateRollingPeriod(value, problems);
  }
  if (!isObject(value)) {
    problems.error(`must be { rolling: "30d" } or { calendar: month }, got ${describeType(value)}`);
    return undefined;
  }
  const hasRolling = 'rolling' in value;
  const hasCalendar = 'calendar' in value;
  if (hasRolling === hasCalendar) {
    problems.error('must have exactly one of rolling or calendar');
    return undefined;
  }
  if (hasRolling) {
    warnUnknownFields(value, ['rolling'], problems);
    if (typeof value.rolling !== 'string') {
      problems.at('rolling').error(`must be a duration such as "30d", got ${describeType(value.rolling)}`);
      return undefined;
    }
    return validateRollingPeriod(value.rolling, problems.at('rolling'));
  }
  warnUnknownFields(value, ['calendar', 'timezone'], problems);
  const calendar = value.calendar;
  if (typeof calendar !== 'string' || !CALENDAR_UNITS.includes(calendar as CalendarUnit)) {
    problems.at('calendar').error(`must be one of ${CALENDAR_UNITS.join(', ')}, got ${describeType(calendar)}`);
    return undefined;
  }
  const timezone = optionalString(value, 'timezone', problems);
  if (timezone !== undefined && !isValidTimeZone(timezone)) {
    problems.at('timezone').error(`"${timezone}" is not an IANA time zone such as UTC or Europe/Berlin`);
    return undefined;
  }
  return timezone === undefined
    ? { calendar: calendar as CalendarUnit }
    : { calendar: calendar as CalendarUnit, timezone };
}

function validateRollingPeriod(text: string, problems: ProblemList): PeriodSpec | undefined {
  const seconds = tryParseDuration(text);
  if (seconds === null) {
    problems.error(`"${text}" is not a duration such as 30d or 28d`);
    return undefined;
  }
  if (seconds < MINIMUM_PERIOD_SECONDS) {
    problems.error(`"${text}" is shorter than 1h; SLO periods are days or weeks`);
    return undefined;
  }
  return { rolling: text.trim() };
}

function validateBudgeting(
  object: JsonObject,
  problems: ProblemList
): { budgetingMethod: BudgetingMethod; timesliceTarget?: number; timesliceWindow?: string } {
  const method = object.budgetingMethod ?? 'occurrences';
  if (method !== 'occurrences' && method !== 'timeslices') {
    problems.at('budgetingMethod').error(`must be occurrences or timeslices, got ${describeType(method)}`);
    return { budgetingMethod: 'occurrences' };
  }
  if (method === 'occurrences') {
    for (const key of ['timesliceTarget', 'timesliceWindow']) {
      if (object[key] !== undefined) {
        problems.at(key).warning('only used with budgetingMethod: timeslices; ignored');
      }
    }
    return { budgetingMethod: 'occurrences' };
  }
  const target = object.timesliceTarget;
  if (typeof target !== 'number' || !(target > 0 && target <= 100)) {
    problems
      .at('timesliceTarget')
      .error(
        target === undefined
          ? 'is required with timeslices: the percent of good events a slice needs, e.g. 95'
          : `must be a percentage in (0, 100], got ${describeType(target)}`
      );
  }
  const window = object.timesliceWindow;
  const windowSeconds = tryParseDuration(window);
  if (windowSeconds === null) {
    problems
      .at('timesliceWindow')
      .error(
        window === undefined
          ? 'is required with timeslices: the slice length, e.g. 5m'
          : `must be a duration such as 1m or 5m, got ${describeType(window)}`
      );
  }
  return {
    budgetingMethod: 'timeslices',
    timesliceTarget: typeof target === 'number' ? target : undefined,
    timesliceWindow: typeof window === 'string' ? window.trim() : undefined,
  };
}

function validateBreakdownLabels(value: unknown, problems: ProblemList): string[] | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (!Array.isArray(value)) {
    problems.error(`must be a list of label names, got ${describeType(value)}`);
    return undefined;
  }
  value.forEach((label, index) => {
    if (typeof label !== 'string' || !LABEL_NAME_PATTERN.test(label)) {
      problems.at(index).error(`must be a label name ([a-zA-Z_][a-zA-Z0-9_]*), got ${describeType(label)}`);
    }
  });
  return [...new Set(value.filter((label): label is string => typeof label === 'string'))];
}

function validateAlerting(value: unknown, problems: ProblemList): SloSpec['alerting'] {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (!isObject(value)) {
    problems.error(`must be an object such as { windows: default }, got ${describeType(value)}`);
    return undefined;
  }
  // Sloth's alerting block (name, labels, annotations, pageAlert, ticketAlert) is tolerated so that
  // its files validate; only `windows` and `minEvents` mean something here.
  warnUnknownFields(
    value,
    ['windows', 'minEvents', 'name', 'labels', 'annotations', 'pageAlert', 'ticketAlert'],
    problems
  );
  const minEvents = validateMinEvents(value.minEvents, problems.at('minEvents'));
  const windows = value.windows;
  if (windows === undefined || windows === null || windows === 'default') {
    return dropUndefined({ windows: 'default', minEvents }) as SloSpec['alerting'];
  }
  if (!Array.isArray(windows) || windows.length === 0) {
    problems.at('windows').error(`must be "default" or a non-empty list of windows, got ${describeType(windows)}`);
    return undefined;
  }
  const resolved = windows.map((window, index) => validateAlertWindow(window, problems.at('windows').at(index)));
  return resolved.every((window) => window !== undefined)
    ? (dropUndefined({ windows: resolved as AlertWindowSpec[], minEvents }) as SloSpec['alerting'])
    : undefined;
}

function validateMinEvents(value: unknown, problems: ProblemList): number | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    problems.error(
      `must be a number of events of 0 or more (the long window's minimum to fire), got ${describeType(value)}`
    );
    return undefined;
  }
  return value;
}

/**
 * Pairs that cannot do their job, as warnings: the spec stays usable, the pair is just never going to
 * page (the same check the backtest reports). Default windows have no list entry to point at, so the
 * warning names the pair under `alerting.windows`.
 */
function warnAboutAlertWindows(spec: SloSpec, problems: ProblemList): void {
  const windows = resolveAlertWindows(spec, alertingPeriodSeconds(spec.period));
  const explicit = Array.isArray(spec.alerting?.windows);
  for (const problem of alertWindowProblems(spec.objective, windows)) {
    const at = problems.at('alerting').at('windows');
    if (explicit) {
      at.at(problem.index).warning(problem.message);
    } else {
      at.warning(`${problem.pair}: ${problem.message}`);
    }
  }
}

function validateAlertWindow(value: unknown, problems: ProblemList): AlertWindowSpec | undefined {
  if (!isObject(value)) {
    problems.error(`must be an object { severity, long, short, factor or budgetPercent }, got ${describeType(value)}`);
    return undefined;
  }
  warnUnknownFields(
    value,
    ['severity', 'long', 'short', 'longSeconds', 'shortSeconds', 'factor', 'budgetPercent'],
    problems
  );
  const severity = value.severity;
  if (severity !== 'page' && severity !== 'ticket') {
    problems.at('severity').error(`must be page or ticket, got ${describeType(severity)}`);
  }
  const longSeconds = windowSeconds(value, 'long', problems);
  const shortSeconds = windowSeconds(value, 'short', problems);
  // An error here, not only the backtest's warning: a pair with such windows is no multiwindow alert at all.
  if (longSeconds !== undefined && shortSeconds !== undefined && !isShortWindowShorter(longSeconds, shortSeconds)) {
    problems.at('short').error('must be shorter than the long window');
  }
  const factor = positiveNumber(value, 'factor', problems);
  const budgetPercent = positiveNumber(value, 'budgetPercent', problems);
  if (value.factor === undefined && value.budgetPercent === undefined) {
    problems.error('needs factor (a burn rate such as 14.4) or budgetPercent (such as 2)');
  }
  if (problems.errorCountUnder() > 0) {
    return undefined;
  }
  return dropUndefined({ severity, longSeconds, shortSeconds, factor, budgetPercent }) as unknown as AlertWindowSpec;
}

function windowSeconds(object: JsonObject, name: 'long' | 'short', problems: ProblemList): number | undefined {
  const secondsKey = `${name}Seconds`;
  if (typeof object[secondsKey] === 'number' && object[secondsKey] > 0) {
    return object[secondsKey];
  }
  const seconds = tryParseDuration(object[name]);
  if (seconds === null) {
    problems.at(name).error(`must be a duration such as 1h or 5m, got ${describeType(object[name])}`);
    return undefined;
  }
  return seconds;
}

function positiveNumber(object: JsonObject, key: string, problems: ProblemList): number | undefined {
  const value = object[key];
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) {
    problems.at(key).error(`must be a positive number, got ${describeType(value)}`);
    return undefined;
  }
  return value;
}
