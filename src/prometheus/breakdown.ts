import type { QueryPlan } from './plan';
import { type QueryResult, type SampleSeries, labelKey } from './series';
import type { BucketRole } from './sliQueries';

export interface BreakdownEntry {
  /** The label's value; '' where the series lack the label. */
  value: string;
  bad: number;
  total: number | null;
  /** Share of the bad events of the whole breakdown range (0–1). */
  share: number;
  /** Bad over total events for this value, when totals are known. */
  errorRatio: number | null;
}

export interface LabelBreakdown {
  label: string;
  /** Largest contributors first. */
  entries: BreakdownEntry[];
  /** Bad events the split could not attribute: terms of the query that lack the label. */
  unattributedBad: number;
}

export interface Breakdown {
  from: number;
  to: number;
  /** Bad events over the range according to the SLI itself (the buckets). */
  totalBad: number;
  labels: LabelBreakdown[];
}

interface JointCounts {
  labels: Record<string, string>;
  bad: number;
  total: number | null;
}

/**
 * Splits the bad events of the breakdown range by each label, from one joint `sum by (all labels)`
 * result per query part, so that adding a label costs no extra query.
 */
export function breakdownFromResults(
  plan: QueryPlan,
  results: readonly QueryResult[],
  totalBad: number
): Breakdown | null {
  if (!plan.breakdown) {
    return null;
  }
  const range = plan.now - plan.breakdown.from;
  const partSeries = (role: BucketRole) => {
    const query = plan.queries.find((candidate) => candidate.role === 'breakdown' && candidate.breakdownOf === role);
    const result = query && results.find((candidate) => candidate.refId === query.refId);
    return {
      series: result?.series ?? [],
      scale: query?.perSecond ? range : 1,
      present: Boolean(result && !result.error),
    };
  };
  const joint = jointCounts(partSeries, range);
  if (joint === null) {
    return null;
  }
  return {
    from: plan.breakdown.from,
    to: plan.now,
    totalBad,
    labels: plan.breakdown.labels.map((label) => marginal(joint, label, totalBad)),
  };
}

type PartReader = (role: BucketRole) => { series: SampleSeries[]; scale: number; present: boolean };

function jointCounts(part: PartReader, range: number): JointCounts[] | null {
  const bad = part('bad');
  const good = part('good');
  const total = part('total');
  const latency = part('latency');
  const availability = part('availability');
  if (availability.present) {
    return availability.series.map((series) => ({
      labels: series.labels,
      bad: (1 - lastValue(series)) * range,
      total: range,
    }));
  }
  if (latency.present) {
    const byGroup = new Map<string, JointCounts & { good: number }>();
    for (const series of latency.series) {
      const { le, ...labels } = series.labels;
      const key = labelKey(labels);
      const entry = byGroup.get(key) ?? { labels, bad: 0, total: 0, good: 0 };
      const value = lastValue(series) * latency.scale;
      if (le === '+Inf') {
        entry.total = (entry.total ?? 0) + value;
      } else {
        entry.good += value;
      }
      byGroup.set(key, entry);
    }
    return [...byGroup.values()].map(({ labels, total: totalCount, good: goodCount }) => ({
      labels,
      bad: Math.max(0, (totalCount ?? 0) - goodCount),
      total: totalCount,
    }));
  }
  if (!total.present && !bad.present) {
    return null;
  }
  const totals = new Map(total.series.map((series) => [labelKey(series.labels), lastValue(series) * total.scale]));
  if (good.present) {
    const goods = new Map(good.series.map((series) => [labelKey(series.labels), lastValue(series) * good.scale]));
    return total.series.map((series) => {
      const key = labelKey(series.labels);
      const totalCount = totals.get(key) ?? 0;
      return { labels: series.labels, bad: Math.max(0, totalCount - (goods.get(key) ?? 0)), total: totalCount };
    });
  }
  const joint: JointCounts[] = bad.series.map((series) => {
    const key = labelKey(series.labels);
    return { labels: series.labels, bad: Math.max(0, lastValue(series) * bad.scale), total: totals.get(key) ?? null };
  });
  // Values with traffic but no bad events still belong in the table, with their totals.
  const badKeys = new Set(bad.series.map((series) => labelKey(series.labels)));
  for (const series of total.series) {
    if (!badKeys.has(labelKey(series.labels))) {
      joint.push({ labels: series.labels, bad: 0, total: lastValue(series) * total.scale });
    }
  }
  return joint;
}

function marginal(joint: readonly JointCounts[], label: string, totalBad: number): LabelBreakdown {
  const byValue = new Map<string, { bad: number; total: number | null }>();
  for (const entry of joint) {
    const value = entry.labels[label] ?? '';
    const current = byValue.get(value) ?? { bad: 0, total: 0 };
    current.bad += Number.isFinite(entry.bad) ? entry.bad : 0;
    current.total = current.total === null || entry.total === null ? null : current.total + entry.total;
    byValue.set(value, current);
  }
  const attributed = [...byValue.values()].reduce((sum, entry) => sum + entry.bad, 0);
  const denominator = Math.max(totalBad, attributed);
  const entries = [...byValue.entries()]
    .map(([value, counts]) => ({
      value,
      bad: counts.bad,
      total: counts.total,
      share: denominator > 0 ? counts.bad / denominator : 0,
      errorRatio: counts.total !== null && counts.total > 0 ? counts.bad / counts.total : null,
    }))
    .sort((a, b) => b.bad - a.bad || (b.total ?? 0) - (a.total ?? 0) || a.value.localeCompare(b.value));
  return { label, entries, unattributedBad: Math.max(0, totalBad - attributed) };
}

function lastValue(series: SampleSeries): number {
  const value = series.values[series.values.length - 1];
  return Number.isFinite(value) ? value : 0;
}
