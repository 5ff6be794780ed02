/** @jest-environment node */
/**
 * The fleet loader on the real demo Prometheus, through the HTTP executor: a load at t, then refreshes at
 * t + 60 s and t + 7 min (both between two bucket boundaries) that reuse the buckets kept in memory, must
 * give every SLO the reading (buckets, windows, pairs and states, budget, burndown, notes) of a cold load
 * at the same instant, equal up to Prometheus's own float noise (see NOISE), while reading a small share
 * of its samples. The wall clock is the demo's: at t the
 * newest buckets are still "recent" and re-read, as they would be on a live page.
 */
import { readFileSync } from 'node:fs';
import { DEMO_SLOS_FILE } from '../../../scripts/demo/demo-slos';
import { generateFleet } from '../../../scripts/bench/fleet';
import { describeWithPrometheus, withDemoPrometheus } from '../../../scripts/prometheus/testing';
import { type SloSpec, parseSloSpecsYaml } from '../../domain';
import { AdaptiveScheduler } from '../scheduler';
import { type FleetLoadSummary, loadFleet } from './fleetLoader';
import { httpExecutor } from './httpExecutor';
import { RangeCache } from './rangeCache';
import type { FleetReading } from './types';

const MINUTE = 60;

/** The demo SLOs and every 8th SLO of the bench fleet (all SLI kinds, 30- and 28-day periods). */
function specs(): SloSpec[] {
  const demo = parseSloSpecsYaml(readFileSync(DEMO_SLOS_FILE, 'utf8')).valid;
  return [...demo, ...generateFleet().filter((_, index) => index % 8 === 0)];
}

/**
 * Float noise of Prometheus itself: a sum over several series (`sum(a or b or c)`) adds them in the order
 * Go's map iteration gives the union, so the same query over the same range gives values that differ in the
 * last bits from one execution to the next (0.3033333333333644 and 0.30333333333330753 for one 5-minute
 * bucket of the API server read SLO). Two cold loads differ as much; the deterministic fake of the unit
 * tests shows that a refresh equals a cold load to the bit.
 */
const NOISE = 1e-9;

interface Comparison {
  differences: string[];
  /** The largest |a − b| / max(1, |a|, |b|) among numbers. */
  largest: number;
}

/**
 * Compares two readings field by field: every key, string, boolean and null the same, every number equal
 * or within Prometheus's float noise (NaN equal to NaN).
 */
function compareReadings(actual: unknown, expected: unknown): Comparison {
  const result: Comparison = { differences: [], largest: 0 };
  const walk = (a: unknown, b: unknown, path: string) => {
    if (result.differences.length > 5) {
      return;
    }
    if (typeof a === 'number' && typeof b === 'number') {
      if (Number.isNaN(a) && Number.isNaN(b)) {
        return;
      }
      const relative = a === b ? 0 : Math.abs(a - b) / Math.max(1, Math.abs(a), Math.abs(b));
      result.largest = Math.max(result.largest, Number.isNaN(relative) ? Infinity : relative);
      if (!(relative <= NOISE)) {
        result.differences.push(`${path}: ${a} ≠ ${b}`);
      }
      return;
    }
    if (ArrayBuffer.isView(a) && ArrayBuffer.isView(b)) {
      walk(Array.from(a as unknown as ArrayLike<number>), Array.from(b as unknown as ArrayLike<number>), path);
      return;
    }
    if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
      const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
      for (const key of keys) {
        walk((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`);
      }
      return;
    }
    if (a !== b) {
      result.differences.push(`${path}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`);
    }
  };
  walk(actual, expected, 'reading');
  return result;
}

describeWithPrometheus('the fleet loader on the demo Prometheus', () => {
  const prometheus = withDemoPrometheus();

  async function load(slos: SloSpec[], to: number, cache: RangeCache) {
    const readings = new Map<string, FleetReading>();
    const fleet = loadFleet(
      slos.map((spec) => ({ spec, datasource: prometheus.url })),
      { from: to - 86400, to },
      {
        executor: httpExecutor({ url: prometheus.url, withStats: true, timeoutSeconds: 60 }),
        cache,
        clock: () => to + 3,
        schedulerFor: () => scheduler,
      },
      { onReading: (reading) => readings.set(reading.slo.spec.id, reading) }
    );
    const summary: FleetLoadSummary = await fleet.done;
    return { readings, summary };
  }
  const scheduler = new AdaptiveScheduler({ initialConcurrency: 4, maxConcurrency: 6 });

  it('refreshes 60 s and 7 min later with the numbers of a cold load, reading a few percent', async () => {
    const slos = specs();
    const t = prometheus.timeline.incidents.calicoOutage.start + 40 * MINUTE + 17;
    const cache = new RangeCache();
    const first = await load(slos, t, cache);
    expect(first.summary.errors).toBe(0);
    for (const later of [t + 60, t + 7 * MINUTE]) {
      const refreshed = await load(slos, later, cache);
      const cold = await load(slos, later, new RangeCache());
      expect(refreshed.summary).toMatchObject({ slos: slos.length, errors: 0, evaluated: slos.length });
      let largest = 0;
      for (const spec of slos) {
        const reading = refreshed.readings.get(spec.id)?.reading;
        expect(reading?.kind).toBe('evaluated');
        const comparison = compareReadings(reading, cold.readings.get(spec.id)?.reading);
        expect({ slo: spec.id, differences: comparison.differences }).toEqual({ slo: spec.id, differences: [] });
        largest = Math.max(largest, comparison.largest);
      }
      expect(largest).toBeLessThan(NOISE);
      expect(refreshed.summary.samples).toBeLessThan(cold.summary.samples * 0.05);
      expect(refreshed.summary.samples).toBeGreaterThan(0);
    }
  }, 600_000);
});
