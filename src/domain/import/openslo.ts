import { tryParseDuration } from '../duration';
import { roundSignificant } from '../numbers';
import type { BudgetingMethod, PeriodSpec } from '../spec';
import { type JsonObject, isObject, optionalString, requiredString, warnUnknownFields } from '../validation/fields';
import type { ProblemList } from '../validation/problems';
import { importLabels } from './labels';
import { readableName, sanitiseId, slug } from './naming';
import type { OpenSloIndex } from './opensloIndex';
import { convertBudgetingMethod, convertTimeWindow } from './opensloPeriod';
import { type IndicatorResult, resolveIndicator } from './opensloSli';
import { type ImportedSpec, type SourceDocument, compact, errorCount, got, shown } from './source';

const SLO_SPEC_FIELDS = [
  'description',
  'service',
  'indicator',
  'indicatorRef',
  'timeWindow',
  'budgetingMethod',
  'objectives',
  'alertPolicies',
];
const OBJECTIVE_FIELDS = [
  'displayName',
  'op',
  'value',
  'target',
  'targetPercent',
  'timeSliceTarget',
  'timeSliceWindow',
  'indicator',
  'indicatorRef',
  'compositeWeight',
];

const IGNORED_KINDS: Record<string, string> = {
  Service: 'each SLO names its service in spec.service',
  AlertPolicy: 'SLO Burn alerts with its own multiwindow multi-burn-rate pairs',
  AlertCondition: 'SLO Burn alerts with its own multiwindow multi-burn-rate pairs',
  AlertNotificationTarget: "route SLO Burn's alerts with Grafana notification policies",
  DataSource: 'SLO Burn queries the data source chosen in its settings',
};

interface Metadata {
  name?: string;
  displayName?: string;
  labels?: Record<string, string>;
}

/** What every objective of one OpenSLO SLO shares. */
interface SloBase {
  id: string;
  name: string;
  service: string;
  description?: string;
  labels?: Record<string, string>;
  period: PeriodSpec;
  budgetingMethod: BudgetingMethod;
  indicator: IndicatorResult;
}

export function convertOpenSloDocument(document: SourceDocument, index: OpenSloIndex): ImportedSpec[] {
  const { value, problems } = document;
  if (!isObject(value)) {
    return [];
  }
  warnUnknownFields(value, ['apiVersion', 'kind', 'metadata', 'spec'], problems);
  const kind = value.kind;
  if (kind === 'SLO') {
    return convertSlo(value, problems, index);
  }
  const name = isObject(value.metadata) ? value.metadata.name : undefined;
  if (kind === 'SLI') {
    if (typeof name !== 'string' || !index.referencedSlis.has(name)) {
      problems.warning(
        `OpenSLO SLI ${shown(name)} is not used by any SLO of this input, so nothing is imported from it`
      );
    }
    return [];
  }
  if (typeof kind === 'string' && kind in IGNORED_KINDS) {
    problems.warning(`OpenSLO ${kind} ${shown(name)} is not imported: ${IGNORED_KINDS[kind]}`);
    return [];
  }
  problems
    .at('kind')
    .error(
      `OpenSLO kind ${shown(kind)} is not supported: expected SLO, SLI, Service, AlertPolicy, AlertCondition, AlertNotificationTarget or DataSource`
    );
  return [];
}

/** One spec per objective: SLO Burn has one objective per SLO. */
function convertSlo(value: JsonObject, problems: ProblemList, index: OpenSloIndex): ImportedSpec[] {
  const base = convertSloBase(value, problems, index);
  const spec = value.spec;
  if (!isObject(spec)) {
    return [];
  }
  const objectives = spec.objectives;
  const objectivesProblems = problems.at('spec').at('objectives');
  if (!Array.isArray(objectives) || objectives.length === 0) {
    objectivesProblems.error(`is required: a list with at least one objective such as { target: 0.995 }`);
    return [];
  }
  const suffixes = objectiveSuffixes(objectives);
  // Objectives are checked even when the SLO itself failed, so every problem shows at once.
  return objectives.flatMap((objective, position) => {
    const converted = convertObjective(objective, suffixes[position], base, objectivesProblems.at(position), index);
    return converted ? [converted] : [];
  });
}

