import { type SloSpec, evaluateRecorded } from '../../domain';
import type { QueryResult } from '../series';
import { slothErrorRatioQuery } from '../slothDiscovery';
import type { RecordedMatch } from './detect';
import { readRecordedSlos, recordedReadPlans, recordedReadQueries } from './read';
import { discoveredSlothId, recordedWindows } from './records';

const now = 1_793_400_000;

function specFor(id: string, change: Partial<SloSpec> = {}): SloSpec {
  return {
    id,
    name: id,
    service: 'shop',
    objective: 99.9,
    period: { rolling: '30d' },
    budgetingMethod: 'occurrences',
    sli: { events: { errorQuery: 'e[{{.window}}]', totalQuery: 't[{{.window}}]' } },
    ...change,
  };
}

function matchOf(spec: SloSpec, slothId = spec.id): RecordedMatch {
  return { spec, slothId, rules: 'sloburn', windows: recordedWindows(spec) };
}

/** Answers as Prometheus gives them: one series per sloth_id and window, the window copied into a label. */
function answer(refId: string, values: Array<[slothId: string, window: string, value: number]>): QueryResult {
  return {
    refId,
    series: values.map(([slothId, window, value]) => ({
      labels: {
        sloth_id: slothId,
        sloth_service: 'shop',
        sloth_slo: slothId,
        sloth_window: window,
        sloburn_window: window,
      },
      times: [now],
      values: [value],
    })),
  };
}

const WINDOWS = ['5m', '30m', '1h', '2h', '6h', '1d', '3d', '30d'];

function allWindows(slothId: string, ratio: (window: string) => number): Array<[string, string, number]> {
  return WINDOWS.map((window) => [slothId, window, ratio(window)]);
}

describe('recordedReadQueries', () => {
  it("reads every matched SLO's windows and period in one short query", () => {
    const queries = recordedReadQueries([matchOf(specFor('checkout')), matchOf(specFor('cart'))]);
    expect(queries).toEqual([
      {
        refId: 'recorded-0',
        expr:
          'label_replace({__name__=~"slo:sli_error:ratio_rate(?:5m|30m|1h|2h|6h|1d|3d|30d)",sloth_id=~"checkout|cart"}, ' +
          '"sloburn_window", "$1", "__name__", "slo:sli_error:ratio_rate(.+)")',
        sloIds: ['checkout', 'cart'],
      },
    ]);
  });

  it('splits a fleet into queries under the length limit, each SLO in exactly one, with its own windows', () => {
    const specs = Array.from({ length: 1000 }, (_, index) =>
      specFor(`fleet-service-${index}-availability`, index % 3 === 0 ? { period: { rolling: '28d' } } : {})
    );
    const queries = recordedReadQueries(specs.map((spec) => matchOf(spec)));
    expect(queries.length).toBeGreaterThan(10);
    expect(queries.length).toBeLessThan(30);
    expect(Math.max(...queries.map((query) => query.expr.length))).toBeLessThanOrEqual(3000);
    expect(queries.flatMap((query) => query.sloIds).sort()).toEqual(specs.map((spec) => spec.id).sort());
    for (const query of queries) {
      expect(query.expr).toContain('30d');
      expect(query.expr).toContain('28d');
    }
    expect(
      recordedReadQueries(
        specs.map((spec) => matchOf(spec)),
        { maxQueryLength: 8000 }
      ).length
    ).toBeLessThan(queries.length);
  });

  it('escapes sloth ids as regex values and reads a shared id once', () => {
    const discovered = specFor('a-b', {
      sli: { raw: { errorRatioQuery: slothErrorRatioQuery('a.b|c') } },
    });
    const queries = recordedReadQueries([matchOf(discovered, 'a.b|c'), matchOf(specFor('copy'), 'a.b|c')]);
    expect(queries).toHaveLength(1);
    expect(queries[0].expr).toContain('sloth_id=~"a\\\\.b\\\\|c"');
    expect(queries[0].sloIds).toEqual(['a-b', 'copy']);
  });

  it('makes plans of instant queries at the instant asked', () => {
    const [plan] = recordedReadPlans(recordedReadQueries([matchOf(specFor('checkout'))]), now + 0.7);
    expect(plan.now).toBe(now);
    expect(plan.queries).toEqual([
      expect.objectContaining({ refId: 'recorded-0', instant: true, start: now, end: now, role: 'windows' }),
    ]);
  });
});

