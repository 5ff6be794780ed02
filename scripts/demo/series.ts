import { SCRAPE_INTERVAL_SECONDS } from './timeline';

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'unknown';

/** How a sample value is written: as an integer, or as an integer number of thousandths (e.g. milliseconds). */
export type ValueFormat = 'integer' | 'thousandths';

export type Labels = ReadonlyArray<readonly [name: string, value: string]>;

export interface Series {
  /** The sample name, e.g. `apiserver_request_total` in the family `apiserver_request`. */
  name: string;
  labels: Labels;
  /** One value per sample time of the grid; NaN where the scrape failed and there is no sample. */
  values: Float64Array;
  format: ValueFormat;
}

export interface MetricFamily {
  name: string;
  type: MetricType;
  help: string;
  series: Series[];
}

/** The sample times: every scrape interval from `start` to `end`, both included. */
export interface SampleGrid {
  start: number;
  end: number;
  count: number;
}

export function sampleGrid(start: number, end: number): SampleGrid {
  return { start, end, count: (end - start) / SCRAPE_INTERVAL_SECONDS + 1 };
}

export function sampleTime(grid: SampleGrid, index: number): number {
  return grid.start + index * SCRAPE_INTERVAL_SECONDS;
}

export function createSeries(grid: SampleGrid, name: string, labels: Labels, format: ValueFormat = 'integer'): Series {
  return { name, labels, values: new Float64Array(grid.count), format };
}

/** A counter as a process exposes it: cumulative since the process started. */
export class CounterSeries {
  readonly series: Series;
  private total = 0;

  constructor(grid: SampleGrid, name: string, labels: Labels, format: ValueFormat = 'integer') {
    this.series = createSeries(grid, name, labels, format);
  }

  /** Adds what happened in the minute before the sample at `index` and records the new total there. */
  record(index: number, increment: number): void {
    this.total += increment;
    this.series.values[index] = this.total;
  }

  /** No sample at `index`: the scrape failed. */
  recordMissing(index: number): void {
    this.series.values[index] = Number.NaN;
  }

  /** The process restarted: counting begins again from zero. */
  reset(): void {
    this.total = 0;
  }
}
