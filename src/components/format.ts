import { formatDuration } from '../domain';

const DASH = '—';

/** 0.99734 → "99.734%"; enough digits to tell 99.9 from 99.95. */
export function formatPercent(fraction: number | null | undefined, digits = 2): string {
  return fraction === null || fraction === undefined || !Number.isFinite(fraction)
    ? DASH
    : `${(fraction * 100).toFixed(digits)}%`;
}

export function formatObjective(objective: number): string {
  return `${objective}%`;
}

/** Burn rates read as multiples: "0.42×", "14.4×", "230×". */
export function formatBurnRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) {
    return DASH;
  }
  if (rate >= 100) {
    return `${Math.round(rate)}×`;
  }
  if (rate >= 10) {
    return `${rate.toFixed(1)}×`;
  }
  return `${rate.toFixed(2)}×`;
}

/** A duration an on-call engineer reads at a glance: the two largest units, rounded to the minute. */
export function formatSpan(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) {
    return DASH;
  }
  if (seconds < 60) {
    return seconds <= 0 ? 'now' : '< 1m';
  }
  const compact = formatDuration(Math.round(seconds / 60) * 60);
  const parts = compact.match(/\d+[a-z]+/g) ?? [compact];
  return parts.slice(0, 2).join(' ');
}

export function formatTimeToExhaustion(
  seconds: number | null | undefined,
  budgetRemaining: number | null | undefined
): string {
  if (budgetRemaining !== null && budgetRemaining !== undefined && budgetRemaining <= 0) {
    return 'exhausted';
  }
  if (seconds === null || seconds === undefined) {
    return 'not burning';
  }
  return formatSpan(seconds);
}

export function formatWindowPair(longSeconds: number, shortSeconds: number): string {
  return `${formatDuration(longSeconds)}/${formatDuration(shortSeconds)}`;
}

/** "since 10:25 (1h 5m)" relative to the evaluation time. */
export function formatSince(since: number | null, now: number | null): string {
  if (since === null) {
    return '';
  }
  const clock = new Date(since * 1000).toISOString().slice(11, 16);
  const day = new Date(since * 1000).toISOString().slice(0, 10);
  const sameDay = now !== null && new Date(now * 1000).toISOString().slice(0, 10) === day;
  const ago = now === null ? '' : ` (${formatSpan(now - since)})`;
  return `since ${sameDay ? '' : `${day} `}${clock} UTC${ago}`;
}

export function formatLabels(labels: Record<string, string>): string[] {
  return Object.entries(labels).map(([name, value]) => `${name}=${value}`);
}

export function formatCount(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) {
    return DASH;
  }
  const rounded = Math.round(value);
  if (Math.abs(rounded) >= 1e6) {
    return `${(value / 1e6).toFixed(2)}M`;
  }
  if (Math.abs(rounded) >= 1e4) {
    return `${(value / 1e3).toFixed(1)}k`;
  }
  return rounded.toLocaleString('en-US');
}