describe('readRecordedSlos', () => {
  const checkout = matchOf(specFor('checkout'));
  const cart = matchOf(specFor('cart'));
  const queries = recordedReadQueries([checkout, cart]);

  it('evaluates each SLO from its ratios, as evaluateRecorded does, marked as read from rules', () => {
    const ratio = (window: string) => (window === '5m' ? 0.05 : window === '1h' ? 0.03 : 0.0005);
    const readings = readRecordedSlos(
      [checkout, cart],
      queries,
      [answer('recorded-0', [...allWindows('checkout', ratio), ...allWindows('cart', () => 0)])],
      now
    );
    const reading = readings.get('checkout')!;
    expect(reading).toMatchObject({ kind: 'evaluated', source: 'rules', breakdown: null, notes: [] });
    if (reading.kind !== 'evaluated') {
      throw new Error(reading.message);
    }
    const expected = evaluateRecorded(
      checkout.spec,
      {
        windows: { 300: 0.05, 1800: 0.0005, 3600: 0.03, 7200: 0.0005, 21600: 0.0005, 86400: 0.0005, 259200: 0.0005 },
        period: 0.0005,
      },
      { now }
    );
    expect(reading.groups).toEqual([{ labels: {}, buckets: [], events: expect.anything(), evaluation: expected }]);
    expect(reading.groups[0].evaluation.status).toBe('page');
    expect(reading.plan.queries.map((query) => query.expr)).toEqual([queries[0].expr]);
    expect(readings.get('cart')).toMatchObject({ kind: 'evaluated', groups: [{ evaluation: { status: 'ok' } }] });
  });

  it('reads NaN (0/0) as no traffic', () => {
    const readings = readRecordedSlos(
      [checkout],
      recordedReadQueries([checkout]),
      [
        answer(
          'recorded-0',
          allWindows('checkout', () => Number.NaN)
        ),
      ],
      now
    );
    expect(readings.get('checkout')).toMatchObject({
      kind: 'evaluated',
      groups: [{ evaluation: { status: 'no-traffic', budgetRemaining: null } }],
    });
  });

  it('makes a missing record the SLO’s error, naming it, and leaves the other SLOs alone', () => {
    const values = allWindows('checkout', () => 0.001).filter(([, window]) => window !== '6h' && window !== '30d');
    const readings = readRecordedSlos(
      [checkout, cart],
      queries,
      [answer('recorded-0', [...values, ...allWindows('cart', () => 0)])],
      now
    );
    expect(readings.get('checkout')).toMatchObject({
      kind: 'error',
      source: 'rules',
      message:
        'recording rules incomplete at 2026-10-30T22:40:00Z: no slo:sli_error:ratio_rate6h{sloth_id="checkout"}, ' +
        'no slo:sli_error:ratio_rate30d{sloth_id="checkout"}',
    });
    expect(readings.get('cart')?.kind).toBe('evaluated');
  });

  it('makes two series of one record an error, never one of them', () => {
    const values = allWindows('checkout', () => 0.001);
    const readings = readRecordedSlos(
      [checkout],
      recordedReadQueries([checkout]),
      [answer('recorded-0', [...values, ['checkout', '1h', 0.5]])],
      now
    );
    expect(readings.get('checkout')).toMatchObject({
      kind: 'error',
      message: expect.stringContaining('2 series of slo:sli_error:ratio_rate1h{sloth_id="checkout"}'),
    });
  });

  it('gives every SLO of a failed query its error, and only those', () => {
    const split = recordedReadQueries([checkout, cart], { maxQueryLength: 150 });
    expect(split.map((query) => query.sloIds)).toEqual([['checkout'], ['cart']]);
    const readings = readRecordedSlos(
      [checkout, cart],
      split,
      [
        { refId: 'recorded-0', series: [], error: 'timeout: query timed out' },
        answer(
          'recorded-1',
          allWindows('cart', () => 0)
        ),
      ],
      now
    );
    expect(readings.get('checkout')).toMatchObject({
      kind: 'error',
      message: 'recording rules could not be read: timeout: query timed out',
    });
    expect(readings.get('cart')?.kind).toBe('evaluated');
  });

  it("reads a discovered SLO under Sloth's id", () => {
    const spec = specFor('myservice-requests', {
      sli: { raw: { errorRatioQuery: slothErrorRatioQuery('my/service') } },
    });
    expect(discoveredSlothId(spec)).toBe('my/service');
    const match: RecordedMatch = { spec, slothId: 'my/service', rules: 'sloth', windows: recordedWindows(spec) };
    const readings = readRecordedSlos(
      [match],
      recordedReadQueries([match]),
      [
        answer(
          'recorded-0',
          allWindows('my/service', () => 0.002)
        ),
      ],
      now
    );
    expect(readings.get('myservice-requests')).toMatchObject({
      kind: 'evaluated',
      groups: [{ evaluation: { status: 'exhausted', budgetRemaining: expect.closeTo(-1, 9) } }],
    });
  });
});

describe('discoveredSlothId', () => {
  it('reads back the id of the query discovery writes, escapes included, and nothing else', () => {
    const id = 'we"ird\\id';
    expect(discoveredSlothId(specFor('x', { sli: { raw: { errorRatioQuery: slothErrorRatioQuery(id) } } }))).toBe(id);
    const extended = `${slothErrorRatioQuery('a')} * 2`;
    expect(discoveredSlothId(specFor('x', { sli: { raw: { errorRatioQuery: extended } } }))).toBeNull();
    expect(discoveredSlothId(specFor('x'))).toBeNull();
  });
});
