import { WINDOW_PLACEHOLDER, formatDuration } from '../domain';

/** Puts a window into a Sloth-style query: `rate(x[{{.window}}])` → `rate(x[5m])`. */
export function withWindow(query: string, window: string): string {
  return query.split(WINDOW_PLACEHOLDER).join(window);
}

/** A duration PromQL reads: whole seconds as `5m`, `1h30m`; fractions in milliseconds. */
export function promDuration(seconds: number): string {
  return Number.isInteger(seconds) ? formatDuration(seconds) : `${Math.round(seconds * 1000)}ms`;
}

const PROMQL_STRING_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/**
 * Escapes a label value for a double-quoted PromQL string (label values come from users and data):
 * a raw newline ends the string for PromQL's lexer; carriage returns and tabs are written as escapes too,
 * so that a rule file shows them.
 */
export function escapeLabelValue(value: string): string {
  return value.replace(/[\\"\n\r\t]/g, (char) => PROMQL_STRING_ESCAPES[char]);
}

/** Escapes regex metacharacters so a value matches itself inside `=~"..."` (RE2 syntax). */
export function escapeRegexValue(value: string): string {
  return escapeLabelValue(value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
}

export function labelMatcher(name: string, value: string): string {
  return `${name}="${escapeLabelValue(value)}"`;
}

/**
 * True when the query yields per-second rates (Sloth's convention), so that a value times the step
 * is an event count; `increase` already yields counts.
 */
export function yieldsPerSecondRate(query: string): boolean {
  return /\b(i?rate)\s*\(/.test(query) && !/\bincrease\s*\(/.test(query);
}

/** Adds matchers to a `{...}` selector: `{job="api"}` + `le="1"` → `{job="api",le="1"}`. */
export function extendSelector(selector: string, ...matchers: string[]): string {
  const inner = selector.trim().replace(/^\{/, '').replace(/\}$/, '').trim();
  return `{${[inner, ...matchers].filter((part) => part !== '').join(',')}}`;
}
