import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { fieldMatchers } from '@grafana/data';
import { type EmbeddedScene, VizPanel, sceneGraph } from '@grafana/scenes';
import type { SloSpec } from '../../domain';
import { OUT_OF_RANGE_SPECS, demoSpecsForScenes } from '../testing/demoSpecs';
import badAboveTotalFixture from '../../../tests/fixtures/scenes/detail-bad-above-total.json';
import brokenFixture from '../../../tests/fixtures/scenes/detail-broken-promql.json';
import calicoFixture from '../../../tests/fixtures/scenes/detail-apiserver-read-calico-outage.json';
import member2Fixture from '../../../tests/fixtures/scenes/detail-karmada-work-member2.json';
import { httpFailure } from '../../panels/shared/testing/grafanaBackend';
import {
  type RecordedPrometheusOptions,
  type SceneFixture,
  TEST_DATASOURCE_UID,
  installRecordedPrometheus,
  isoTime,
} from '../testing/recordedPrometheus';
import { renderScene } from '../testing/renderScene';
import { DETAIL_FRAME_REF, type DetailFrameMeta } from '../data/sloEngineOperator';
import { sloRefId } from '../data/sloQueryGroups';
import type { SloDetailModel } from '../viewModels/sloDetail';
import { AlertHistorySection } from './AlertHistorySection';
import { alertStateTimeline } from './charts';
import { episodeZoomRange } from './episodeZoom';
import { detailTimeRange, statusScene } from './statusScene';

function renderDetail(
  sloId: string,
  fixture: SceneFixture,
  options: RecordedPrometheusOptions & { spec?: (spec: SloSpec) => SloSpec } = {}
) {
  installRecordedPrometheus(fixture, options);
  const demo = [...demoSpecsForScenes(), ...OUT_OF_RANGE_SPECS].find((candidate) => candidate.id === sloId)!;
  const spec = options.spec ? options.spec(demo) : demo;
  const scene = statusScene(spec, TEST_DATASOURCE_UID, { from: isoTime(fixture.from), to: isoTime(fixture.to) });
  renderScene(scene);
  return scene;
}

/** The engine's model of the page, as its sections read it. */
function detailModel(scene: EmbeddedScene, sloId: string): SloDetailModel {
  const frame = sceneGraph
    .getData(scene)
    .state.data!.series.find((candidate) => candidate.refId === sloRefId(sloId, DETAIL_FRAME_REF));
  return (frame!.meta!.custom as DetailFrameMeta).detail!;
}

/** A low-traffic guard on top of the SLO's own alerting (the queries, and so the recording, stay the same). */
const guarded = (minEvents: number) => (spec: SloSpec) => ({ ...spec, alerting: { ...spec.alerting, minEvents } });

