import type { DataSourceApi } from '@grafana/data';
import type { SloSpec } from '../../domain';
import { fakePrometheusDataSource } from '../../panels/shared/testing/fakePrometheus';
import { checkDraft, readDraft } from './readDraft';

const DAY = 86400;
/** 2026-11-01 00:00 UTC. */
const NOW = 1793491200;

/** 1 request per second, 0.5% of them bad, all the time: 5× the budget rate of 99.9%. */
const steady = fakePrometheusDataSource((refId) => (refId.startsWith('bad') ? 0.005 : 1));
const getDataSource = async () => steady.datasource as unknown as DataSourceApi;

function spec(overrides: Record<string, unknown> = {}): SloSpec {
  const check = checkDraft({
    id: 'checkout',
    name: 'Checkout',
    service: 'checkout',
    objective: 99.9,
    sli: {
      events: {
        errorQuery: 'sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))',
        totalQuery: 'sum(rate(http_requests_total[{{.window}}]))',
      },
    },
    ...overrides,
  });
  if (check.kind !== 'valid') {
    throw new Error(JSON.stringify(check.errors));
  }
  return check.spec;
}

describe('readDraft', () => {
  it('backtests the pairs from where the buckets read hold the longest window, to now', async () => {
    const reading = await readDraft(spec(), { datasource: 'prom', now: NOW, getDataSource });
    if (reading.kind !== 'evaluated') {
      throw new Error(reading.message);
    }
    const { result, shortenedBy } = reading.alertHistory;
    // The overview's plan reads the 30-day period; the 3-day window needs 3 days of it before its first evaluation.
    expect(reading.plan.bucketStart).toBe(NOW - 30 * DAY);
    expect(result).toMatchObject({ from: NOW - 27 * DAY, to: NOW, stepSeconds: 300 });
    expect(shortenedBy).toBe(3 * DAY);
    // 5×: the ticket pairs (3×, 1×) fire all along; the page pairs (14.4×, 6×) never.
    expect(result.severities.ticket).toMatchObject({ count: 1, firingSeconds: 27 * DAY });
    expect(result.severities.ticket.episodes[0].open).toBe(true);
    expect(result.severities.page.count).toBe(0);
    // And the budget, spent at 5× for 30 days, is gone.
    expect(reading.evaluation.status).toBe('exhausted');
  });

  it('backtests time slices, as the engine budgets them: slices at their target are good', async () => {
    // 99.5% good in every 5-minute slice meets a 99% slice target: no bad slice, nothing fires.
    const sliced = spec({ budgetingMethod: 'timeslices', timesliceTarget: 99, timesliceWindow: '5m' });
    const reading = await readDraft(sliced, { datasource: 'prom', now: NOW, getDataSource });
    if (reading.kind !== 'evaluated') {
      throw new Error(reading.message);
    }
    expect(reading.evaluation).toMatchObject({ status: 'ok', budgetRemaining: 1 });
    expect(reading.alertHistory.result.severities.ticket.count).toBe(0);
    expect(reading.alertHistory.result.severities.page.count).toBe(0);
  });

  it('reads nothing once aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const reading = await readDraft(spec(), { datasource: 'prom', now: NOW, getDataSource, signal: controller.signal });
    expect(reading).toMatchObject({ kind: 'error', message: 'superseded by a newer draft' });
  });
});
