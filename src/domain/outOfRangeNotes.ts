import { type OutOfRangeCause, type OutOfRangeCounts, type OutOfRangeFigures } from './outOfRange';
import type { SliKind } from './spec';

/** One window the evaluation read, and what the out-of-range rule clamped in it. */
export interface WindowOutOfRange {
  /** How the note names the window: `5m`, `1h`, `the period`. */
  label: string;
  counts: OutOfRangeCounts;
}

interface NoteRule {
  causes: OutOfRangeCause[];
  /** `windows`: the affected windows, shortest first; `figures`: the raw out-of-range data of the first. */
  text: (windows: string, figures: OutOfRangeFigures) => string;
}

const good = (figures: OutOfRangeFigures) => figures.total - figures.bad;

const NEGATIVE_TOTAL: NoteRule = {
  causes: ['negative-total'],
  text: (windows, figures) =>
    `negative total event count in ${windows} (${figure(figures.total)}): totalQuery looks like a gauge or deriv(), not a counter rate`,
};

/**
 * The engine only sees bad and total; what they mean depends on the SLI kind, so each kind words the
 * same cause in the user's own terms (for `ratio`, bad below zero is good above total).
 */
const NOTE_RULES: Record<SliKind, NoteRule[]> = {
  events: [
    {
      causes: ['bad-above-total'],
      text: (windows, figures) =>
        `bad events exceed total events in ${windows} (ratio ${figure(figures.bad / figures.total)}): check that errorQuery and totalQuery count the same requests`,
    },
    {
      causes: ['negative-bad'],
      text: (windows, figures) =>
        `negative bad event count in ${windows} (${figure(figures.bad)}): errorQuery looks like a gauge or deriv(), not a counter rate`,
    },
    NEGATIVE_TOTAL,
  ],
  ratio: [
    {
      causes: ['negative-bad'],
      text: (windows, figures) =>
        `good events exceed total events in ${windows} (ratio ${figure(good(figures) / figures.total)}): check that goodQuery and totalQuery count the same requests`,
    },
    {
      causes: ['bad-above-total'],
      text: (windows, figures) =>
        `negative good event count in ${windows} (${figure(good(figures))}): goodQuery looks like a gauge or deriv(), not a counter rate`,
    },
    NEGATIVE_TOTAL,
  ],
  latency: [
    {
      causes: ['negative-bad'],
      text: (windows, figures) =>
        `the threshold bucket counts more requests than le="+Inf" in ${windows} (ratio ${figure(good(figures) / figures.total)}): check that the selector matches one histogram`,
    },
    {
      causes: ['bad-above-total'],
      text: (windows, figures) =>
        `negative request count in the threshold bucket in ${windows} (${figure(good(figures))}): bucketMetric must be a histogram's counter buckets`,
    },
    {
      causes: ['negative-total'],
      text: (windows, figures) =>
        `negative request count in the le="+Inf" bucket in ${windows} (${figure(figures.total)}): bucketMetric must be a histogram's counter buckets`,
    },
  ],
  boolGauge: [
    {
      // bad = (1 − gauge) × seconds: above total is a gauge below 0, below zero a gauge above 1.
      causes: ['bad-above-total', 'negative-bad'],
      text: (windows, figures) =>
        `the gauge reads values outside 0 and 1 in ${windows} (mean ${figure(good(figures) / figures.total)}): boolGauge needs a 0/1 gauge`,
    },
  ],
  raw: [
    {
      // bad = ratio × seconds.
      causes: ['bad-above-total', 'negative-bad'],
      text: (windows, figures) =>
        `the error ratio is outside 0 and 1 in ${windows} (mean ${figure(figures.bad / figures.total)}): errorRatioQuery must return bad events divided by total events`,
    },
  ],
};

/**
 * One note per cause, naming every window it affected (in the order given: shortest first, the period
 * last) and the raw figure of the out-of-range data in the first of them, the most recent view.
 */
export function outOfRangeNotes(kind: SliKind, windows: readonly WindowOutOfRange[]): string[] {
  const notes: string[] = [];
  for (const rule of NOTE_RULES[kind]) {
    const affected = windows.filter((window) => rule.causes.some((cause) => window.counts[cause] !== undefined));
    if (affected.length === 0) {
      continue;
    }
    const figures = combined(rule.causes.map((cause) => affected[0].counts[cause]));
    notes.push(rule.text(affected.map((window) => window.label).join(', '), figures));
  }
  return notes;
}

function combined(parts: Array<OutOfRangeFigures | undefined>): OutOfRangeFigures {
  const sum = { count: 0, bad: 0, total: 0 };
  for (const part of parts) {
    if (part) {
      sum.count += part.count;
      sum.bad += part.bad;
      sum.total += part.total;
    }
  }
  return sum;
}

/**
 * A raw figure for a note: 3 significant digits with at least one decimal (3.0, −12.3, 0.0412), whole
 * numbers from 100 on; more digits when rounding would make an out-of-range value read as a bound (1.0).
 */
function figure(value: number): string {
  if (!Number.isFinite(value)) {
    return String(value);
  }
  if (Math.abs(value) >= 100) {
    return value.toFixed(0);
  }
  const short = withOneDecimal(value.toPrecision(3));
  const readsAsBound = Number(short) === 0 || Math.abs(Number(short)) === 1;
  return readsAsBound && Math.abs(value) !== 0 && Math.abs(value) !== 1 ? withOneDecimal(value.toPrecision(6)) : short;
}

function withOneDecimal(text: string): string {
  if (text.includes('e') || !text.includes('.')) {
    return text.includes('e') ? text : `${text}.0`;
  }
  return text.replace(/0+$/, '').replace(/\.$/, '.0');
}
