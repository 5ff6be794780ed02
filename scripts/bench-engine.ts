/**
 * Engine benchmark: evaluate every alert window, every pair and the burndown for 30 days of
 * 5-minute buckets (8,640), once per SLO and for a fleet of 1,000 SLOs. Prints medians.
 * Usage: npm run bench:engine [-- --slos 1000 --runs 15]
 */
import { performance } from 'node:perf_hooks';
import { type EventBucket, type SloSpec, evaluateSlo } from '../src/domain';

const DAY = 86400;
const STEP = 300;
const now = 1793491200;

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

function syntheticBuckets(seed: number): EventBucket[] {
  let state = seed;
  const random = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 4294967296;
  };
  const buckets: EventBucket[] = [];
  for (let start = now - 30 * DAY; start < now; start += STEP) {
    const total = 9000 + random() * 2000;
    buckets.push({ start, end: start + STEP, bad: total * (random() < 0.01 ? 0.05 : 0.0002), total });
  }
  return buckets;
}

function specFor(index: number): SloSpec {
  return {
    id: `slo-${index}`,
    name: `SLO ${index}`,
    service: 'bench',
    objective: 99.9,
    period: index % 2 === 0 ? { rolling: '30d' } : { calendar: 'month', timezone: 'Europe/Berlin' },
    budgetingMethod: 'occurrences',
    sli: { events: { errorQuery: 'e[{{.window}}]', totalQuery: 't[{{.window}}]' } },
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function main(): void {
  const sloCount = argument('slos', 1000);
  const runs = argument('runs', 15);
  const fleet = Array.from({ length: sloCount }, (_, i) => ({ spec: specFor(i), buckets: syntheticBuckets(i + 1) }));

  // Warm-up: let the JIT compile the engine before anything is timed.
  for (const { spec, buckets } of fleet) {
    evaluateSlo(spec, { buckets }, { now });
  }

  const single: number[] = [];
  for (let run = 0; run < runs * 20; run++) {
    const { spec, buckets } = fleet[run % fleet.length];
    const started = performance.now();
    evaluateSlo(spec, { buckets }, { now });
    single.push(performance.now() - started);
  }

  const fleetTimes: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    for (const { spec, buckets } of fleet) {
      evaluateSlo(spec, { buckets }, { now });
    }
    fleetTimes.push(performance.now() - started);
  }

  const fleetMedian = median(fleetTimes);
  console.log(
    `engine benchmark: ${fleet[0].buckets.length} buckets per SLO (30 days of 5-minute buckets), ${runs} runs`
  );
  console.log(`  one SLO:         median ${median(single).toFixed(3)} ms`);
  console.log(
    `  ${sloCount} SLOs:      median ${fleetMedian.toFixed(1)} ms  (${(fleetMedian / sloCount).toFixed(3)} ms per SLO)`
  );
  console.log(`  target:          under 2 ms per SLO -> ${fleetMedian / sloCount < 2 ? 'met' : 'NOT met'}`);
}

main();
