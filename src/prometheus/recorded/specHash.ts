import {
  type SloSpec,
  alertingPeriodSeconds,
  isCalendarPeriod,
  parseDuration,
  resolveAlertWindows,
} from '../../domain';

/**
 * The label SLO Burn's exported `sloth_slo_info` carries: a hash of exactly what its recordings depend
 * on. Rules match a configured SLO only when this label equals the SLO's own hash, so rules written for
 * another query, objective, alert windows or period are never read as the SLO's.
 */
export const SPEC_HASH_LABEL = 'sloburn_spec';

/**
 * Bump when the recordings change meaning for the same spec (a different expression for the same SLI),
 * so that rules written by an older SLO Burn stop matching instead of being read as the new ones.
 */
const SPEC_HASH_VERSION = 1;

/**
 * A short stable hash (12 hex digits) of what an SLO's recordings and the state read from them depend
 * on: the SLI's queries, the objective, the period and the resolved alert windows (severity, long and
 * short window, factor). Name, description, labels, runbook and breakdown labels do not count. The same
 * in the browser and in Node (no crypto API): it tells a spec's own rules from stale ones, it is no
 * protection against anyone forging a label.
 */
export function recordedSpecHash(spec: SloSpec): string {
  const windows = resolveAlertWindows(spec, alertingPeriodSeconds(spec.period))
    .map((window) => [window.severity, window.longSeconds, window.shortSeconds, window.factor] as const)
    .sort((a, b) => a[0].localeCompare(b[0]) || a[1] - b[1] || a[2] - b[2] || a[3] - b[3]);
  const period = isCalendarPeriod(spec.period)
    ? { calendar: spec.period.calendar, timezone: spec.period.timezone ?? 'UTC' }
    : { rollingSeconds: parseDuration(spec.period.rolling) };
  return hash48(
    canonicalJson({ version: SPEC_HASH_VERSION, sli: spec.sli, objective: spec.objective, period, windows })
  );
}

/** JSON with every object's keys sorted, so that the same content always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, entry]) => entry !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const { imul } = Math;

/** 48 bits from two 32-bit multiplicative lanes over the UTF-16 code units, each finalised (murmur3's mix). */
function hash48(text: string): string {
  let first = 0x811c9dc5;
  let second = 0x9e3779b9 ^ text.length;
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    first = imul(first ^ unit, 0x01000193);
    second = imul(second ^ unit, 0x5bd1e995);
    second ^= second >>> 15;
  }
  const high = finalise(first);
  const low = finalise(second ^ high);
  return hex(high, 8) + hex(low >>> 16, 4);
}

function finalise(value: number): number {
  let mixed = imul(value ^ (value >>> 16), 0x85ebca6b);
  mixed = imul(mixed ^ (mixed >>> 13), 0xc2b2ae35);
  return (mixed ^ (mixed >>> 16)) >>> 0;
}

function hex(value: number, digits: number): string {
  return (value >>> 0).toString(16).padStart(digits, '0');
}
