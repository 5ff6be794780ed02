import type { Random } from '../random';
import type { MetricFamily, SampleGrid } from '../series';
import type { DemoTimeline } from '../timeline';

export interface ScenarioContext {
  grid: SampleGrid;
  timeline: DemoTimeline;
  seed: number;
  /** The scenario's own stream, named after it, so that scenarios do not shift each other's numbers. */
  random: Random;
}

/** One simulated system; its metric families are written together. */
export interface Scenario {
  name: string;
  simulate(context: ScenarioContext): MetricFamily[];
}
