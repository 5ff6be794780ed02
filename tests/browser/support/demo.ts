/**
 * What the demo data says, computed in Node with the engine against the same demo Prometheus the
 * page reads: the specs compare the page with these, so that a page showing something the data does
 * not say fails.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  type BurndownResult,
  type EventBucket,
  type PeriodSpec,
  type SloSpec,
  burndown,
  parseSloSpecsYaml,
} from '../../../src/domain';
import { PrometheusHttpClient } from '../../../src/prometheus/httpClient';
import { loadSlo } from '../../../src/prometheus/loadSlo';
import { type RowStatus, type SloRowModel, rowsFromReading } from '../../../src/scenes/viewModels/sloRow';
import { DEMO_END_DEFAULT, demoTimeline } from '../../../scripts/demo/timeline';
import type { HostPanelQuery } from '../panels';
import { hostEnv } from './fixtures';

export const TIMELINE = demoTimeline(DEMO_END_DEFAULT);
const HOUR = 3600;

/** One hour into the Calico outage: the API server read SLO pages (1h/5m and 6h/30m). */
export const DURING_CALICO = TIMELINE.incidents.calicoOutage.start + HOUR;
/** The overview's time range in the specs: the day up to DURING_CALICO. */
export const OVERVIEW_RANGE = { from: DURING_CALICO - 24 * HOUR, to: DURING_CALICO };
/** The detail page's: the six hours up to DURING_CALICO. */
export const DETAIL_RANGE = { from: DURING_CALICO - 6 * HOUR, to: DURING_CALICO };

export function demoSpecs(): SloSpec[] {
  const file = path.resolve(__dirname, '..', '..', '..', 'demo', 'slos.yaml');
  const { valid, problems } = parseSloSpecsYaml(readFileSync(file, 'utf8'));
  if (problems.some((problem) => problem.severity === 'error') || valid.length === 0) {
    throw new Error(`demo/slos.yaml does not validate: ${JSON.stringify(problems)}`);
  }
  return valid;
}

/** The words of the overview's state badge (src/components/StatusBadge.tsx) for each row status. */
export const STATUS_TEXT: Record<RowStatus, string> = {
  page: 'Page',
  exhausted: 'Exhausted',
  ticket: 'Ticket',
  'insufficient-traffic': 'Insufficient traffic',
  ok: 'OK',
  'no-traffic': 'No traffic',
  'no-data': 'No data',
  error: 'Error',
  loading: 'Loading',
};

function client(): PrometheusHttpClient {
  return new PrometheusHttpClient({ url: hostEnv('SLOBURN_BROWSER_PROMETHEUS_URL') });
}

/** The overview's rows for the demo SLOs over `range`, as plan → Prometheus → engine gives them in Node. */
export async function expectedOverviewRows(range: { from: number; to: number }): Promise<SloRowModel[]> {
  const http = client();
  const readings = await Promise.all(
    demoSpecs().map((spec) => loadSlo(http, spec, { ...range, view: 'overview', pointsLimit: 'coarsen' }))
  );
  return readings.flatMap(({ reading }) => rowsFromReading(reading));
}

export interface Crossing {
  /** The last series time on one side and the first on the other (Unix seconds). */
  before: number;
  after: number;
  direction: 'below' | 'above';
}

export interface PanelBurndownReference {
  burndown: BurndownResult;
  crossings: Crossing[];
  step: number;
}

/**
 * A burndown panel's chart, computed in Node from the panel's own queries: each query run as a range
 * query at the step Grafana gives it (`$__interval` = step; start and end aligned to it), each point
 * read as the events of the step ending at its time, then the engine's `burndown` as of the end of
 * the range; and where the remaining budget crosses the ideal line.
 */
export async function panelBurndownReference(options: {
  queries: HostPanelQuery[];
  step: number;
  range: { from: number; to: number };
  objectivePercent: number;
  period: PeriodSpec;
}): Promise<PanelBurndownReference> {
  const { step, range } = options;
  const start = Math.floor(range.from / step) * step;
  const end = Math.floor(range.to / step) * step;
  const http = client();
  const series = async (refId: string) => {
    const query = options.queries.find((candidate) => candidate.refId === refId)!;
    const expr = query.expr.split('$__interval').join(`${step}s`);
    const { response } = await http.rangeQuery(expr, start, end, step);
    if (response.status !== 'success' || !response.data) {
      throw new Error(`${refId}: ${JSON.stringify(response)}`);
    }
    const [only] = response.data.result as Array<{ values: Array<[number, string]> }>;
    return new Map(only.values.map(([time, value]) => [time, Number(value)]));
  };
  const [bad, total] = await Promise.all([series('bad'), series('total')]);
  const buckets: EventBucket[] = [...total.entries()].map(([time, count]) => ({
    start: time - step,
    end: time,
    bad: bad.get(time) ?? 0,
    total: count,
  }));
  const result = burndown(buckets, { objectivePercent: options.objectivePercent, period: options.period, now: end });
  return { burndown: result, crossings: crossings(result), step };
}

function crossings(result: BurndownResult): Crossing[] {
  const ideal = new Map(result.ideal.map((point) => [point.time, point.remaining]));
  const found: Crossing[] = [];
  let previous: { time: number; above: boolean } | null = null;
  for (const point of result.series) {
    const idealHere = ideal.get(point.time);
    if (idealHere === undefined || point.remaining === idealHere) {
      continue;
    }
    const above = point.remaining > idealHere;
    if (previous && previous.above !== above) {
      found.push({ before: previous.time, after: point.time, direction: above ? 'above' : 'below' });
    }
    previous = { time: point.time, above };
  }
  return found;
}

/** The engine's remaining budget and ideal line at a time of the series. */
export function valuesAt(reference: BurndownResult, time: number): { remaining: number; ideal: number } {
  const remaining = reference.series.find((point) => point.time === time)?.remaining;
  const ideal = reference.ideal.find((point) => point.time === time)?.remaining;
  if (remaining === undefined || ideal === undefined) {
    throw new Error(`the engine's burndown has no point at ${new Date(time * 1000).toISOString()}`);
  }
  return { remaining, ideal };
}

export function iso(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString();
}

export { DEMO_END_DEFAULT };
