import { DEFAULT_PERIOD } from '../period';
import { type JsonObject, isObject, optionalString, requiredString, warnUnknownFields } from '../validation/fields';
import type { ProblemList } from '../validation/problems';
import { importLabels, mergeLabels } from './labels';
import { readableName, sanitiseId } from './naming';
import {
  type ImportedSpec,
  type SourceDocument,
  compact,
  errorCount,
  got,
  isHttpUrl,
  shown,
  trimmedText,
} from './source';

/** Sloth's `prometheus/v1` files spell fields in snake_case, its Kubernetes CRD in camelCase. */
interface Spelling {
  errorQuery: string;
  totalQuery: string;
  errorRatioQuery: string;
  pageAlert: string;
  ticketAlert: string;
  groupPlugins: string;
}

const V1_SPELLING: Spelling = {
  errorQuery: 'error_query',
  totalQuery: 'total_query',
  errorRatioQuery: 'error_ratio_query',
  pageAlert: 'page_alert',
  ticketAlert: 'ticket_alert',
  groupPlugins: 'slo_plugins',
};

const CRD_SPELLING: Spelling = {
  errorQuery: 'errorQuery',
  totalQuery: 'totalQuery',
  errorRatioQuery: 'errorRatioQuery',
  pageAlert: 'pageAlert',
  ticketAlert: 'ticketAlert',
  groupPlugins: 'sloPlugins',
};

const SLO_FIELDS = ['name', 'description', 'objective', 'plugins', 'labels', 'sli', 'alerting'];
const SLI_KINDS = ['events', 'raw', 'plugin'];
const PLUGINS_NOT_IMPORTED = 'Sloth SLO plugins are not imported: SLO Burn generates its own rules';
const PLUGIN_SLI_MESSAGE = 'Sloth SLI plugins are not supported: write the error and total queries';
const ALERTS_NOT_IMPORTED =
  'not imported: SLO Burn names its alerts after the SLO id and labels them with severity (page or ticket), long and short';

/**
 * Words in an SLO's name, description or labels that suggest its period is not Sloth's default 30
 * days (Sloth takes the period from a command-line flag, never from the file).
 */
const PERIOD_HINT = /\b(\d+)\s*(d|w|days?|weeks?)\b|\b(weekly|monthly|quarterly|calendar)\b/gi;

export function convertSlothV1({ value, problems }: SourceDocument): ImportedSpec[] {
  if (!isObject(value)) {
    return [];
  }
  warnUnknownFields(value, ['version', 'service', 'labels', V1_SPELLING.groupPlugins, 'slos'], problems);
  return convertServiceLevel(value, V1_SPELLING, problems);
}

export function convertSlothCrd({ value, problems }: SourceDocument): ImportedSpec[] {
  if (!isObject(value)) {
    return [];
  }
  // `status` is what the Sloth controller writes back; `kubectl get -o yaml` includes it.
  warnUnknownFields(value, ['apiVersion', 'kind', 'metadata', 'spec', 'status'], problems);
  if (value.kind === 'AlertWindows') {
    const sloPeriod = isObject(value.spec) && typeof value.spec.sloPeriod === 'string' ? value.spec.sloPeriod : '';
    const ignored = "are not imported: SLO Burn derives its alert windows from each SLO's period";
    problems.warning(
      sloPeriod
        ? `Sloth AlertWindows for ${sloPeriod} ${ignored}; if Sloth ran with --default-slo-period ${sloPeriod}, set that period on the imported SLOs`
        : `Sloth AlertWindows ${ignored}`
    );
    return [];
  }
  if (value.kind !== 'PrometheusServiceLevel') {
    problems.at('kind').error(`Sloth kind ${shown(value.kind)} is not supported: only PrometheusServiceLevel`);
    return [];
  }
  const spec = value.spec;
  if (!isObject(spec)) {
    problems.at('spec').error(`is required: an object with service and slos${got(spec)}`);
    return [];
  }
  warnUnknownFields(spec, ['service', 'labels', CRD_SPELLING.groupPlugins, 'slos'], problems.at('spec'));
  return convertServiceLevel(spec, CRD_SPELLING, problems.at('spec'));
}