function convertSloBase(value: JsonObject, problems: ProblemList, index: OpenSloIndex): SloBase | undefined {
  const errorsBefore = errorCount(problems);
  const metadata = convertMetadata(value.metadata, problems.at('metadata'));
  const spec = value.spec;
  const specProblems = problems.at('spec');
  if (!isObject(spec)) {
    specProblems.error(`is required: an object with service, indicator and objectives${got(spec)}`);
    return undefined;
  }
  warnUnknownFields(spec, SLO_SPEC_FIELDS, specProblems);
  const service = requiredString(spec, 'service', specProblems);
  const description = optionalString(spec, 'description', specProblems);
  const period = convertTimeWindow(spec.timeWindow, specProblems.at('timeWindow'));
  const budgetingMethod = convertBudgetingMethod(spec.budgetingMethod, specProblems.at('budgetingMethod'));
  if (Array.isArray(spec.alertPolicies) ? spec.alertPolicies.length > 0 : spec.alertPolicies !== undefined) {
    specProblems
      .at('alertPolicies')
      .warning(`not imported: SLO Burn alerts with its own multiwindow multi-burn-rate pairs`);
  }
  const indicator = resolveIndicator(spec, specProblems, index);
  if (
    errorCount(problems) > errorsBefore ||
    metadata.name === undefined ||
    service === undefined ||
    period === undefined ||
    budgetingMethod === undefined
  ) {
    return undefined;
  }
  const id = sanitiseId(metadata.name);
  if (id !== metadata.name) {
    problems.at('metadata').at('name').warning(`imported as id "${id}": ids use only a-z, 0-9 and "-"`);
  }
  return {
    id,
    name: metadata.displayName ?? readableName(metadata.name),
    service,
    description,
    labels: metadata.labels,
    period,
    budgetingMethod,
    indicator,
  };
}

function convertMetadata(value: unknown, problems: ProblemList): Metadata {
  if (!isObject(value)) {
    problems.error(`is required: { name }${got(value)}`);
    return {};
  }
  warnUnknownFields(value, ['name', 'displayName', 'labels', 'annotations'], problems);
  if (isObject(value.annotations) && Object.keys(value.annotations).length > 0) {
    problems.at('annotations').warning('not imported: SLO Burn specs have no annotations');
  }
  const labels = importLabels(value.labels, problems.at('labels'));
  return {
    name: requiredString(value, 'name', problems),
    displayName: optionalString(value, 'displayName', problems),
    labels: labels && Object.keys(labels).length > 0 ? labels : undefined,
  };
}

interface Suffix {
  id: string;
  name: string;
}

/**
 * With several objectives each becomes its own SLO, told apart by the objective's displayName
 * when every objective has a distinct one, else by its position counted from 1.
 */
function objectiveSuffixes(objectives: unknown[]): Array<Suffix | undefined> {
  if (objectives.length === 1) {
    return [undefined];
  }
  const displayNames = objectives.map((objective) =>
    isObject(objective) && typeof objective.displayName === 'string' ? objective.displayName.trim() : ''
  );
  const slugs = displayNames.map(slug);
  const distinct = slugs.every((text) => text !== '') && new Set(slugs).size === slugs.length;
  return objectives.map((_, position) =>
    distinct
      ? { id: slugs[position], name: displayNames[position] }
      : { id: String(position + 1), name: `objective ${position + 1}` }
  );
}

