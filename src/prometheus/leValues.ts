/**
 * How classic-histogram bucket bounds (`le`) are spelled in storage. Self-contained (no imports): the
 * demo data generator writes its bounds with it too.
 */

/**
 * The `le` values a classic-histogram bucket with this bound may be stored under: as the client exposed
 * it, which Prometheus 2 keeps (client libraries write Go's shortest float: `1`, `0.3`, `1e+06`), and as
 * Prometheus 3 normalises it on ingestion (model/labels `FormatOpenMetricsFloat`: the same, with `.0`
 * added when it has neither a point nor an exponent: `1.0`, `0.3`, `1e+06`). The threshold as written
 * comes first.
 */
export function leSpellings(threshold: string): string[] {
  const written = threshold.trim();
  const value = Number(written);
  if (written === '' || !Number.isFinite(value)) {
    return [written];
  }
  return [...new Set([written, goShortestFloat(value), prometheus3LeValue(value)])];
}

/** The `le` value Prometheus 3 stores for a bucket bound: `1.0`, `0.3`, `1e+06`, `+Inf`. */
export function prometheus3LeValue(bound: number): string {
  if (bound === Infinity) {
    return '+Inf';
  }
  const go = goShortestFloat(bound);
  return /[.e]/.test(go) ? go : `${go}.0`;
}

/** Go's `strconv.FormatFloat(value, 'g', -1, 64)`: shortest digits, an exponent below 1e-4 and from 1e6 up. */
function goShortestFloat(value: number): string {
  if (value === 0) {
    return '0';
  }
  const [mantissa, exponentText] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 6) {
    return `${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return String(value);
}
