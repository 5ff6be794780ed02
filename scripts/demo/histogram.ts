import { prometheus3LeValue } from '../../src/prometheus/leValues';
import { CounterSeries, type Labels, type SampleGrid, type Series } from './series';

export interface HistogramShape {
  /** Upper bounds of the finite buckets in seconds, ascending; a +Inf bucket is added. */
  bounds: readonly number[];
  /**
   * A typical duration in milliseconds for each interval between bounds (one more than `bounds`, the
   * last for durations above the largest bound); `_sum` adds these up.
   */
  typicalMillis: readonly number[];
}

/** A Prometheus histogram of one label set: cumulative `_bucket`s, `_sum` and `_count`. */
export class HistogramSeries {
  private readonly buckets: CounterSeries[];
  private readonly sum: CounterSeries;
  private readonly count: CounterSeries;

  constructor(
    grid: SampleGrid,
    familyName: string,
    labels: Labels,
    private readonly shape: HistogramShape
  ) {
    // As Prometheus 3 stores them (`le="1.0"`), so that tests on Prometheus 2 prove the queries read them.
    const leValues = [...shape.bounds.map(prometheus3LeValue), '+Inf'];
    this.buckets = leValues.map((le) => new CounterSeries(grid, `${familyName}_bucket`, [...labels, ['le', le]]));
    this.sum = new CounterSeries(grid, `${familyName}_sum`, labels, 'thousandths');
    this.count = new CounterSeries(grid, `${familyName}_count`, labels);
  }

  get intervalCount(): number {
    return this.buckets.length;
  }

  /** Every series of the histogram, in exposition order. */
  get series(): Series[] {
    return [...this.buckets.map((bucket) => bucket.series), this.sum.series, this.count.series];
  }

  /** Records the observations of the minute before the sample at `index`, counted per interval between bounds. */
  record(index: number, countsPerInterval: readonly number[]): void {
    let cumulative = 0;
    let millis = 0;
    for (let interval = 0; interval < this.buckets.length; interval++) {
      cumulative += countsPerInterval[interval];
      millis += countsPerInterval[interval] * this.shape.typicalMillis[interval];
      this.buckets[interval].record(index, cumulative);
    }
    this.count.record(index, cumulative);
    this.sum.record(index, millis);
  }

  recordMissing(index: number): void {
    for (const counter of this.allCounters()) {
      counter.recordMissing(index);
    }
  }

  reset(): void {
    for (const counter of this.allCounters()) {
      counter.reset();
    }
  }

  private allCounters(): CounterSeries[] {
    return [...this.buckets, this.sum, this.count];
  }
}
