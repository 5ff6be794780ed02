import { sliKind, validateSloSpecs } from '../../src/domain';
import { planQueries } from '../../src/prometheus/plan';
import { baseFleet, generateFleet } from './fleet';

describe('generateFleet', () => {
  const fleet = generateFleet();

  it('makes at least 200 SLOs with distinct ids that the app accepts', () => {
    expect(fleet.length).toBeGreaterThanOrEqual(200);
    expect(new Set(fleet.map((spec) => spec.id)).size).toBe(fleet.length);
    const { valid, problems } = validateSloSpecs(fleet);
    expect(problems).toEqual([]);
    expect(valid).toHaveLength(fleet.length);
  });

  it('covers every SLI kind and several periods and objectives', () => {
    expect(new Set(fleet.map((spec) => sliKind(spec.sli)))).toEqual(
      new Set(['events', 'ratio', 'raw', 'latency', 'boolGauge'])
    );
    expect(new Set(fleet.map((spec) => JSON.stringify(spec.period)))).toEqual(
      new Set(['{"rolling":"30d"}', '{"rolling":"28d"}'])
    );
    expect(new Set(fleet.map((spec) => spec.objective)).size).toBeGreaterThan(3);
  });

  it('is the same every time, and can be sized', () => {
    expect(generateFleet()).toEqual(fleet);
    expect(generateFleet(10).map((spec) => spec.id)).toEqual(fleet.slice(0, 10).map((spec) => spec.id));
    expect(generateFleet(baseFleet().length * 3)).toHaveLength(363);
    expect(() => generateFleet(1000)).toThrow(/at most 363/);
  });

  it('narrows the demo queries by label: checkout per route, Karmada per member and operation', () => {
    const spec = fleet.find((candidate) => candidate.id === 'fleet-checkout-availability-payment-30d')!;
    expect(spec.sli).toEqual({
      events: {
        errorQuery: 'sum(rate(http_requests_total{service="checkout",route="/payment",code=~"5.."}[{{.window}}]))',
        totalQuery: 'sum(rate(http_requests_total{service="checkout",route="/payment"}[{{.window}}]))',
      },
    });
    const strict = fleet.find((candidate) => candidate.id === 'fleet-checkout-availability-payment-28d-strict')!;
    expect(strict.objective).toBe(99.95);
    const sync = fleet.find((candidate) => candidate.id === 'fleet-karmada-update-member2-30d')!;
    expect(sync.sli).toEqual({
      events: {
        errorQuery:
          'sum(label_replace(rate(update_resource_to_cluster{member_cluster="member2",result="error"}[{{.window}}]), "operation", "update", "", ""))',
        totalQuery:
          'sum(label_replace(rate(update_resource_to_cluster{member_cluster="member2"}[{{.window}}]), "operation", "update", "", ""))',
      },
    });
  });

  it('plans at most four overview queries per SLO (the benchmark target)', () => {
    const now = 1793491200;
    for (const spec of fleet) {
      expect(planQueries(spec, { from: now - 86400, to: now, view: 'overview' }).queries.length).toBeLessThanOrEqual(4);
    }
  });
});
