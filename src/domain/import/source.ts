import { describeType } from '../validation/fields';
import type { ProblemList } from '../validation/problems';

/** One YAML document (or one item of a list inside it), with problems reported under its path. */
export interface SourceDocument {
  value: unknown;
  problems: ProblemList;
}

/** A converted spec, before validation. */
export type ImportedSpec = Record<string, unknown>;

/** Errors reported anywhere so far: conversions compare counts to learn whether a step failed. */
export function errorCount(problems: ProblemList): number {
  return problems.problems.filter((problem) => problem.severity === 'error').length;
}

/** Drops undefined fields so the preview shows exactly the spec that will be saved. */
export function compact(object: Record<string, unknown>): ImportedSpec {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}

/** Block scalars (`|`) end in a newline that is no part of the query. */
export function trimmedText(value: unknown): unknown {
  return typeof value === 'string' ? value.trim() : value;
}

export function isHttpUrl(text: string): boolean {
  try {
    const protocol = new URL(text).protocol;
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/** A value quoted for a message: `"prometheus/v2"`, or its type when it is not text. */
export function shown(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : describeType(value);
}

/** `, got number 42` for a message, or nothing when the value is simply missing. */
export function got(value: unknown): string {
  return value === undefined ? '' : `, got ${describeType(value)}`;
}
