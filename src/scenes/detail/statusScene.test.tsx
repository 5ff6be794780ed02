import { screen, waitFor, within } from '@testing-library/react';
import { fieldMatchers } from '@grafana/data';
import { VizPanel, sceneGraph } from '@grafana/scenes';
import { demoSpecsForScenes } from '../testing/demoSpecs';
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
import { alertStateTimeline } from './charts';
import { statusScene } from './statusScene';

function renderDetail(sloId: string, fixture: SceneFixture, options: RecordedPrometheusOptions = {}) {
  installRecordedPrometheus(fixture, options);
  const spec = demoSpecsForScenes().find((candidate) => candidate.id === sloId)!;
  const scene = statusScene(spec, TEST_DATASOURCE_UID, { from: isoTime(fixture.from), to: isoTime(fixture.to) });
  renderScene(scene);
  return scene;
}

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

  it("shows Prometheus's own message when a query is broken", async () => {
    renderDetail('broken-promql', brokenFixture as SceneFixture);
    const status = await screen.findByRole('region', { name: 'Status' });
    await waitFor(() => expect(within(status).getByText(/unknown function with name "rat"/)).toBeInTheDocument());
    expect(
      within(screen.getByRole('region', { name: 'Where is it burning' })).getByText('This SLO could not be evaluated')
    ).toBeInTheDocument();
  });
});
