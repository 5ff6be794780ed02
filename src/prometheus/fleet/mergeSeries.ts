import { type SampleSeries, labelKey } from '../series';

/**
 * Joins pieces of one range query's answer that cover disjoint, ascending runs of evaluation times (older
 * piece first) into the answer one query over all of them would have given: each label set's points in
 * time order, label sets without a point left out, and the series in the order Prometheus would send them.
 *
 * That order matters to the numbers: groups of a grouped SLI are summed in the order their series come,
 * and float addition is not associative. Prometheus sorts a range query's series by their labels
 * (`labels.Compare`); so when the newest piece (`reference`) holds every label set, its order is kept as it
 * is, and when some label set appears only in older pieces (it stopped reporting) and `reference` is in
 * Prometheus's order, all of them are sorted that way. A data source that orders otherwise keeps its own
 * order, with the older label sets after it.
 */
export function mergeSeries(
  pieces: ReadonlyArray<readonly SampleSeries[]>,
  reference: readonly SampleSeries[]
): SampleSeries[] {
  const byKey = new Map<string, SampleSeries>();
  const firstSeen: string[] = [];
  for (const piece of pieces) {
    for (const one of piece) {
      if (one.times.length === 0) {
        continue;
      }
      const key = labelKey(one.labels);
      const into = byKey.get(key);
      if (into) {
        into.times.push(...one.times);
        into.values.push(...one.values);
      } else {
        byKey.set(key, { labels: one.labels, times: [...one.times], values: [...one.values] });
        firstSeen.push(key);
      }
    }
  }
  const referenceKeys = reference.filter((one) => one.times.length > 0).map((one) => labelKey(one.labels));
  const inReference = new Set(referenceKeys);
  const older = firstSeen.filter((key) => !inReference.has(key));
  let order: string[];
  if (older.length === 0) {
    order = referenceKeys.filter((key) => byKey.has(key));
  } else if (isSorted(reference.filter((one) => one.times.length > 0))) {
    order = [...byKey.keys()].sort((a, b) => compareLabels(byKey.get(a)!.labels, byKey.get(b)!.labels));
  } else {
    order = [...referenceKeys.filter((key) => byKey.has(key)), ...older];
  }
  return order.map((key) => byKey.get(key)!);
}

function isSorted(series: readonly SampleSeries[]): boolean {
  for (let i = 1; i < series.length; i++) {
    if (compareLabels(series[i - 1].labels, series[i].labels) > 0) {
      return false;
    }
  }
  return true;
}

/** Prometheus's `labels.Compare`: label pairs in name order, compared name then value, then the count. */
export function compareLabels(a: Record<string, string>, b: Record<string, string>): number {
  const left = Object.keys(a).sort();
  const right = Object.keys(b).sort();
  const shared = Math.min(left.length, right.length);
  for (let i = 0; i < shared; i++) {
    if (left[i] !== right[i]) {
      return left[i] < right[i] ? -1 : 1;
    }
    const [x, y] = [a[left[i]], b[right[i]]];
    if (x !== y) {
      return x < y ? -1 : 1;
    }
  }
  return left.length - right.length;
}

/** The points of each series at times in [from, to]. */
export function clipSeries(series: readonly SampleSeries[], from: number, to: number): SampleSeries[] {
  return series.map((one) => {
    if (one.times.every((time) => time >= from && time <= to)) {
      return one;
    }
    const times: number[] = [];
    const values: number[] = [];
    one.times.forEach((time, index) => {
      if (time >= from && time <= to) {
        times.push(time);
        values.push(one.values[index]);
      }
    });
    return { labels: one.labels, times, values };
  });
}
