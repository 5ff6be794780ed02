import { createStream } from './random';
import { OpenMetricsWriter, type ExpositionStats, type OutputSlice, type WriteChunk } from './openmetrics';
import { apiserverScenario } from './scenarios/apiserver';
import { checkoutScenario } from './scenarios/checkout';
import { karmadaReadinessScenario } from './scenarios/karmada-readiness';
import { karmadaWorkScenario } from './scenarios/karmada-work';
import type { Scenario, ScenarioContext } from './scenarios/scenario';
import { sampleGrid, sampleTime, type MetricFamily, type SampleGrid } from './series';
import { DEMO_DAYS, DEMO_END_DEFAULT, DEMO_SEED_DEFAULT, demoTimeline } from './timeline';

export interface DemoDataOptions {
  /** Unix seconds of the last sample, on a minute boundary. */
  end?: number;
  /** How many days before `end` the data starts; shorter spans keep tests fast. */
  days?: number;
  seed?: number;
}

/** Where one time slice of the output goes. */
export interface TimeSliceOutput {
  /** First and last sample time in the slice. */
  start: number;
  end: number;
  write: WriteChunk;
}

export const SCENARIOS: readonly Scenario[] = [
  apiserverScenario,
  karmadaWorkScenario,
  karmadaReadinessScenario,
  checkoutScenario,
];

/** Every metric family of the demo, fully in memory: for tests and short spans. */
export function simulateDemo(options: DemoDataOptions = {}): MetricFamily[] {
  const context = scenarioContext(options);
  return SCENARIOS.flatMap((scenario) => simulate(scenario, context));
}

/** Writes the demo data as one OpenMetrics document. */
export function generateOpenMetrics(options: DemoDataOptions, write: WriteChunk): Promise<ExpositionStats> {
  const context = scenarioContext(options);
  return writeScenarios(context, [{ firstIndex: 0, lastIndex: context.grid.count - 1, write }]);
}

/**
 * Writes the demo data as one OpenMetrics document per time slice: the samples whose times share
 * `Math.floor(time / sliceSeconds)`. Slices aligned with promtool's block ranges can be backfilled in
 * parallel, and each file is read once instead of once per block.
 */
export function generateOpenMetricsByTime(
  options: DemoDataOptions,
  sliceSeconds: number,
  openSlice: (start: number, end: number) => WriteChunk
): Promise<ExpositionStats> {
  const context = scenarioContext(options);
  const slices = timeSlices(context.grid, sliceSeconds).map(({ firstIndex, lastIndex }) => ({
    firstIndex,
    lastIndex,
    write: openSlice(sampleTime(context.grid, firstIndex), sampleTime(context.grid, lastIndex)),
  }));
  return writeScenarios(context, slices);
}

function timeSlices(grid: SampleGrid, sliceSeconds: number): Array<{ firstIndex: number; lastIndex: number }> {
  const slices: Array<{ firstIndex: number; lastIndex: number }> = [];
  for (let index = 0; index < grid.count; index++) {
    const slice = Math.floor(sampleTime(grid, index) / sliceSeconds);
    const current = slices[slices.length - 1];
    if (current && Math.floor(sampleTime(grid, current.firstIndex) / sliceSeconds) === slice) {
      current.lastIndex = index;
    } else {
      slices.push({ firstIndex: index, lastIndex: index });
    }
  }
  return slices;
}

/** One scenario at a time, so only one scenario's samples are in memory. */
async function writeScenarios(context: SharedContext, slices: OutputSlice[]): Promise<ExpositionStats> {
  const writer = new OpenMetricsWriter(context.grid, slices);
  for (const scenario of SCENARIOS) {
    for (const family of simulate(scenario, context)) {
      await writer.writeFamily(family);
    }
  }
  await writer.finish();
  return writer.stats;
}

function simulate(scenario: Scenario, context: SharedContext): MetricFamily[] {
  return scenario.simulate({ ...context, random: createStream(context.seed, scenario.name) });
}

type SharedContext = Omit<ScenarioContext, 'random'>;

function scenarioContext({
  end = DEMO_END_DEFAULT,
  days = DEMO_DAYS,
  seed = DEMO_SEED_DEFAULT,
}: DemoDataOptions): SharedContext {
  const timeline = demoTimeline(end, days);
  return { grid: sampleGrid(timeline.start, timeline.end), timeline, seed };
}
