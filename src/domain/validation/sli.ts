import { SLI_KINDS, type SliKind, type SliSpec } from '../spec';
import {
  type JsonObject,
  METRIC_NAME_PATTERN,
  describeType,
  isObject,
  requiredString,
  warnUnknownFields,
} from './fields';
import type { ProblemList } from './problems';
import { checkBalanced, checkSeriesSelector, checkWindowedQuery } from './promql';

/** Sloth's `prometheus/v1` files spell SLI fields in snake_case; its CRD and we use camelCase. */
const FIELD_ALIASES: Record<string, string> = {
  error_query: 'errorQuery',
  total_query: 'totalQuery',
  good_query: 'goodQuery',
  error_ratio_query: 'errorRatioQuery',
  bucket_metric: 'bucketMetric',
};
const KIND_ALIASES: Record<string, SliKind> = { bool_gauge: 'boolGauge' };

export function validateSli(value: unknown, problems: ProblemList): SliSpec | undefined {
  if (value === undefined || value === null) {
    problems.error(`is required: one of ${SLI_KINDS.join(', ')}`);
    return undefined;
  }
  if (!isObject(value)) {
    problems.error(`must be an object with one of ${SLI_KINDS.join(', ')}, got ${describeType(value)}`);
    return undefined;
  }
  const kinds = Object.keys(value).filter((key) => SLI_KINDS.includes(canonicalKind(key)));
  if (kinds.length !== 1) {
    problems.error(
      kinds.length === 0
        ? `must have exactly one of ${SLI_KINDS.join(', ')}${Object.keys(value).length ? `, found ${Object.keys(value).join(', ')}` : ''}`
        : `must have exactly one SLI kind, found ${kinds.join(' and ')}`
    );
    return undefined;
  }
  const key = kinds[0];
  const kind = canonicalKind(key);
  warnUnknownFields(value, [key], problems);
  const body = value[key];
  const bodyProblems = problems.at(key);
  if (!isObject(body)) {
    bodyProblems.error(`must be an object, got ${describeType(body)}`);
    return undefined;
  }
  const fields = withCanonicalNames(body);
  return KIND_VALIDATORS[kind](fields, bodyProblems);
}

function canonicalKind(key: string): SliKind {
  return KIND_ALIASES[key] ?? (key as SliKind);
}

function withCanonicalNames(body: JsonObject): JsonObject {
  const result: JsonObject = {};
  for (const [key, value] of Object.entries(body)) {
    result[FIELD_ALIASES[key] ?? key] = value;
  }
  return result;
}

type KindValidator = (fields: JsonObject, problems: ProblemList) => SliSpec | undefined;

function windowedQueries(fields: JsonObject, names: string[], problems: ProblemList): string[] | undefined {
  warnUnknownFields(fields, names, problems);
  const queries = names.map((name) => {
    const query = requiredString(fields, name, problems);
    if (query !== undefined) {
      checkWindowedQuery(query, problems.at(name));
    }
    return query;
  });
  return problems.errorCountUnder() === 0 ? (queries as string[]) : undefined;
}

const KIND_VALIDATORS: Record<SliKind, KindValidator> = {
  events: (fields, problems) => {
    const queries = windowedQueries(fields, ['errorQuery', 'totalQuery'], problems);
    return queries && { events: { errorQuery: queries[0], totalQuery: queries[1] } };
  },
  ratio: (fields, problems) => {
    const queries = windowedQueries(fields, ['goodQuery', 'totalQuery'], problems);
    return queries && { ratio: { goodQuery: queries[0], totalQuery: queries[1] } };
  },
  raw: (fields, problems) => {
    const queries = windowedQueries(fields, ['errorRatioQuery'], problems);
    return queries && { raw: { errorRatioQuery: queries[0] } };
  },
  latency: (fields, problems) => {
    warnUnknownFields(fields, ['bucketMetric', 'threshold', 'selector'], problems);
    const bucketMetric = requiredString(fields, 'bucketMetric', problems);
    if (bucketMetric !== undefined && !(METRIC_NAME_PATTERN.test(bucketMetric) && bucketMetric.endsWith('_bucket'))) {
      problems
        .at('bucketMetric')
        .error('must be the name of a histogram bucket metric ending in _bucket, without labels');
    }
    const threshold = latencyThreshold(fields.threshold, problems.at('threshold'));
    const selector = latencySelector(fields.selector, problems.at('selector'));
    if (
      problems.errorCountUnder() > 0 ||
      bucketMetric === undefined ||
      threshold === undefined ||
      selector === undefined
    ) {
      return undefined;
    }
    return { latency: { bucketMetric, threshold, selector } };
  },
  boolGauge: (fields, problems) => {
    warnUnknownFields(fields, ['query'], problems);
    const query = requiredString(fields, 'query', problems);
    if (query !== undefined) {
      checkSeriesSelector(query, problems.at('query'));
    }
    return problems.errorCountUnder() === 0 && query !== undefined ? { boolGauge: { query } } : undefined;
  },
};

function latencyThreshold(value: unknown, problems: ProblemList): string | undefined {
  if (value === undefined || value === null || value === '') {
    problems.error('is required: the le bound in seconds, e.g. "0.3"');
    return undefined;
  }
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !/^\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text.trim()) || Number(text) <= 0) {
    problems.error(`must be a positive number of seconds matching an existing le bound, got ${describeType(value)}`);
    return undefined;
  }
  return text.trim();
}

function latencySelector(value: unknown, problems: ProblemList): string | undefined {
  if (value === undefined || value === null || value === '') {
    return '{}';
  }
  if (typeof value !== 'string') {
    problems.error(`must be label matchers in braces such as {job="api"}, got ${describeType(value)}`);
    return undefined;
  }
  const selector = value.trim();
  if (!selector.startsWith('{') || !selector.endsWith('}')) {
    problems.error('must be label matchers in braces such as {job="api"} or {}');
    return undefined;
  }
  if (/(^|[{,\s])le\s*(=|!=|=~|!~)/.test(selector)) {
    problems.error('must not match on le: the threshold sets it');
    return undefined;
  }
  checkBalanced(selector, problems);
  return problems.errorCountUnder() === 0 ? selector : undefined;
}
