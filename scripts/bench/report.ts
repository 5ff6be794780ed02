/** Plain-text tables and the targets block of `npm run bench`. */

export interface Column {
  header: string;
  /** Numbers and ratios read best right-aligned. */
  align?: 'left' | 'right';
}

export function formatTable(columns: readonly Column[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = columns.map((column, index) =>
    Math.max(column.header.length, ...rows.map((row) => (row[index] ?? '').length))
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, index) =>
        columns[index].align === 'right' ? cell.padStart(widths[index]) : cell.padEnd(widths[index])
      )
      .join('  ')
      .trimEnd();
  return [
    line(columns.map((column) => column.header)),
    line(widths.map((width) => '-'.repeat(width))),
    ...rows.map(line),
  ].join('\n');
}

/** 1234567 → "1,234,567". */
export function formatCount(value: number): string {
  return Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : 'n/a';
}

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) {
    return 'n/a';
  }
  if (bytes < 1024) {
    return `${Math.round(bytes)} B`;
  }
  if (bytes < 1024 * 1024) {
    return `${(bytes / 1024).toFixed(1)} kB`;
  }
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** 1.2345 → "1.23x", 5640.2 → "5,640x". */
export function formatRatio(ratio: number): string {
  if (!Number.isFinite(ratio)) {
    return 'n/a';
  }
  if (ratio >= 100) {
    return `${formatCount(ratio)}x`;
  }
  if (ratio >= 10) {
    return `${ratio.toFixed(1)}x`;
  }
  return `${ratio.toFixed(2)}x`;
}

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) {
    return 'n/a';
  }
  return ms < 10 ? `${ms.toFixed(2)} ms` : ms < 1000 ? `${ms.toFixed(1)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/** Exceptions listed per target; the JSON has every measurement. */
const MAX_NOTES = 6;

export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean;
  /** Where it is not met, and why. */
  notes: string[];
}

export interface Measured {
  id: string;
  when: string;
  value: number;
  /** Why this one exceeds the target, when known. */
  why?: string;
}

/**
 * A target "value ≤ limit" over several measurements: the worst one, how many exceed, and each of those
 * with its reason.
 */
export function checkAtMost(
  target: string,
  limit: number,
  measured: readonly Measured[],
  format: (value: number) => string
): TargetCheck {
  const finite = measured.filter((one) => Number.isFinite(one.value));
  const worstOne = finite.reduce<Measured | null>(
    (max, one) => (max === null || one.value > max.value ? one : max),
    null
  );
  const over = finite.filter((one) => one.value > limit);
  const sorted = [...finite].sort((a, b) => a.value - b.value);
  const medianValue = sorted.length > 0 ? sorted[Math.floor(sorted.length / 2)].value : Number.NaN;
  return {
    target,
    measured:
      worstOne === null
        ? 'nothing measured'
        : `max ${format(worstOne.value)} (${worstOne.id}, ${worstOne.when}), median ${format(medianValue)}, ${over.length} of ${finite.length} over`,
    met: finite.length > 0 && over.length === 0,
    notes: [
      ...over
        .slice(0, MAX_NOTES)
        .map((one) => `${one.id} (${one.when}): ${format(one.value)}${one.why ? ` — ${one.why}` : ''}`),
      ...(over.length > MAX_NOTES ? [`… and ${over.length - MAX_NOTES} more`] : []),
    ],
  };
}

export function formatTargets(checks: readonly TargetCheck[]): string {
  return checks
    .map((check) =>
      [
        `[${check.met ? 'met' : 'NOT met'}] ${check.target}`,
        `    measured: ${check.measured}`,
        ...check.notes.map((note) => `    over: ${note}`),
      ].join('\n')
    )
    .join('\n');
}
