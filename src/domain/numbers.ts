/**
 * Float hygiene for SLO arithmetic: `1 - 0.999` is 0.0010000000000000009 and `0.0144 / 0.001` is
 * 14.399999999999999, so derived constants are rounded to 12 significant digits and threshold
 * comparisons treat values within a relative 1e-9 as equal.
 */

const SIGNIFICANT_DIGITS = 12;
const RELATIVE_TOLERANCE = 1e-9;

export function roundSignificant(value: number): number {
  if (!Number.isFinite(value) || value === 0) {
    return value;
  }
  return Number(value.toPrecision(SIGNIFICANT_DIGITS));
}

export function nearlyEqual(a: number, b: number): boolean {
  if (a === b) {
    return true;
  }
  const scale = Math.max(Math.abs(a), Math.abs(b));
  return Math.abs(a - b) <= scale * RELATIVE_TOLERANCE;
}

/** Strictly greater, where float noise around the threshold counts as equal (and so does not exceed). */
export function isStrictlyAbove(value: number, threshold: number): boolean {
  return value > threshold && !nearlyEqual(value, threshold);
}

export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
