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
  it('backtests the pairs over the whole last period, reading the longest window before it', async () => {
    const requestsBefore = steady.requests.length;
    const reading = await readDraft(spec(), { datasource: 'prom', now: NOW, getDataSource });
    if (reading.kind !== 'evaluated') {
      throw new Error(reading.message);
    }
    const result = reading.alertHistory;
    // The plan reads the 30-day period and the 3-day window before its first evaluation, in one request.
    expect(reading.plan.bucketStart).toBe(NOW - 33 * DAY);
    expect(steady.requests.length - requestsBefore).toBe(1);
    expect(result).toMatchObject({ from: NOW - 30 * DAY, to: NOW, stepSeconds: 300 });
    // 5×: the ticket pairs (3×, 1×) fire all along; the page pairs (14.4×, 6×) never.
    expect(result.severities.ticket).toMatchObject({ count: 1, firingSeconds: 30 * DAY });
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
    expect(reading.alertHistory.severities.ticket.count).toBe(0);
    expect(reading.alertHistory.severities.page.count).toBe(0);
  });

  it('reads nothing once aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const reading = await readDraft(spec(), { datasource: 'prom', now: NOW, getDataSource, signal: controller.signal });
    expect(reading).toMatchObject({ kind: 'error', message: 'superseded by a newer draft' });
  });
});
