/**
 * Writes the fleet's metrics as OpenMetrics, one document per time slice (see `timeSlices`), one service
 * after the other so that only one service's samples are in memory. Each service draws from its own
 * seeded stream: the data is the same on every run for the same end, span and seed.
 */
import path from 'node:path';
import { OpenMetricsWriter, type ExpositionStats } from '../../demo/openmetrics';
import { FileSink } from '../../demo/openmetrics-file';
import { createStream } from '../../demo/random';
import { type SampleGrid, sampleGrid, sampleTime } from '../../demo/series';
import { DAY_SECONDS } from '../../demo/timeline';
import { FLEET_DAYS, FLEET_SEED_DEFAULT, fleetServices } from './services';
import { simulateService } from './simulate';

export interface FleetDataOptions {
  /** Unix seconds of the last sample, on a minute. */
  end: number;
  days?: number;
  seed?: number;
}

export async function writeFleetOpenMetrics(
  directory: string,
  options: FleetDataOptions,
  sliceSeconds: number
): Promise<{ files: string[]; stats: ExpositionStats }> {
  const days = options.days ?? FLEET_DAYS;
  const seed = options.seed ?? FLEET_SEED_DEFAULT;
  const grid = sampleGrid(options.end - days * DAY_SECONDS, options.end);
  const sinks: FileSink[] = [];
  const slices = blockSlices(grid, sliceSeconds).map(({ firstIndex, lastIndex }) => {
    const sink = new FileSink(
      path.join(directory, `${sampleTime(grid, firstIndex)}-${sampleTime(grid, lastIndex)}.om`)
    );
    sinks.push(sink);
    return { firstIndex, lastIndex, write: sink.write };
  });
  const writer = new OpenMetricsWriter(grid, slices);
  for (const service of fleetServices(options.end, days, seed)) {
    // promtool accepts a family's header again before each service's series.
    for (const family of simulateService(grid, service, createStream(seed, `fleet:${service.name}`))) {
      await writer.writeFamily(family);
    }
  }
  await writer.finish();
  await Promise.all(sinks.map((sink) => sink.close()));
  return { files: sinks.map((sink) => sink.path), stats: writer.stats };
}

/** Runs of sample indices whose times share `Math.floor(time / sliceSeconds)`: one block range each. */
export function blockSlices(grid: SampleGrid, sliceSeconds: number): Array<{ firstIndex: number; lastIndex: number }> {
  const slices: Array<{ firstIndex: number; lastIndex: number }> = [];
  let current = Number.NaN;
  for (let index = 0; index < grid.count; index++) {
    const slice = Math.floor(sampleTime(grid, index) / sliceSeconds);
    if (slice === current) {
      slices[slices.length - 1].lastIndex = index;
    } else {
      slices.push({ firstIndex: index, lastIndex: index });
      current = slice;
    }
  }
  return slices;
}
