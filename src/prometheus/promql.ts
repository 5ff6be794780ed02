import { WINDOW_PLACEHOLDER, formatDuration } from '../domain';

/** Puts a window into a Sloth-style query: `rate(x[{{.window}}])` → `rate(x[5m])`. */
export function withWindow(query: string, window: string): string {
  return query.split(WINDOW_PLACEHOLDER).join(window);
}

/** A duration PromQL reads: whole seconds as `5m`, `1h30m`; fractions in milliseconds. */
export function promDuration(seconds: number): string {
  return Number.isInteger(seconds) ? formatDuration(seconds) : `${Math.round(seconds * 1000)}ms`;
}

/** Escapes a label value for a double-quoted PromQL string (label values come from users and data). */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
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
