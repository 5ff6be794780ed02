import { LABEL_NAME_PATTERN, isObject } from '../validation/fields';
import type { ProblemList } from '../validation/problems';
import { got } from './source';

/**
 * Labels as SLO Burn stores them: text values under Prometheus label names. Lists (OpenSLO allows
 * several values per key) are joined with ","; invalid names are repaired rather than rejected,
 * because one label should not cost the user the whole SLO.
 */
export function importLabels(value: unknown, problems: ProblemList): Record<string, string> | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (!isObject(value)) {
    problems.warning(`must be a map of label names to values${got(value)}; labels not imported`);
    return undefined;
  }
  const labels: Record<string, string> = {};
  for (const [key, labelValue] of Object.entries(value)) {
    const text = labelText(labelValue);
    if (text === undefined) {
      problems.at(key).warning(`must be text or a list of text${got(labelValue)}; label not imported`);
      continue;
    }
    const name = labelName(key);
    if (name !== key) {
      problems.at(key).warning(`is not a Prometheus label name; imported as "${name}"`);
    }
    labels[name] = text;
  }
  return labels;
}

function labelText(value: unknown): string | undefined {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  if (Array.isArray(value) && value.every((item) => typeof item === 'string' || typeof item === 'number')) {
    return value.map(String).join(',');
  }
  return undefined;
}

function labelName(key: string): string {
  if (LABEL_NAME_PATTERN.test(key)) {
    return key;
  }
  const repaired = key.replace(/[^a-zA-Z0-9_]/g, '_');
  return /^[0-9]/.test(repaired) ? `_${repaired}` : repaired;
}

/** Later maps win; undefined when nothing is left, so specs do not carry `labels: {}`. */
export function mergeLabels(...maps: Array<Record<string, string> | undefined>): Record<string, string> | undefined {
  const merged: Record<string, string> = Object.assign({}, ...maps.filter((map) => map !== undefined));
  return Object.keys(merged).length > 0 ? merged : undefined;
}