function convertServiceLevel(group: JsonObject, spelling: Spelling, problems: ProblemList): ImportedSpec[] {
  const service = requiredString(group, 'service', problems);
  const groupLabels = importLabels(group.labels, problems.at('labels'));
  if (group[spelling.groupPlugins] !== undefined) {
    problems.at(spelling.groupPlugins).warning(PLUGINS_NOT_IMPORTED);
  }
  const slos = group.slos;
  if (!Array.isArray(slos)) {
    problems.at('slos').error(`is required: a list of SLOs${got(slos)}`);
    return [];
  }
  if (service === undefined) {
    return [];
  }
  return slos.flatMap((slo, index) => {
    const spec = convertSlo(slo, service, groupLabels, spelling, problems.at('slos').at(index));
    return spec ? [spec] : [];
  });
}

function convertSlo(
  value: unknown,
  service: string,
  groupLabels: Record<string, string> | undefined,
  spelling: Spelling,
  problems: ProblemList
): ImportedSpec | undefined {
  if (!isObject(value)) {
    problems.error(`must be an object${got(value)}`);
    return undefined;
  }
  const errorsBefore = errorCount(problems);
  warnUnknownFields(value, SLO_FIELDS, problems);
  const name = requiredString(value, 'name', problems);
  const description = optionalString(value, 'description', problems);
  // Sloth merges the service's labels with the SLO's, the SLO's winning; so do we.
  const labels = mergeLabels(groupLabels, importLabels(value.labels, problems.at('labels')));
  if (value.plugins !== undefined) {
    problems.at('plugins').warning(PLUGINS_NOT_IMPORTED);
  }
  const sli = convertSli(value.sli, spelling, problems.at('sli'));
  const runbookUrl = convertAlerting(value.alerting, spelling, problems.at('alerting'));
  if (errorCount(problems) > errorsBefore || name === undefined || sli === undefined) {
    return undefined;
  }
  warnOfPeriodHint([name, description ?? '', ...Object.entries(labels ?? {}).flat()], problems);
  const slothId = `${service}-${name}`;
  const id = sanitiseId(slothId);
  if (id !== slothId) {
    problems
      .at('name')
      .warning(
        `imported with id "${id}", not Sloth's sloth_id "${slothId}": recordings Sloth made for this SLO will not be found under the new id`
      );
  }
  return compact({
    id,
    name: readableName(name),
    service,
    description,
    labels,
    runbookUrl,
    objective: value.objective,
    // Sloth files never state their period; Sloth's own default is a rolling 30 days.
    period: { ...DEFAULT_PERIOD },
    sli,
  });
}

function convertSli(value: unknown, spelling: Spelling, problems: ProblemList): ImportedSpec | undefined {
  if (!isObject(value)) {
    problems.error(
      value === undefined || value === null
        ? 'is required: events or raw'
        : `must be an object with events or raw${got(value)}`
    );
    return undefined;
  }
  warnUnknownFields(value, SLI_KINDS, problems);
  const kinds = SLI_KINDS.filter((kind) => kind in value);
  if (kinds.length !== 1) {
    problems.error(
      kinds.length === 0
        ? `needs events (${spelling.errorQuery} and ${spelling.totalQuery}) or raw (${spelling.errorRatioQuery})`
        : `must have exactly one of events, raw or plugin, found ${kinds.join(' and ')}`
    );
    return undefined;
  }
  const kind = kinds[0];
  if (kind === 'plugin') {
    problems.at('plugin').error(PLUGIN_SLI_MESSAGE);
    return undefined;
  }
  const body = value[kind];
  if (!isObject(body)) {
    problems.at(kind).error(`must be an object${got(body)}`);
    return undefined;
  }
  const fields = kind === 'events' ? (['errorQuery', 'totalQuery'] as const) : (['errorRatioQuery'] as const);
  // Either spelling is accepted in either format: a file half-converted by hand still imports.
  warnUnknownFields(body, [...fields.map((field) => spelling[field]), ...fields], problems.at(kind));
  const queries: Record<string, unknown> = {};
  for (const field of fields) {
    const key = spelling[field] in body ? spelling[field] : field in body ? field : spelling[field];
    requiredString(body, key, problems.at(kind));
    queries[field] = trimmedText(body[key]);
  }
  return { [kind]: queries };
}