function convertObjective(
  objective: unknown,
  suffix: Suffix | undefined,
  base: SloBase | undefined,
  problems: ProblemList,
  index: OpenSloIndex
): ImportedSpec | undefined {
  if (!isObject(objective)) {
    problems.error(`must be an object such as { target: 0.995 }${got(objective)}`);
    return undefined;
  }
  const errorsBefore = errorCount(problems);
  warnUnknownFields(objective, OBJECTIVE_FIELDS, problems);
  if (objective.compositeWeight !== undefined) {
    problems
      .at('compositeWeight')
      .warning('composite SLOs are not supported: each objective is imported as its own SLO, without weight');
  }
  const percent = objectivePercent(objective, problems);
  const timeslices = base ? timesliceFields(objective, base.budgetingMethod, problems) : {};
  const own = resolveIndicator(objective, problems, index);
  const indicator = own.status === 'absent' ? base?.indicator : own;
  if (base && indicator?.status === 'absent') {
    problems.error('has no indicator: set indicator or indicatorRef on the SLO or on this objective');
  }
  if (errorCount(problems) > errorsBefore || base === undefined || indicator?.status !== 'converted') {
    return undefined;
  }
  // Only worth saying once the SLI is known to be a ratio: with a thresholdMetric they matter.
  for (const key of ['op', 'value']) {
    if (objective[key] !== undefined) {
      problems.at(key).warning('only used with thresholdMetric; ignored');
    }
  }
  return compact({
    id: suffix ? `${base.id}-${suffix.id}` : base.id,
    name: suffix ? `${base.name} (${suffix.name})` : base.name,
    service: base.service,
    description: base.description ?? indicator.description,
    labels: base.labels,
    objective: percent,
    period: base.period,
    budgetingMethod: base.budgetingMethod,
    ...timeslices,
    sli: indicator.sli,
  });
}

/** `target` is a ratio, `targetPercent` and SLO Burn's objective are percentages. */
function objectivePercent(objective: JsonObject, problems: ProblemList): number | undefined {
  const { target, targetPercent } = objective;
  if (target !== undefined && targetPercent !== undefined) {
    problems.error('has both target and targetPercent: keep one');
    return undefined;
  }
  if (target !== undefined) {
    if (typeof target !== 'number' || !(target > 0 && target < 1)) {
      const percentHint =
        typeof target === 'number' && target > 1 && target < 100
          ? ` (for percentages use targetPercent: ${target})`
          : '';
      problems.at('target').error(`must be a ratio between 0 and 1 such as 0.995, got ${shown(target)}${percentHint}`);
      return undefined;
    }
    // 0.9995 × 100 is 99.94999999999999 in floating point.
    return roundSignificant(target * 100);
  }
  if (targetPercent !== undefined) {
    if (typeof targetPercent !== 'number') {
      problems.at('targetPercent').error(`must be a number such as 99.5, got ${shown(targetPercent)}`);
      return undefined;
    }
    return targetPercent;
  }
  problems.error('needs target (a ratio such as 0.995) or targetPercent (such as 99.5)');
  return undefined;
}

function timesliceFields(
  objective: JsonObject,
  method: BudgetingMethod,
  problems: ProblemList
): { timesliceTarget?: number; timesliceWindow?: string } {
  const { timeSliceTarget, timeSliceWindow } = objective;
  if (method !== 'timeslices') {
    for (const key of ['timeSliceTarget', 'timeSliceWindow']) {
      if (objective[key] !== undefined) {
        problems.at(key).warning('only used with Timeslices budgeting; ignored');
      }
    }
    return {};
  }
  let timesliceTarget: number | undefined;
  if (typeof timeSliceTarget === 'number' && timeSliceTarget > 0 && timeSliceTarget <= 1) {
    timesliceTarget = roundSignificant(timeSliceTarget * 100);
  } else {
    problems
      .at('timeSliceTarget')
      .error(
        timeSliceTarget === undefined
          ? 'is required with Timeslices: the share of good events that makes a slice good, such as 0.95'
          : `must be a ratio in (0, 1] such as 0.95, got ${shown(timeSliceTarget)}`
      );
  }
  // OpenSLO reads a bare number as minutes.
  const window = typeof timeSliceWindow === 'number' ? `${timeSliceWindow}m` : timeSliceWindow;
  let timesliceWindow: string | undefined;
  if (typeof window === 'string' && tryParseDuration(window) !== null) {
    timesliceWindow = window.trim();
  } else {
    problems
      .at('timeSliceWindow')
      .error(
        window === undefined
          ? 'is required with Timeslices: the slice length, such as 1m or 5m'
          : `must be a duration such as 1m or 5m, got ${shown(window)}`
      );
  }
  return { timesliceTarget, timesliceWindow };
}
