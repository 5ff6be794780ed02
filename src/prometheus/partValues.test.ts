import { evaluateSlo, type SloSpec } from '../domain';
import { type PartSeries, collectParts, countsAt } from './partValues';
import type { BucketRole } from './sliQueries';

function countsOf(parts: Array<{ role: BucketRole; value: number; le?: string }>, goodIsCounted = false) {
  const series: PartSeries[] = parts.map(({ role, value, le }) => ({
    role,
    labels: le === undefined ? ({} as Record<string, string>) : { le },
    slots: [300],
    values: [value],
    scale: 1,
  }));
  const { groups } = collectParts(series);
  return countsAt([...groups.values()][0], 0, 300, goodIsCounted);
}

describe('countsAt', () => {
  it('passes counts that cannot be an error ratio on raw, for the engine to clamp and report', () => {
    // Good above total (ratio SLI), the threshold bucket above +Inf (latency), a gauge reading 2.
    expect(
      countsOf(
        [
          { role: 'good', value: 1500 },
          { role: 'total', value: 1000 },
        ],
        true
      )
    ).toEqual({
      bad: -500,
      total: 1000,
    });
    expect(
      countsOf([
        { role: 'latency', value: 120, le: '0.3' },
        { role: 'latency', value: 100, le: '+Inf' },
      ])
    ).toEqual({ bad: -20, total: 100 });
    expect(countsOf([{ role: 'availability', value: 2 }])).toEqual({ bad: -300, total: 300 });
    expect(
      countsOf([
        { role: 'bad', value: -12.3 },
        { role: 'total', value: 1000 },
      ])
    ).toEqual({ bad: -12.3, total: 1000 });
  });

  it('tells a raw ratio of 0/0 (no traffic) from a ratio of −1, which is out of range', () => {
    expect(countsOf([{ role: 'errorRatio', value: Number.NaN }])).toEqual({ bad: 0, total: 0 });
    expect(countsOf([{ role: 'errorRatio', value: -1 }])).toEqual({ bad: -300, total: 300 });
  });

  it('reaches the engine as a note, never as a negative burn rate', () => {
    const spec: SloSpec = {
      id: 'ratio',
      name: 'Ratio',
      service: 's',
      objective: 99,
      period: { rolling: '30d' },
      budgetingMethod: 'occurrences',
      sli: { ratio: { goodQuery: 'g[{{.window}}]', totalQuery: 't[{{.window}}]' } },
    };
    const counts = countsOf(
      [
        { role: 'good', value: 1500 },
        { role: 'total', value: 1000 },
      ],
      true
    )!;
    const result = evaluateSlo(
      spec,
      { buckets: [{ start: 0, end: 300, ...counts }], windowCounts: { 300: counts } },
      { now: 300 }
    );
    expect(result.windows[0]).toMatchObject({ errorRatio: 0, burnRate: 0 });
    expect(result.notes[0]).toMatch(/^good events exceed total events in 5m, .* \(ratio 1\.5\)/);
  });
});
