/** Prometheus-style durations (`5m`, `1h30m`, `30d`, `1w`), always in seconds. */

const UNIT_SECONDS: Record<string, number> = {
  ms: 0.001,
  s: 1,
  m: 60,
  h: 3600,
  d: 86400,
  w: 604800,
  y: 31536000,
};

const UNIT_ORDER = ['y', 'w', 'd', 'h', 'm', 's', 'ms'];
const DURATION_PATTERN = /^(?:\d+(?:ms|s|m|h|d|w|y))+$/;
const PART_PATTERN = /(\d+)(ms|s|m|h|d|w|y)/g;

export class DurationError extends Error {
  constructor(text: string) {
    super(`"${text}" is not a duration: use a number and a unit such as 5m, 1h30m, 30d or 1w`);
    this.name = 'DurationError';
  }
}

export function parseDuration(text: string): number {
  const trimmed = typeof text === 'string' ? text.trim() : '';
  if (!DURATION_PATTERN.test(trimmed)) {
    throw new DurationError(String(text));
  }
  let seconds = 0;
  let lastUnitRank = -1;
  for (const match of trimmed.matchAll(PART_PATTERN)) {
    const unit = match[2];
    const rank = UNIT_ORDER.indexOf(unit);
    // Prometheus rejects `30m1h`: units must go from largest to smallest, each once.
    if (rank <= lastUnitRank) {
      throw new DurationError(trimmed);
    }
    lastUnitRank = rank;
    seconds += Number(match[1]) * UNIT_SECONDS[unit];
  }
  if (seconds <= 0) {
    throw new DurationError(trimmed);
  }
  return seconds;
}

export function tryParseDuration(text: unknown): number | null {
  if (typeof text !== 'string') {
    return null;
  }
  try {
    return parseDuration(text);
  } catch {
    return null;
  }
}

/**
 * Compact form that `parseDuration` reads back. Days are the largest unit because SLO people say
 * "30d" and "28d", not "4w2d".
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) {
    return String(seconds);
  }
  if (seconds < 0) {
    return `-${formatDuration(-seconds)}`;
  }
  let remainingMs = Math.round(seconds * 1000);
  if (remainingMs === 0) {
    return '0s';
  }
  let text = '';
  for (const unit of ['d', 'h', 'm', 's', 'ms']) {
    const unitMs = Math.round(UNIT_SECONDS[unit] * 1000);
    const count = Math.floor(remainingMs / unitMs);
    if (count > 0) {
      text += `${count}${unit}`;
      remainingMs -= count * unitMs;
    }
  }
  return text;
}
