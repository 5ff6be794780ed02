/** @jest-environment node */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { findPromtoolBinary } from '../../scripts/prometheus/binaries';
import { queryScalar } from '../../scripts/prometheus/client';
import { describeWithPrometheus, withDemoPrometheus } from '../../scripts/prometheus/testing';
import { type SloSpec, formatDuration, parseSloSpecsYaml } from '../domain';
import { guardEventsExpr } from './alertGuard';
import { PrometheusHttpClient } from './httpClient';
import { loadSlo } from './loadSlo';
import { rulesYaml } from './rules';

const demoSpecs = parseSloSpecsYaml(
  readFileSync(path.resolve(__dirname, '..', '..', 'demo', 'slos.yaml'), 'utf8')
).valid;

/** Every demo SLO with a low-traffic guard, and checkout's in 2-minute time slices: every way the guard counts. */
function guardedSpecs(): SloSpec[] {
  const checkout = demoSpecs.find((spec) => spec.id === 'checkout-availability')!;
  const slices: SloSpec = {
    ...checkout,
    id: 'checkout-availability-slices',
    objective: 99,
    period: { rolling: '7d' },
    budgetingMethod: 'timeslices',
    timesliceTarget: 99.8,
    timesliceWindow: '2m',
  };
  return [...demoSpecs, slices].map((spec) => ({
    ...spec,
    id: `${spec.id}-guarded`,
    alerting: { ...spec.alerting, minEvents: 1000 },
  }));
}

describeWithPrometheus('exported rules under promtool', () => {
  it('are valid for every demo SLO, one alert per window pair, with and without a low-traffic guard', () => {
    const promtool = findPromtoolBinary();
    expect(promtool).not.toBeNull();
    const specs = [...demoSpecs, ...guardedSpecs()];
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'sloburn-rules-')), 'rules.yaml');
    const yaml = rulesYaml(specs);
    writeFileSync(file, yaml);
    const output = execFileSync(promtool!, ['check', 'rules', file], { encoding: 'utf8' });
    const groups = parse(yaml).groups as Array<{ rules: Array<{ alert?: string; record?: string; expr: string }> }>;
    const rules = groups.flatMap((group) => group.rules);
    expect(output).toContain(`SUCCESS: ${rules.length} rules found`);
    const alerts = rules.filter((rule) => rule.alert);
    expect(alerts).toHaveLength(specs.length * 4);
    expect(alerts.filter((rule) => rule.expr.includes('\nand on ()\n'))).toHaveLength(guardedSpecs().length * 4);
  });
});

describeWithPrometheus("the guard's count in the exported rules", () => {
  const prometheus = withDemoPrometheus();

  it.each(guardedSpecs().map((spec) => [spec.id, spec] as const))(
    '%s: is what the engine compares with minEvents, for every pair',
    async (_, spec) => {
      const { calicoOutage, checkoutQuietHour } = prometheus.timeline.incidents;
      const client = new PrometheusHttpClient({ url: prometheus.url });
      // On the grid, between two boundaries, and half an hour into checkout's quiet hour (a window half empty).
      const times = [calicoOutage.start + 3600, calicoOutage.start + 3600 + 137, checkoutQuietHour.start + 1837];
      const differences: string[] = [];
      let compared = 0;
      // Seconds measured and slices are counted per bucket (slice) by a subquery: where data starts or stops
      // inside the window between two boundaries, Prometheus counts the window's first bucket whole where
      // the engine takes its share; no more than one bucket apart. Event counts are rates over the window.
      const perBucket =
        spec.budgetingMethod === 'timeslices' ? 1 : 'raw' in spec.sli || 'boolGauge' in spec.sli ? 300 : 0;
      for (const time of times) {
        const { reading } = await loadSlo(client, spec, { from: time - 3600, to: time, view: 'overview' });
        if (reading.kind !== 'evaluated') {
          throw new Error(reading.message);
        }
        for (const pair of reading.groups[0].evaluation.alerts.pairs) {
          const engine = pair.longEvents ?? 0;
          const counted = await queryScalar(prometheus.url, guardEventsExpr(spec, pair.window.longSeconds), time);
          const value = Number.isFinite(counted) ? counted : 0;
          compared++;
          if (Math.abs(engine - value) > Math.max(perBucket, 0.01 * Math.max(engine, value)) + 1e-9) {
            differences.push(
              `${formatDuration(pair.window.longSeconds)} at ${time}: engine ${engine}, Prometheus ${value}`
            );
          }
        }
      }
      expect(compared).toBe(times.length * 4);
      expect(differences).toEqual([]);
    }
  );
});
