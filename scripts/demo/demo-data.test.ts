/** @jest-environment node */
import { generateOpenMetrics, generateOpenMetricsByTime, simulateDemo, type DemoDataOptions } from './demo-data';
import { sampleGrid, sampleTime, type MetricFamily, type Series } from './series';
import { DEMO_END_DEFAULT, HOUR_SECONDS, containsInstant, coversMinuteEndingAt, demoTimeline } from './timeline';

async function openMetricsText(options: DemoDataOptions): Promise<string> {
  const chunks: string[] = [];
  await generateOpenMetrics(options, (chunk) => {
    chunks.push(chunk);
  });
  return chunks.join('');
}

function label(series: Series, name: string): string | undefined {
  return series.labels.find(([labelName]) => labelName === name)?.[1];
}

/** The series' labels other than `le`, as a key shared by a histogram's buckets, sum and count. */
function labelsKey(series: Series, without: string[] = ['le']): string {
  return series.labels
    .filter(([name]) => !without.includes(name))
    .map(([name, value]) => `${name}=${value}`)
    .join(',');
}

function allSeries(families: MetricFamily[], name?: string): Series[] {
  return families.flatMap((family) => family.series).filter((series) => name === undefined || series.name === name);
}

describe('generateOpenMetrics', () => {
  const short = { end: DEMO_END_DEFAULT, days: 0.25, seed: 1 };

  it('is byte-identical for the same seed and end', async () => {
    expect(await openMetricsText(short)).toBe(await openMetricsText(short));
  });

  it('differs for another seed', async () => {
    expect(await openMetricsText({ ...short, seed: 2 })).not.toBe(await openMetricsText(short));
  });

  it('writes families contiguously, series in time order on the minute grid, and ends with # EOF', async () => {
    const text = await openMetricsText(short);
    expect(text.endsWith('\n# EOF\n')).toBe(true);
    const familiesSeen: string[] = [];
    const lastTimestamp = new Map<string, number>();
    const problems: string[] = [];
    let currentFamily = '';
    for (const line of text.split('\n').slice(0, -2)) {
      const type = /^# TYPE (\S+) (counter|gauge|histogram|unknown)$/.exec(line);
      if (type) {
        if (familiesSeen.includes(type[1])) {
          problems.push(`family ${type[1]} appears twice`);
        }
        familiesSeen.push(type[1]);
        currentFamily = type[1];
        continue;
      }
      if (line.startsWith('# HELP ')) {
        continue;
      }
      const sample = /^([a-z_]+)(\{[^}]*\}) (\d+(?:\.\d{3})?) (\d+)$/.exec(line);
      if (!sample) {
        problems.push(`not a sample: ${line}`);
        continue;
      }
      const [, name, labels, , timestamp] = sample;
      const time = Number(timestamp);
      const series = name + labels;
      if (!name.startsWith(currentFamily) || time % 60 !== 0 || time <= (lastTimestamp.get(series) ?? 0)) {
        problems.push(`out of place: ${line}`);
      }
      lastTimestamp.set(series, time);
    }
    expect(problems).toEqual([]);
    expect(familiesSeen).toEqual([
      'apiserver_request',
      'apiserver_request_sli_duration_seconds',
      'create_resource_to_cluster',
      'update_resource_to_cluster',
      'delete_resource_from_cluster',
      'cluster_ready_state',
      'http_requests',
      'http_request_duration_seconds',
    ]);
  });

  it('splits into time slices that together hold every sample once', async () => {
    const whole = await openMetricsText(short);
    const slices = new Map<number, string[]>();
    const stats = await generateOpenMetricsByTime(short, 2 * HOUR_SECONDS, (start) => {
      slices.set(start, []);
      return (chunk) => {
        slices.get(start)?.push(chunk);
      };
    });
    const sampleLines = (text: string) => text.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
    const sliceTexts = [...slices.values()].map((chunks) => chunks.join(''));
    expect(sliceTexts.every((text) => text.endsWith('# EOF\n'))).toBe(true);
    expect(sliceTexts.flatMap(sampleLines).sort()).toEqual(sampleLines(whole).sort());
    expect(stats.samples).toBe(sampleLines(whole).length);
  });
});

