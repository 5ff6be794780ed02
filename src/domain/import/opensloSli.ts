import { type JsonObject, isObject, optionalString, warnUnknownFields } from '../validation/fields';
import type { ProblemList } from '../validation/problems';
import type { OpenSloIndex } from './opensloIndex';
import { type ImportedSpec, errorCount, got, shown } from './source';
import { type QueryKind, windowedQuery } from './windowedQuery';

/**
 * Metric source types whose queries are PromQL that Grafana's Prometheus data source (the one
 * SLO Burn queries) answers as they are. Anything else would need its query rewritten by hand.
 */
const PROMQL_SOURCE_TYPES = ['prometheus', 'mimir', 'cortex', 'thanos', 'victoriametrics'];
const SUPPORTED_SOURCES = 'PromQL sources: Prometheus, Mimir, Cortex, Thanos or VictoriaMetrics';

export type IndicatorResult =
  { status: 'absent' } | { status: 'failed' } | { status: 'converted'; sli: ImportedSpec; description?: string };

/**
 * The SLI of an SLO or of one of its objectives: inline under `indicator`, or a `kind: SLI` document
 * of the same input named by `indicatorRef`.
 */
export function resolveIndicator(holder: JsonObject, problems: ProblemList, index: OpenSloIndex): IndicatorResult {
  const hasInline = holder.indicator !== undefined && holder.indicator !== null;
  const hasRef = holder.indicatorRef !== undefined && holder.indicatorRef !== null;
  if (hasInline && hasRef) {
    problems.error('has both indicator and indicatorRef: keep one');
    return { status: 'failed' };
  }
  if (hasInline) {
    return convertInlineIndicator(holder.indicator, problems.at('indicator'), index);
  }
  if (!hasRef) {
    return { status: 'absent' };
  }
  const name = holder.indicatorRef;
  const document = typeof name === 'string' ? index.slis.get(name) : undefined;
  if (typeof name !== 'string' || document === undefined) {
    problems
      .at('indicatorRef')
      .error(`no SLI named ${shown(name)} in this input: paste its kind: SLI document together with the SLO`);
    return { status: 'failed' };
  }
  if (!index.convertedSlis.has(name)) {
    const value = document.value as JsonObject;
    index.convertedSlis.set(name, convertSliSpec(value.spec, document.problems.at('spec'), index));
  }
  const sli = index.convertedSlis.get(name);
  if (sli === undefined) {
    problems.at('indicatorRef').error(`SLI "${name}" cannot be converted (see its document), so this is skipped`);
    return { status: 'failed' };
  }
  return { status: 'converted', sli, description: sliDescription((document.value as JsonObject).spec) };
}

function convertInlineIndicator(value: unknown, problems: ProblemList, index: OpenSloIndex): IndicatorResult {
  if (!isObject(value)) {
    problems.error(`must be an SLI: { metadata, spec }${got(value)}`);
    return { status: 'failed' };
  }
  // The inline SLI's metadata only names it; SLO Burn has no separate SLI objects to name.
  warnUnknownFields(value, ['metadata', 'spec'], problems);
  const sli = convertSliSpec(value.spec, problems.at('spec'), index);
  return sli ? { status: 'converted', sli, description: sliDescription(value.spec) } : { status: 'failed' };
}

function sliDescription(spec: unknown): string | undefined {
  return isObject(spec) && typeof spec.description === 'string' && spec.description.trim() !== ''
    ? spec.description.trim()
    : undefined;
}

function convertSliSpec(spec: unknown, problems: ProblemList, index: OpenSloIndex): ImportedSpec | undefined {
  if (!isObject(spec)) {
    problems.error(`is required: an object with ratioMetric${got(spec)}`);
    return undefined;
  }
  warnUnknownFields(spec, ['description', 'thresholdMetric', 'ratioMetric'], problems);
  optionalString(spec, 'description', problems);
  if (spec.thresholdMetric !== undefined && spec.ratioMetric !== undefined) {
    problems.error('must have ratioMetric or thresholdMetric, not both');
    return undefined;
  }
  if (spec.thresholdMetric !== undefined) {
    problems
      .at('thresholdMetric')
      .error(
        'thresholdMetric SLIs are not supported yet, so SLOs using this SLI are skipped: use a ratioMetric (good or bad over total, or raw)'
      );
    return undefined;
  }
  if (spec.ratioMetric === undefined) {
    problems.error('needs ratioMetric: good or bad over total, or raw');
    return undefined;
  }
  return convertRatioMetric(spec.ratioMetric, problems.at('ratioMetric'), index);
}

