/**
 * Engine benchmark: evaluate every alert window, every pair and the burndown for 30 days of
 * 5-minute buckets (8,640), once per SLO and for a fleet of 1,000 SLOs; the same on data where every
 * bucket is out of range (clamped and reported); and the backtest of the four default pairs over those
 * 30 days. Prints medians.
 * Usage: npm run bench:engine [-- --slos 1000 --runs 15]
 */
import { performance } from 'node:perf_hooks';
import {
  type EventBucket,
  EventIndex,
  type SloSpec,
  alertGuardOf,
  alertingPeriodSeconds,
  backtestAlerts,
  evaluateSlo,
  resolveAlertWindows,
} from '../src/domain';

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

interface FleetEntry {
  spec: SloSpec;
  buckets: EventBucket[];
}

/** Median time of `work` on one SLO at a time, and of one pass over the whole fleet. */
function measure(fleet: FleetEntry[], runs: number, work: (entry: FleetEntry) => void): { one: number; fleet: number } {
  // Warm-up: let the JIT compile the engine before anything is timed.
  fleet.forEach(work);
  const single: number[] = [];
  for (let run = 0; run < runs * 20; run++) {
    const entry = fleet[run % fleet.length];
    const started = performance.now();
    work(entry);
    single.push(performance.now() - started);
  }
  const fleetTimes: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    fleet.forEach(work);
    fleetTimes.push(performance.now() - started);
  }
  return { one: median(single), fleet: median(fleetTimes) };
}

/**
 * Every bucket out of range, as a gauge or deriv() mistaken for a counter gives: negative bad counts, and
 * one bucket in 500 with three times more bad events than events. Clamped, that is a 0.2% error ratio,
 * so no pair fires and the figure is the cost of the rule and its notes, not of a 30-day page.
 */
function hostile(buckets: EventBucket[]): EventBucket[] {
  return buckets.map((bucket, i) => ({ ...bucket, bad: i % 500 === 0 ? bucket.total * 3 : -bucket.bad - 1 }));
}

function report(label: string, timing: { one: number; fleet: number }, sloCount: number): number {
  const perSlo = timing.fleet / sloCount;
  console.log(
    `  ${label.padEnd(34)} one SLO median ${timing.one.toFixed(3)} ms; ${sloCount} SLOs median ${timing.fleet.toFixed(1)} ms (${perSlo.toFixed(3)} ms per SLO)`
  );
  return perSlo;
}

function main(): void {
  const sloCount = argument('slos', 1000);
  const runs = argument('runs', 15);
  const fleet = Array.from({ length: sloCount }, (_, i) => ({ spec: specFor(i), buckets: syntheticBuckets(i + 1) }));
  const hostileFleet = fleet.map((entry) => ({ ...entry, buckets: hostile(entry.buckets) }));
  const indexes = new Map(fleet.map((entry) => [entry, new EventIndex(entry.buckets)]));
  const backtestOf = (entry: FleetEntry, events: EventIndex) =>
    backtestAlerts({
      events,
      objectivePercent: entry.spec.objective,
      period: entry.spec.period,
      windows: resolveAlertWindows(entry.spec, alertingPeriodSeconds(entry.spec.period)),
      guard: alertGuardOf(entry.spec),
      range: { from: now - 30 * DAY, to: now },
    });

  console.log(
    `engine benchmark: ${fleet[0].buckets.length} buckets per SLO (30 days of 5-minute buckets), ${runs} runs`
  );
  const evaluation = report(
    'evaluateSlo:',
    measure(fleet, runs, ({ spec, buckets }) => evaluateSlo(spec, { buckets }, { now })),
    sloCount
  );
  const hostileEvaluation = report(
    'evaluateSlo, every bucket clamped:',
    measure(hostileFleet, runs, ({ spec, buckets }) => evaluateSlo(spec, { buckets }, { now })),
    sloCount
  );
  const backtest = report(
    'backtest, 4 pairs over 30 days:',
    measure(fleet, runs, (entry) => backtestOf(entry, indexes.get(entry)!)),
    sloCount
  );
  const backtestWithIndex = report(
    'backtest with building the index:',
    measure(fleet, runs, (entry) => backtestOf(entry, new EventIndex(entry.buckets))),
    sloCount
  );
  const verdict = (perSlo: number) => (perSlo < 2 ? 'met' : 'NOT met');
  console.log(
    `  target under 2 ms per SLO: evaluation ${verdict(evaluation)}, clamped ${verdict(hostileEvaluation)}, backtest ${verdict(backtest)} (${verdict(backtestWithIndex)} with the index)`
  );
}

main();