describe('simulateDemo', () => {
  // Nine days reach back to member3Flapping and cover every incident.
  const options = { end: DEMO_END_DEFAULT, days: 9, seed: 1 };
  const families = simulateDemo(options);
  const timeline = demoTimeline(options.end, options.days);
  const grid = sampleGrid(timeline.start, timeline.end);
  const { calicoOutage, checkoutRestart, checkoutQuietHour, member2Unreachable } = timeline.incidents;
  const restartIndex = (checkoutRestart.end - grid.start) / 60;
  const isCheckout = (series: Series) => series.name.startsWith('http_');
  const counters = families.filter((family) => family.type !== 'gauge').flatMap((family) => family.series);

  it('keeps the series count around two hundred', () => {
    expect(allSeries(families).length).toBe(225);
  });

  it('counts in whole numbers that never decrease, except when checkout restarts', () => {
    const problems: string[] = [];
    for (const series of counters) {
      let previous = 0;
      series.values.forEach((value, index) => {
        if (Number.isNaN(value)) {
          return;
        }
        const restarts = index === restartIndex && isCheckout(series);
        if (!Number.isInteger(value) || (value < previous && !restarts)) {
          problems.push(
            `${series.name}{${labelsKey(series, [])}} at ${sampleTime(grid, index)}: ${previous} -> ${value}`
          );
        }
        previous = value;
      });
    }
    expect(problems).toEqual([]);
  });

  it('restarts every checkout series from zero after a scrape gap, and leaves no gap elsewhere', () => {
    const problems: string[] = [];
    for (const series of allSeries(families)) {
      series.values.forEach((value, index) => {
        const inGap = isCheckout(series) && containsInstant(checkoutRestart, sampleTime(grid, index));
        if (Number.isNaN(value) !== inGap) {
          problems.push(`${series.name}{${labelsKey(series, [])}} at ${sampleTime(grid, index)}: ${value}`);
        }
      });
      const beforeGap = series.values[restartIndex - 6];
      if (isCheckout(series) && beforeGap > 0 && series.values[restartIndex] >= beforeGap) {
        problems.push(
          `${series.name}{${labelsKey(series, [])}} does not restart: ${beforeGap} -> ${series.values[restartIndex]}`
        );
      }
    }
    expect(problems).toEqual([]);
    const busiest = allSeries(families, 'http_requests_total').find((series) => label(series, 'route') === '/cart');
    expect(busiest?.values[restartIndex]).toBeLessThan(3000);
  });

  it('keeps histogram buckets cumulative, with +Inf equal to _count', () => {
    const histograms = families.filter((family) => family.type === 'histogram').flatMap((family) => family.series);
    const bucketsByLabels = new Map<string, Series[]>();
    for (const series of histograms.filter((candidate) => candidate.name.endsWith('_bucket'))) {
      bucketsByLabels.set(labelsKey(series), [...(bucketsByLabels.get(labelsKey(series)) ?? []), series]);
    }
    expect(bucketsByLabels.size).toBe(11 + 3);
    const problems: string[] = [];
    for (const [key, buckets] of bucketsByLabels) {
      const count = histograms.find((series) => series.name.endsWith('_count') && labelsKey(series) === key);
      expect(label(buckets[buckets.length - 1], 'le')).toBe('+Inf');
      for (let index = 0; index < grid.count; index++) {
        for (let bucket = 1; bucket < buckets.length; bucket++) {
          if (buckets[bucket].values[index] < buckets[bucket - 1].values[index]) {
            problems.push(`${key} le=${label(buckets[bucket], 'le')} at ${sampleTime(grid, index)}`);
          }
        }
        if (!Object.is(buckets[buckets.length - 1].values[index], count?.values[index])) {
          problems.push(`${key} +Inf != _count at ${sampleTime(grid, index)}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('counts each request once by code and once in the duration histogram', () => {
    const requestTotals = [
      ...allSeries(families, 'apiserver_request_total'),
      ...allSeries(families, 'http_requests_total'),
    ];
    const byEndpoint = new Map<string, Float64Array>();
    for (const series of requestTotals) {
      const key = labelsKey(series, ['code', 'method']);
      const sum = byEndpoint.get(key) ?? new Float64Array(grid.count);
      series.values.forEach((value, index) => (sum[index] += value));
      byEndpoint.set(key, sum);
    }
    const counts = [
      ...allSeries(families, 'apiserver_request_sli_duration_seconds_count'),
      ...allSeries(families, 'http_request_duration_seconds_count'),
    ];
    expect(counts.length).toBe(byEndpoint.size);
    for (const count of counts) {
      expect(Array.from(byEndpoint.get(labelsKey(count)) ?? [])).toEqual(Array.from(count.values));
    }
  });

  it('times out every Calico request during calicoOutage, and no other', () => {
    const outageIndices = indicesOfMinutesIn(calicoOutage);
    for (const series of allSeries(families, 'apiserver_request_total')) {
      const increase = increaseOver(series, outageIndices);
      const calico = label(series, 'group') === 'projectcalico.org';
      if (calico && label(series, 'code') !== '504') {
        expect(increase).toBe(0);
      }
      if (calico && label(series, 'code') === '504') {
        expect(increase).toBeGreaterThan(1000);
      }
    }
    for (const bucket of allSeries(families, 'apiserver_request_sli_duration_seconds_bucket')) {
      if (label(bucket, 'group') === 'projectcalico.org' && label(bucket, 'le') !== '+Inf') {
        expect(increaseOver(bucket, outageIndices)).toBe(0);
      }
    }
  });

  it('fails every operation to member2 while it is unreachable, and marks it NotReady', () => {
    const indices = indicesOfMinutesIn(member2Unreachable);
    const karmada = ['create_resource_to_cluster', 'update_resource_to_cluster', 'delete_resource_from_cluster'];
    const member2 = karmada
      .flatMap((name) => allSeries(families, name))
      .filter((series) => label(series, 'member_cluster') === 'member2');
    for (const series of member2) {
      const increase = increaseOver(series, indices);
      if (label(series, 'result') === 'success') {
        expect(increase).toBe(0);
      }
    }
    const readiness = allSeries(families, 'cluster_ready_state').find(
      (series) => label(series, 'member_cluster') === 'member2'
    );
    expect(indices.map((index) => readiness?.values[index])).toEqual(indices.map(() => 0));
    expect(readiness?.values[indices[0] - 1]).toBe(1);
    expect(readiness?.values[indices[indices.length - 1] + 1]).toBe(1);
  });

  it('serves no checkout request in the quiet hour', () => {
    for (const series of allSeries(families).filter(isCheckout)) {
      expect(increaseOver(series, indicesOfMinutesIn(checkoutQuietHour))).toBe(0);
    }
  });

  /** Indices of the samples that report minutes inside the window. */
  function indicesOfMinutesIn(window: { start: number; end: number }): number[] {
    const indices: number[] = [];
    for (let index = 0; index < grid.count; index++) {
      if (coversMinuteEndingAt(window, sampleTime(grid, index))) {
        indices.push(index);
      }
    }
    return indices;
  }

  /** How much a counter grew over the minutes of the samples at `indices` (consecutive). */
  function increaseOver(series: Series, indices: number[]): number {
    return series.values[indices[indices.length - 1]] - series.values[indices[0] - 1];
  }
});