function convertRatioMetric(ratio: unknown, problems: ProblemList, index: OpenSloIndex): ImportedSpec | undefined {
  if (!isObject(ratio)) {
    problems.error(`must be an object with good or bad and total, or raw${got(ratio)}`);
    return undefined;
  }
  warnUnknownFields(ratio, ['counter', 'good', 'bad', 'total', 'rawType', 'raw'], problems);
  if (ratio.raw !== undefined) {
    return convertRawRatio(ratio, problems, index);
  }
  if (ratio.rawType !== undefined) {
    problems.at('rawType').warning('only used with raw; ignored');
  }
  const numerators = (['good', 'bad'] as const).filter((key) => ratio[key] !== undefined);
  if (numerators.length !== 1) {
    problems.error(
      numerators.length === 0
        ? 'needs good or bad, with total (or raw with rawType)'
        : 'must have good or bad, not both'
    );
    return undefined;
  }
  if (ratio.counter !== undefined && typeof ratio.counter !== 'boolean') {
    problems.at('counter').error(`must be true or false${got(ratio.counter)}`);
    return undefined;
  }
  const kind: QueryKind = ratio.counter === true ? 'counter' : 'gauge';
  const numerator = numerators[0];
  const errorsBefore = errorCount(problems);
  const numeratorQuery = metricQuery(ratio[numerator], problems.at(numerator), kind, index);
  if (ratio.total === undefined) {
    problems.at('total').error(`is required with ${numerator}`);
  }
  const totalQuery =
    ratio.total === undefined ? undefined : metricQuery(ratio.total, problems.at('total'), kind, index);
  if (errorCount(problems) > errorsBefore || numeratorQuery === undefined || totalQuery === undefined) {
    return undefined;
  }
  return numerator === 'good'
    ? { ratio: { goodQuery: numeratorQuery, totalQuery } }
    : { events: { errorQuery: numeratorQuery, totalQuery } };
}

function convertRawRatio(ratio: JsonObject, problems: ProblemList, index: OpenSloIndex): ImportedSpec | undefined {
  const others = ['good', 'bad', 'total'].filter((key) => ratio[key] !== undefined);
  if (others.length > 0) {
    problems.error(`raw cannot be combined with ${others.join(', ')}`);
    return undefined;
  }
  if (ratio.rawType !== 'success' && ratio.rawType !== 'failure') {
    problems.at('rawType').error(`must be success or failure with raw, got ${shown(ratio.rawType)}`);
    return undefined;
  }
  const query = metricQuery(ratio.raw, problems.at('raw'), 'ratio', index);
  if (query === undefined) {
    return undefined;
  }
  // SLO Burn's raw SLI is an error ratio; a success ratio is its complement.
  return { raw: { errorRatioQuery: ratio.rawType === 'failure' ? query : `1 - (${query})` } };
}

/** The PromQL of `{ metricSource: { type, spec: { query } } }`, made to run over `{{.window}}`. */
function metricQuery(holder: unknown, problems: ProblemList, kind: QueryKind, index: OpenSloIndex): string | undefined {
  if (!isObject(holder)) {
    problems.error(`must be an object with metricSource${got(holder)}`);
    return undefined;
  }
  warnUnknownFields(holder, ['metricSource'], problems);
  const source = holder.metricSource;
  const sourceProblems = problems.at('metricSource');
  if (!isObject(source)) {
    sourceProblems.error(`is required: { type: Prometheus, spec: { query } }${got(source)}`);
    return undefined;
  }
  warnUnknownFields(source, ['metricSourceRef', 'type', 'spec'], sourceProblems);
  if (!isPromQlSource(source, sourceProblems, index)) {
    return undefined;
  }
  const located = queryText(source.spec, sourceProblems.at('spec'));
  if (located === undefined) {
    return undefined;
  }
  const result = windowedQuery(located.query, kind);
  if ('error' in result) {
    located.problems.error(result.error);
    return undefined;
  }
  return result.query;
}

function isPromQlSource(source: JsonObject, problems: ProblemList, index: OpenSloIndex): boolean {
  if (source.type !== undefined && source.type !== null) {
    if (typeof source.type === 'string' && PROMQL_SOURCE_TYPES.includes(source.type.toLowerCase())) {
      return true;
    }
    problems.at('type').error(`${shown(source.type)} is not supported: SLO Burn reads ${SUPPORTED_SOURCES}`);
    return false;
  }
  // Without a type, the OpenSLO spec takes it from the DataSource that metricSourceRef names.
  const ref = source.metricSourceRef;
  const referencedType = typeof ref === 'string' ? index.dataSourceTypes.get(ref) : undefined;
  if (referencedType === undefined) {
    problems.warning('has no type and names no DataSource of this input: assumed to be Prometheus');
    return true;
  }
  if (typeof referencedType === 'string' && PROMQL_SOURCE_TYPES.includes(referencedType.toLowerCase())) {
    return true;
  }
  problems
    .at('metricSourceRef')
    .error(
      `names DataSource ${shown(ref)} of type ${shown(referencedType)}, which is not supported: SLO Burn reads ${SUPPORTED_SOURCES}`
    );
  return false;
}

/** Prometheus metric sources put the query under `query` or `promql`, or make the whole spec the query. */
function queryText(spec: unknown, problems: ProblemList): { query: string; problems: ProblemList } | undefined {
  if (typeof spec === 'string' && spec.trim() !== '') {
    return { query: spec, problems };
  }
  if (!isObject(spec)) {
    problems.error(`is required: { query: <PromQL> }${got(spec)}`);
    return undefined;
  }
  warnUnknownFields(spec, ['query', 'promql'], problems);
  const key = spec.query !== undefined ? 'query' : spec.promql !== undefined ? 'promql' : undefined;
  if (key === undefined) {
    problems.error('needs query: the PromQL query');
    return undefined;
  }
  const query = spec[key];
  if (typeof query !== 'string' || query.trim() === '') {
    problems.at(key).error(`must be a PromQL query${got(query)}`);
    return undefined;
  }
  return { query, problems: problems.at(key) };
}
