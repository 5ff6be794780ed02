import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { selectors } from '@grafana/e2e-selectors';
import { SceneTimeRange } from '@grafana/scenes';
import type { SloSpec } from '../../domain';
import { RangeCache } from '../../prometheus/fleet';
import { syntheticPrometheus } from '../../prometheus/fleet/testing/syntheticPrometheus';
import { AdaptiveScheduler } from '../../prometheus/scheduler';
import { type SceneFixture, installRecordedPrometheus, isoTime } from '../testing/recordedPrometheus';
import { renderScene } from '../testing/renderScene';
import fixture from '../../../tests/fixtures/scenes/overview-calico-outage.json';
import { SloFleetData } from './SloFleetData';
import { PAGE_SIZE } from './SloOverview';
import { overviewScene } from './overviewScene';

configure({ asyncUtilTimeout: 15_000 });

const TO = 1793268000 + 37;

/** A fleet of SLOs with zero-padded ids, so that sorting by name keeps their number order. */
function fleet(count: number): SloSpec[] {
  return Array.from({ length: count }, (_, index) => {
    const id = `slo-${String(index).padStart(3, '0')}`;
    return {
      id,
      name: id,
      service: 'checkout',
      objective: 99.5,
      period: { rolling: '7d' },
      budgetingMethod: 'occurrences',
      sli: {
        events: {
          errorQuery: `sum(rate(http_requests_total{slo="${id}",code=~"5.."}[{{.window}}]))`,
          totalQuery: `sum(rate(http_requests_total{slo="${id}"}[{{.window}}]))`,
        },
      },
    };
  });
}

function renderFleet(specs: SloSpec[], latencyTicks = 2) {
  // Grafana's runtime for the picker and data source lookups; the data itself comes from the synthetic source.
  installRecordedPrometheus(fixture as SceneFixture);
  const prometheus = syntheticPrometheus({ specs, clock: () => Date.now() / 1000, latencyTicks });
  const scheduler = new AdaptiveScheduler({ initialConcurrency: 1, maxConcurrency: 1 });
  const scene = overviewScene(
    { specs, problems: [], discovered: [], defaultDatasourceUid: 'synthetic' },
    { from: isoTime(TO - 86400), to: isoTime(TO) },
    { executor: prometheus.executor, cache: new RangeCache(), schedulerFor: () => scheduler }
  );
  renderScene(scene);
  return { prometheus, scene };
}

const rowIds = () => screen.getAllByTestId(/^slo-row-/).map((row) => row.getAttribute('data-testid')!.slice(8));

