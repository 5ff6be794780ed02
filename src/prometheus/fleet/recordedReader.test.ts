import type { SloSpec } from '../../domain';
import { loadFleet } from './fleetLoader';
import { RangeCache } from './rangeCache';
import { RULES_SOURCE, recordedReaders } from './recordedReader';
import { type Deployed, prometheusWithRules } from './testing/prometheusWithRules';
import type { FleetReading, FleetSlo } from './types';

/** A multiple of 5 minutes, and a few seconds past it. */
const NOW = 1793268000 + 37;

const spec = (id: string, change: Partial<SloSpec> = {}): SloSpec => ({
  id,
  name: id,
  service: 'checkout',
  objective: 99.5,
  period: { rolling: '30d' },
  budgetingMethod: 'occurrences',
  sli: {
    events: {
      errorQuery: `sum(rate(http_requests_total{slo="${id}",code=~"5.."}[{{.window}}]))`,
      totalQuery: `sum(rate(http_requests_total{slo="${id}"}[{{.window}}]))`,
    },
  },
  ...change,
});

async function loadWithRules(specs: SloSpec[], deployed: Deployed) {
  const prometheus = prometheusWithRules(specs, deployed, () => NOW);
  const slos: FleetSlo[] = specs.map((one) => ({ spec: one, datasource: 'prom-a' }));
  const range = { from: NOW - 86400, to: NOW };
  const readers = recordedReaders(slos, range);
  const readings = new Map<string, FleetReading>();
  const summary = await loadFleet(
    slos,
    range,
    { executor: prometheus.executor, cache: new RangeCache(), clock: () => NOW, readerFor: readers.readerFor },
    { onReading: (reading) => readings.set(reading.slo.spec.id, reading) }
  ).done;
  return { readings, summary, prometheus, readers };
}

describe('the overview reading SLOs from their recording rules', () => {
  const specs = [spec('checkout'), spec('cart'), spec('search'), spec('edited')];

  it('reads the SLOs whose rules match from them, in two detection and one batched read query, and the rest raw', async () => {
    const edited = { ...spec('edited'), objective: 99 };
    const { readings, summary, prometheus, readers } = await loadWithRules(specs, {
      // search has no rules; edited's were written for an older spec (objective 99).
      rules: [spec('checkout'), spec('cart'), edited],
      ratio: (id) => (id === 'checkout' ? 0.2 : 0.001),
    });

    expect(summary).toMatchObject({ errors: 0, evaluated: 4, sources: { [RULES_SOURCE]: 2, raw: 2 } });
    expect(prometheus.recordedPlans).toEqual(['recorded-rules-detection', 'recorded-rules-recorded-0']);
    expect(readings.get('checkout')).toMatchObject({ source: RULES_SOURCE, requests: 2 });
    expect(readings.get('cart')).toMatchObject({ source: RULES_SOURCE, requests: 0 });
    expect(readings.get('search')?.source).toBe('raw');
    expect(readings.get('edited')?.source).toBe('raw');
    // Raw requests only for the SLOs read raw.
    expect(new Set(prometheus.raw.requests.map((plan) => plan.sloId))).toEqual(new Set(['search', 'edited']));

    // Rules give the state: checkout's recorded 20 % errors at 99.5 % page on every pair.
    const checkout = readings.get('checkout')!.reading;
    expect(checkout.kind).toBe('evaluated');
    if (checkout.kind === 'evaluated') {
      expect(checkout.groups[0].evaluation.status).toBe('page');
      expect(checkout.groups[0].evaluation.alerts.pairs.every((pair) => pair.firing)).toBe(true);
    }
    // And what detection said about the others, for the page to explain.
    const verdicts = readers.detections().get('prom-a')!.verdicts;
    expect(verdicts.map((verdict) => `${verdict.spec.id}: ${verdict.kind}`)).toEqual([
      'checkout: rules',
      'cart: rules',
      'search: raw',
      'edited: raw',
    ]);
  });

  it('reads every SLO raw, none in error, when detection fails', async () => {
    const { readings, summary, prometheus } = await loadWithRules(specs, {
      rules: specs,
      ratio: () => 0.001,
      detectionFails: true,
    });
    expect(summary).toMatchObject({ errors: 0, evaluated: 4, sources: { raw: 4 } });
    expect(prometheus.recordedPlans).toEqual(['recorded-rules-detection']);
    expect([...readings.values()].every((reading) => reading.source === 'raw')).toBe(true);
  });

  it('reads an SLO raw when its records are gone at read time', async () => {
    const { readings, summary } = await loadWithRules(specs.slice(0, 2), {
      rules: specs.slice(0, 2),
      ratio: () => 0.001,
      goneAtRead: ['cart'],
    });
    expect(summary).toMatchObject({ errors: 0, sources: { [RULES_SOURCE]: 1, raw: 1 } });
    expect(readings.get('checkout')?.source).toBe(RULES_SOURCE);
    expect(readings.get('cart')?.source).toBe('raw');
    expect(readings.get('cart')?.reading.kind).toBe('evaluated');
  });
});