/** Reports what of Sloth's alerting block SLO Burn leaves out; returns the runbook URL it keeps. */
function convertAlerting(value: unknown, spelling: Spelling, problems: ProblemList): string | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (!isObject(value)) {
    problems.warning(`must be an object${got(value)}; not imported`);
    return undefined;
  }
  warnUnknownFields(value, ['name', 'labels', 'annotations', spelling.pageAlert, spelling.ticketAlert], problems);
  const page = isObject(value[spelling.pageAlert]) ? (value[spelling.pageAlert] as JsonObject) : {};
  const runbook = findRunbook([
    { annotations: value.annotations, path: 'annotations', problems: problems.at('annotations') },
    {
      annotations: page.annotations,
      path: `${spelling.pageAlert}.annotations`,
      problems: problems.at(spelling.pageAlert).at('annotations'),
    },
  ]);

  const notImported: string[] = [];
  if (value.name !== undefined) {
    notImported.push('name');
  }
  noteDropped(value.labels, 'labels', undefined, notImported);
  noteDropped(value.annotations, 'annotations', runbook.usedAt, notImported);
  for (const [severity, key] of [
    ['page', spelling.pageAlert],
    ['ticket', spelling.ticketAlert],
  ]) {
    const alert = value[key];
    if (alert === undefined || alert === null) {
      continue;
    }
    if (!isObject(alert)) {
      problems.at(key).warning(`must be an object${got(alert)}; not imported`);
      continue;
    }
    warnUnknownFields(alert, ['disable', 'labels', 'annotations'], problems.at(key));
    if (alert.disable === true) {
      problems
        .at(key)
        .at('disable')
        .warning(
          `SLO Burn always evaluates both severities (page and ticket): this disabled ${severity} alert will be evaluated too`
        );
    }
    noteDropped(alert.labels, `${key}.labels`, undefined, notImported);
    noteDropped(alert.annotations, `${key}.annotations`, runbook.usedAt, notImported);
  }
  if (notImported.length > 0) {
    problems.warning(`${notImported.join(', ')} ${ALERTS_NOT_IMPORTED}`);
  }
  return runbook.url;
}

interface RunbookSource {
  annotations: unknown;
  path: string;
  problems: ProblemList;
}

function findRunbook(sources: RunbookSource[]): { url?: string; usedAt?: string } {
  for (const source of sources) {
    if (!isObject(source.annotations)) {
      continue;
    }
    for (const key of ['runbook', 'runbook_url']) {
      const text = source.annotations[key];
      if (typeof text !== 'string') {
        continue;
      }
      const usedAt = `${source.path}.${key}`;
      if (isHttpUrl(text.trim())) {
        return { url: text.trim(), usedAt };
      }
      source.problems.at(key).warning(`"${text}" is not an http(s) URL, so it is not imported as the runbook URL`);
      return { usedAt };
    }
  }
  return {};
}

/** Adds `path` to `notImported` when the map has entries other than the runbook already used. */
function noteDropped(map: unknown, path: string, usedAt: string | undefined, notImported: string[]): void {
  if (map === undefined || map === null) {
    return;
  }
  const keys = isObject(map) ? Object.keys(map).filter((key) => `${path}.${key}` !== usedAt) : ['(not a map)'];
  if (keys.length > 0) {
    notImported.push(path);
  }
}

function warnOfPeriodHint(texts: string[], problems: ProblemList): void {
  for (const text of texts) {
    for (const match of text.matchAll(PERIOD_HINT)) {
      const isDefault = match[1] === '30' && /^d/i.test(match[2]);
      if (!isDefault) {
        problems.warning(
          `imported with a rolling 30d period (Sloth's default: Sloth files carry none), but "${match[0]}" suggests another; if Sloth ran with --default-slo-period, set the same period here`
        );
        return;
      }
    }
  }
}
