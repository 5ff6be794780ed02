import type { ProblemList } from './problems';

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function describeType(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'a list';
  }
  // YAML's .nan and .inf parse to numbers that JSON.stringify would print as null.
  if (typeof value === 'number' && Number.isNaN(value)) {
    return 'NaN (not a number)';
  }
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return `${value > 0 ? '' : '-'}infinity`;
  }
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

export function requiredString(object: JsonObject, key: string, problems: ProblemList): string | undefined {
  const value = object[key];
  if (value === undefined || value === null || value === '') {
    problems.at(key).error('is required');
    return undefined;
  }
  return stringValue(value, problems.at(key));
}

export function optionalString(object: JsonObject, key: string, problems: ProblemList): string | undefined {
  const value = object[key];
  if (value === undefined || value === null) {
    return undefined;
  }
  return stringValue(value, problems.at(key));
}

function stringValue(value: unknown, problems: ProblemList): string | undefined {
  if (typeof value !== 'string') {
    problems.error(`must be a string, got ${describeType(value)}`);
    return undefined;
  }
  if (value.trim() === '') {
    problems.error('must not be empty');
    return undefined;
  }
  return value.trim();
}

/** Fields outside `known` are reported as warnings, with the closest known name as a hint. */
export function warnUnknownFields(object: JsonObject, known: readonly string[], problems: ProblemList): void {
  for (const key of Object.keys(object)) {
    if (!known.includes(key)) {
      const hint = closestName(key, known);
      problems.at(key).warning(`unknown field, ignored${hint ? ` (did you mean "${hint}"?)` : ''}`);
    }
  }
}

function closestName(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of candidates) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length];
}

export const LABEL_NAME_PATTERN = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
export const METRIC_NAME_PATTERN = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
