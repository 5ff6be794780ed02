import { formatDuration } from '../domain';

const DASH = '—';

/**
 * A fraction as a percentage: with `digits`, fixed (0.99734, 3 → "99.734%", enough to tell 99.9 from
 * 99.95); without, three significant digits (0.624 → "62.4%", 0.0144 → "1.44%", -0.5 → "-50%").
 */
export function formatPercent(fraction: number | null | undefined, digits?: number): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) {
    return DASH;
  }
  return digits === undefined ? `${trimNumber(fraction * 100)}%` : `${(fraction * 100).toFixed(digits)}%`;
}

export function formatObjective(objective: number): string {
  return `${objective}%`;
}

/** Burn rates read as multiples of the sustainable rate: "0.423×", "6×", "14.4×", "230×". */
export function formatBurnRate(rate: number | null | undefined): string {
  return rate === null || rate === undefined || !Number.isFinite(rate) ? DASH : `${trimNumber(rate)}×`;
}

function trimNumber(value: number): string {
  const magnitude = Math.abs(value);
  let text: string;
  if (magnitude >= 100) {
    text = value.toFixed(0);
  } else if (magnitude >= 10) {
    text = value.toFixed(1);
  } else if (magnitude === 0) {
    text = '0';
  } else {
    text = value.toPrecision(3);
  }
  if (text.includes('.') && !text.includes('e')) {
    text = text.replace(/0+$/, '').replace(/\.$/, '');
  }
  return text === '-0' ? '0' : text;
}

const UNITS: Array<[string, number]> = [
  ['d', 86400],
  ['h', 3600],
  ['m', 60],
  ['s', 1],
];

/**
 * A duration read at a glance: the two largest units, rounded to the smaller one
 * (295.68 s → "4m 56s", 50 h → "2d 2h", 51.84 s → "52s", 2.5 s → "2.5s").
 */
export function formatHumanDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) {
    return DASH;
  }
  if (seconds < 0) {
    return `-${formatHumanDuration(-seconds)}`;
  }
  if (seconds < 10) {
    return `${trimNumber(Math.round(seconds * 10) / 10)}s`;
  }
  const first = UNITS.findIndex(([, size]) => seconds >= size);
  const smallest = UNITS[Math.min(first + 1, UNITS.length - 1)][1];
  let rest = Math.round(seconds / smallest) * smallest;
  const parts: string[] = [];
  for (const [unit, size] of UNITS) {
    if (size < smallest) {
      break;
    }
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0) {
      parts.push(`${count}${unit}`);
    }
  }
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
  return formatHumanDuration(seconds);
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
  const ago = now === null ? '' : ` (${formatHumanDuration(now - since)})`;
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