describe('the overview of a fleet', () => {
  it('shows rows as they arrive, the page in view first, and follows the user to another page', async () => {
    const specs = fleet(3 * PAGE_SIZE);
    const { prometheus } = renderFleet(specs);
    // A page at a time: the first page of rows, all loading, and the count of SLOs still to read.
    expect(rowIds()).toHaveLength(PAGE_SIZE);
    expect(screen.getByTestId('summary-pending')).toHaveTextContent(`${specs.length} pending`);
    await waitFor(() => expect(prometheus.requests.length).toBeGreaterThan(5));
    // The user goes to page 3: SLOs still loading (sorted last, by name), none read yet.
    fireEvent.click(screen.getByRole('button', { name: '3' }));
    const atClick = prometheus.requests.length;
    const pageThree = new Set(rowIds());
    expect(pageThree.size).toBe(PAGE_SIZE);
    for (const id of pageThree) {
      expect(screen.getByTestId(`slo-row-${id}`)).toHaveAttribute('data-status', 'loading');
    }
    await waitFor(() => expect(prometheus.requests.length).toBeGreaterThan(atClick + 10));
    const order = prometheus.requests.map((plan) => plan.sloId);
    // Before the click: the first page, in its order.
    expect(order.slice(0, 5)).toEqual(['slo-000', 'slo-001', 'slo-002', 'slo-003', 'slo-004']);
    // After it (one request may have been running already): the SLOs of page 3.
    expect(order.slice(atClick + 1, atClick + 10).filter((id) => !pageThree.has(id))).toEqual([]);
    expect(order.slice(atClick + 1, atClick + 10).some((id) => Number(id.slice(4)) >= 2 * PAGE_SIZE)).toBe(true);
    await waitFor(() => expect(screen.queryByTestId('summary-pending')).not.toBeInTheDocument(), { timeout: 60_000 });
    expect(within(screen.getByTestId('summary-SLOs')).getByText(String(specs.length))).toBeInTheDocument();
    expect(screen.queryAllByText('Loading')).toHaveLength(0);
  }, 90_000);

  it('reads the SLOs whose recording rules match from them, and says so on their rows and in the summary', async () => {
    const specs = fleet(8);
    installRecordedPrometheus(fixture as SceneFixture);
    // Rules for the first three as they are, for the fourth as it was before its objective changed.
    const rules = [...specs.slice(0, 3), { ...specs[3], objective: 99.9 }];
    const prometheus = syntheticPrometheus({ specs, clock: () => Date.now() / 1000, rules });
    renderScene(
      overviewScene(
        { specs, problems: [], discovered: [], defaultDatasourceUid: 'synthetic' },
        { from: isoTime(TO - 86400), to: isoTime(TO) },
        { executor: prometheus.executor, cache: new RangeCache(), schedulerFor: () => new AdaptiveScheduler() }
      )
    );
    await waitFor(() => expect(screen.queryByTestId('summary-pending')).not.toBeInTheDocument());
    expect(screen.getByTestId('summary-rules')).toHaveTextContent('3 read from recording rules');
    const withBadge = rowIds().filter((id) => within(screen.getByTestId(`slo-row-${id}`)).queryByTestId('rules-badge'));
    expect(withBadge.sort()).toEqual(['slo-000', 'slo-001', 'slo-002']);
    expect(prometheus.requests.map((plan) => plan.sloId).sort()).toEqual(specs.slice(3).map((spec) => spec.id));
    expect(
      within(screen.getByTestId('slo-row-slo-003')).getByText(
        "Recording rules not used: the rules were written for objective 99.9, the SLO's is 99.5"
      )
    ).toBeInTheDocument();
    for (const id of rowIds()) {
      expect(screen.getByTestId(`slo-row-${id}`)).not.toHaveAttribute('data-status', 'error');
    }
  }, 60_000);

  it('reads every SLO raw, none in error and none marked, when the rules cannot be detected', async () => {
    const specs = fleet(5);
    installRecordedPrometheus(fixture as SceneFixture);
    const prometheus = syntheticPrometheus({
      specs,
      clock: () => Date.now() / 1000,
      rules: specs,
      rulesError: { detection: 'execution: query timed out' },
    });
    renderScene(
      overviewScene(
        { specs, problems: [], discovered: [], defaultDatasourceUid: 'synthetic' },
        { from: isoTime(TO - 86400), to: isoTime(TO) },
        { executor: prometheus.executor, cache: new RangeCache(), schedulerFor: () => new AdaptiveScheduler() }
      )
    );
    await waitFor(() => expect(screen.queryByTestId('summary-pending')).not.toBeInTheDocument());
    expect(prometheus.recordedRequests.map((plan) => plan.sloId)).toEqual(['recorded-rules-detection']);
    expect(prometheus.requests).toHaveLength(5);
    expect(screen.queryByTestId('summary-rules')).not.toBeInTheDocument();
    expect(screen.queryAllByTestId('rules-badge')).toHaveLength(0);
    expect(rowIds().map((id) => screen.getByTestId(`slo-row-${id}`).getAttribute('data-status'))).not.toContain(
      'error'
    );
  }, 60_000);

  it('sets its rows in batches, not once per SLO', async () => {
    const specs = fleet(60);
    installRecordedPrometheus(fixture as SceneFixture);
    const prometheus = syntheticPrometheus({ specs, clock: () => Date.now() / 1000, latencyTicks: 0 });
    const data = new SloFleetData({
      slos: specs.map((spec) => ({ spec, datasource: 'synthetic' })),
      loader: { executor: prometheus.executor, cache: new RangeCache(), schedulerFor: () => new AdaptiveScheduler() },
      $timeRange: new SceneTimeRange({ from: isoTime(TO - 86400), to: isoTime(TO) }),
    });
    let updates = 0;
    data.subscribeToState((next, previous) => {
      if (next.rows !== previous.rows) {
        updates++;
      }
    });
    const deactivate = data.activate();
    await waitFor(() => expect(data.state.pending).toBe(0), { timeout: 30_000 });
    deactivate();
    expect(data.state.rows.every((row) => row.status !== 'loading')).toBe(true);
    expect(updates).toBeGreaterThan(0);
    expect(updates).toBeLessThan(specs.length / 4);
  }, 60_000);

  it('cancels the load from the refresh picker, and says which SLOs were not read', async () => {
    const specs = fleet(40);
    const { prometheus } = renderFleet(specs, 20);
    await waitFor(() => expect(prometheus.requests.length).toBeGreaterThan(0));
    // While it runs the refresh picker cancels, as on a dashboard.
    fireEvent.click(screen.getByTestId(selectors.components.RefreshPicker.runButtonV2));
    await waitFor(() => expect(screen.queryByTestId('summary-pending')).not.toBeInTheDocument());
    const notRead = screen.getAllByText('not read: the load was cancelled; refresh to read it');
    expect(notRead.length).toBeGreaterThan(10);
    const answered = prometheus.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(prometheus.requests.length).toBe(answered);
  }, 60_000);

  it('keeps its rows through a refresh, and shows them loading for another range', async () => {
    const specs = fleet(6);
    installRecordedPrometheus(fixture as SceneFixture);
    const prometheus = syntheticPrometheus({ specs, clock: () => Date.now() / 1000 });
    const timeRange = new SceneTimeRange({ from: isoTime(TO - 86400), to: isoTime(TO) });
    const data = new SloFleetData({
      slos: specs.map((spec) => ({ spec, datasource: 'synthetic' })),
      loader: { executor: prometheus.executor, cache: new RangeCache(), schedulerFor: () => new AdaptiveScheduler() },
      $timeRange: timeRange,
    });
    const deactivate = data.activate();
    await waitFor(() => expect(data.state.pending).toBe(0));
    const seen: string[] = [];
    data.subscribeToState((next) => seen.push(...next.rows.map((row) => row.status)));
    const requests = prometheus.requests.length;

    // A refresh: read again (one load for its state change and its RefreshEvent), rows kept meanwhile.
    timeRange.onRefresh();
    await waitFor(() => expect(prometheus.requests.length - requests).toBe(specs.length));
    await waitFor(() => expect(data.state.pending).toBe(0));
    expect(seen).not.toContain('loading');
    expect(prometheus.requests.length - requests).toBe(specs.length);

    // Another range: loading until read as of its end.
    const yesterday = { from: isoTime(TO - 2 * 86400), to: isoTime(TO - 86400 + 37) };
    timeRange.setState({ ...yesterday, value: new SceneTimeRange(yesterday).state.value });
    await waitFor(() => expect(seen).toContain('loading'));
    await waitFor(() => expect(data.state.pending).toBe(0));
    expect(data.state.rows.map((row) => [row.status === 'loading', row.now])).toEqual(
      specs.map(() => [false, TO - 86400 + 37])
    );
    deactivate();
  }, 60_000);
});