describe('the SLO detail page, on real answers of the demo Prometheus', () => {
  it('shows the API server read SLO paging during the Calico outage, since when, and where it burns', async () => {
    renderDetail('apiserver-read-availability', calicoFixture as SceneFixture);
    const status = await screen.findByRole('region', { name: 'Status' });
    await waitFor(() => expect(within(status).getByText('Page')).toBeInTheDocument());

    const fastPage = screen.getByTestId('alert-pair-page-1h/5m');
    expect(within(fastPage).getByText(/^Firing since \d\d:\d\d UTC/)).toBeInTheDocument();
    expect(within(fastPage).getByText('14.4×')).toBeInTheDocument();
    expect(within(screen.getByTestId('alert-pair-ticket-1d/2h')).getByText('Not firing')).toBeInTheDocument();

    const byGroup = screen.getByTestId('breakdown-group');
    const firstRow = within(byGroup).getAllByRole('row')[1];
    expect(within(firstRow).getByText('projectcalico.org')).toBeInTheDocument();
    expect(within(firstRow).getByText(/^(9\d|100)\.\d%$/)).toBeInTheDocument();
    expect(within(byGroup).getByRole('link', { name: 'Explore bad events by group' })).toHaveAttribute(
      'href',
      expect.stringContaining('/explore?')
    );

    expect(screen.getByTestId('sloburn-burndown-chart')).toBeInTheDocument();
  });

  it('points at the unreachable member cluster during the Karmada outage', async () => {
    renderDetail('karmada-work-sync-availability', member2Fixture as SceneFixture);
    const byCluster = await screen.findByTestId('breakdown-member_cluster', {}, { timeout: 5000 });
    expect(within(within(byCluster).getAllByRole('row')[1]).getByText('member2')).toBeInTheDocument();
    expect(within(screen.getByTestId('alert-pair-page-1h/5m')).getByText(/^Firing since/)).toBeInTheDocument();
  });

  it('shows the failure of a request that failed as a whole, everywhere the page would show data', async () => {
    renderDetail('apiserver-read-availability', calicoFixture as SceneFixture, {
      failure: httpFailure(413, 'Payload Too Large', 'request body too large'),
    });
    const status = await screen.findByRole('region', { name: 'Status' });
    await waitFor(() =>
      expect(within(status).getByText(/HTTP 413 Payload Too Large: request body too large/)).toBeInTheDocument()
    );
    for (const region of ['Where is it burning', 'Error budget burndown']) {
      expect(within(screen.getByRole('region', { name: region })).getByText(/HTTP 413/)).toBeInTheDocument();
    }
  });

  it('gives every chart the visible time range, not the period the queries read', async () => {
    const fixture = calicoFixture as SceneFixture;
    const scene = renderDetail('apiserver-read-availability', fixture);
    const status = await screen.findByRole('region', { name: 'Status' });
    await waitFor(() => expect(within(status).getByText('Page')).toBeInTheDocument());
    const panels = sceneGraph.findAllObjects(scene, (object) => object instanceof VizPanel) as VizPanel[];
    expect(panels.map((panel) => panel.state.title).sort()).toEqual([
      'Alert pairs over time',
      'Burn rate by window',
      'SLI against the objective',
      'Traffic and bad events',
    ]);
    for (const panel of panels) {
      const data = sceneGraph.getData(panel).state.data!;
      expect(data.series.length).toBeGreaterThan(0);
      // The x-axis VizPanel draws: data.timeRange, for a plugin that queries data.
      expect(data.timeRange.from.valueOf()).toBe(fixture.from * 1000);
      expect(data.timeRange.to.valueOf()).toBe(fixture.to * 1000);
      const times = data.series[0].fields[0].values as number[];
      expect(times[0]).toBeGreaterThanOrEqual(fixture.from * 1000);
    }
    // The query runner behind them reads the whole period and the alert windows before it.
    const request = sceneGraph.getData(panels[0].parent!).state.data!.request!;
    expect(request.range.from.valueOf()).toBeLessThan(fixture.from * 1000 - 24 * 3600 * 1000);
  });

  it('draws ticket pairs orange and page pairs red in the alert-pairs timeline', async () => {
    const scene = renderDetail('apiserver-read-availability', calicoFixture as SceneFixture);
    const status = await screen.findByRole('region', { name: 'Status' });
    await waitFor(() => expect(within(status).getByText('Page')).toBeInTheDocument());
    const [timeline] = sceneGraph.findAllObjects(
      scene,
      (object) => object instanceof VizPanel && object.state.title === 'Alert pairs over time'
    ) as VizPanel[];
    const [frame] = sceneGraph.getData(timeline).state.data!.series;
    // The panel as built (a loaded plugin keeps only the options it declares, which the jest stand-in has none of).
    const { fieldConfig } = alertStateTimeline().state;
    const firingColor = (fieldName: string) => {
      const field = frame.fields.find((candidate) => candidate.name === fieldName)!;
      const override = fieldConfig.overrides.find((candidate) =>
        fieldMatchers.get(candidate.matcher.id).get(candidate.matcher.options)(field, frame, [frame])
      );
      const mappings = (override?.properties.find((property) => property.id === 'mappings')?.value ??
        fieldConfig.defaults.mappings) as Array<{ options: Record<string, { color: string }> }>;
      return mappings[0].options['1'].color;
    };
    const names = frame.fields.slice(1).map((field) => field.name);
    expect(names).toEqual(['page 1h / 5m', 'page 6h / 30m', 'ticket 1d / 2h', 'ticket 3d / 6h']);
    expect(names.map(firingColor)).toEqual(['red', 'red', 'orange', 'orange']);
  });

  it('shows what each pair would have done over the range, and zooms the range to an episode clicked', async () => {
    const scene = renderDetail('apiserver-read-availability', calicoFixture as SceneFixture);
    const history = await screen.findByRole('region', { name: 'Alert history' });
    const fastPage = await within(history).findByTestId('alert-history-page-1h/5m', {}, { timeout: 5000 });
    // Six hours up to an hour into the Calico outage: the fast page pair fired once, and still does.
    expect(within(fastPage).getAllByRole('cell')[0]).toHaveTextContent('1');
    const { alertHistory, pairs } = detailModel(scene, 'apiserver-read-availability');
    const [episode] = alertHistory.pairs[0].episodes;
    expect(episode).toMatchObject({ open: true, end: calicoFixture.to });
    // The episode starts where the page says the pair fires since.
    expect(episode.start).toBe(pairs[0].since);
    expect(within(history).getByTestId('alert-history-ticket-1d/2h').querySelectorAll('td')[0]).toHaveTextContent('0');

    const [section] = sceneGraph.findAllObjects(scene, (object) => object instanceof AlertHistorySection);
    const timeRange = sceneGraph.getTimeRange(section);
    const zoom = jest.spyOn(timeRange, 'onTimeRangeChange').mockImplementation(() => {});
    fireEvent.click(within(fastPage).getByRole('button', { name: /^page 1h\/5m: / }));
    const expected = episodeZoomRange(episode);
    expect(zoom).toHaveBeenCalledTimes(1);
    const [range] = zoom.mock.calls[0];
    expect([range.from.unix(), range.to.unix()]).toEqual([expected.from, expected.to]);
    expect(expected.from).toBeLessThan(episode.start);
  });

  it.each([
    // 1 million: the hour holds some 870 thousand requests, the other windows more.
    [1e6, 'Page', ['Insufficient traffic: 872.0k events in 1h, the guard needs 1.00M', /^Firing since/]],
    [1e9, 'Insufficient traffic', [/^Insufficient traffic: .* in 1h, /, /^Insufficient traffic: .* in 6h, /]],
  ] as const)(
    'shows the pairs a low-traffic guard of %p events holds back, and the SLO state they give',
    async (minEvents, status, [fast, slow]) => {
      const scene = renderDetail('apiserver-read-availability', calicoFixture as SceneFixture, {
        spec: guarded(minEvents),
      });
      const header = await screen.findByRole('region', { name: 'Status' });
      await waitFor(() => expect(within(header).getByText(status)).toBeInTheDocument());
      expect(within(header).getByText('Low-traffic guard')).toBeInTheDocument();
      const state = (testId: string) => within(screen.getByTestId(testId)).getByTestId('alert-pair-state');
      expect(state('alert-pair-page-1h/5m')).toHaveTextContent(fast);
      expect(state('alert-pair-page-6h/30m')).toHaveTextContent(slow);
      // The alert history counts the time held back, and the timeline draws it as a state of its own.
      const { alertHistory } = detailModel(scene, 'apiserver-read-availability');
      expect(alertHistory.pairs[0]).toMatchObject({ count: 0 });
      expect(alertHistory.pairs[0].insufficientTrafficSeconds).toBeGreaterThan(0);
      const [timeline] = sceneGraph.findAllObjects(
        scene,
        (object) => object instanceof VizPanel && object.state.title === 'Alert pairs over time'
      ) as VizPanel[];
      const [frame] = sceneGraph.getData(timeline).state.data!.series;
      expect(frame.fields[1].values).toContain(2);
      expect(frame.fields[1].values).not.toContain(1);
    }
  );

  it('says which windows hold data that cannot be an error ratio, and shows no figure beyond what a ratio allows', async () => {
    const scene = renderDetail('checkout-bad-tripled', badAboveTotalFixture as SceneFixture);
    const header = await screen.findByRole('region', { name: 'Status' });
    const note = await within(header).findByText(/^bad events exceed total events in /, {}, { timeout: 5000 });
    // Every window is clamped, the first one's raw figure is given, and what to check.
    expect(note).toHaveTextContent(
      /^bad events exceed total events in 5m, 30m, 1h, 2h, 6h, 1d, 3d, the period \(ratio 3\.0\): check that errorQuery and totalQuery count the same requests$/
    );
    // 99.9%: a ratio of at most 1 burns at most 1,000×, and leaves at least 1 − 1,000 of the budget.
    const floor = -(1 / 0.001 - 1);
    for (const meter of within(header).getAllByRole('meter')) {
      expect(Number(meter.getAttribute('aria-valuenow'))).toBeGreaterThanOrEqual(Math.round(floor * 100));
    }
    const detail = detailModel(scene, 'checkout-bad-tripled');
    expect(detail.budgetRemaining).toBeGreaterThanOrEqual(floor - 1e-9);
    const pairCells = within(screen.getByRole('table', { name: 'Alert window pairs' })).getAllByRole('cell');
    expect(pairCells.map((cell) => cell.textContent).filter((text) => /^-\d/.test(text ?? ''))).toEqual([]);
    expect(within(header).getByText('1000×')).toBeInTheDocument();
    for (const value of detail.windows.map((window) => window.burnRate)) {
      expect(value).toBe(1000);
    }
    const [burnRates] = sceneGraph.findAllObjects(
      scene,
      (object) => object instanceof VizPanel && object.state.title === 'Burn rate by window'
    ) as VizPanel[];
    const values = sceneGraph
      .getData(burnRates)
      .state.data!.series[0].fields.slice(1)
      .flatMap((field) => field.values as Array<number | null>);
    expect(values.length).toBeGreaterThan(0);
    expect(values.every((value) => value === null || (value >= 0 && value <= 1000))).toBe(true);
  });

  it("starts at the SLO's period unless the URL says otherwise", () => {
    const [spec] = demoSpecsForScenes();
    expect(detailTimeRange(spec)).toEqual({ from: 'now-3d', to: 'now' });
    expect(detailTimeRange({ ...spec, period: { calendar: 'month', timezone: 'Europe/Berlin' } })).toEqual({
      from: 'now-30d',
      to: 'now',
    });
    const scene = statusScene(spec, TEST_DATASOURCE_UID);
    expect(sceneGraph.getTimeRange(scene).state).toMatchObject({ from: 'now-3d', to: 'now' });
  });

  it("shows Prometheus's own message when a query is broken", async () => {
    renderDetail('broken-promql', brokenFixture as SceneFixture);
    const status = await screen.findByRole('region', { name: 'Status' });
    await waitFor(() => expect(within(status).getByText(/unknown function with name "rat"/)).toBeInTheDocument());
    expect(
      within(screen.getByRole('region', { name: 'Where is it burning' })).getByText('This SLO could not be evaluated')
    ).toBeInTheDocument();
  });
});
