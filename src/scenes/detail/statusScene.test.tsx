import { screen, waitFor, within } from '@testing-library/react';
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
import { statusScene } from './statusScene';

function renderDetail(sloId: string, fixture: SceneFixture, options: RecordedPrometheusOptions = {}) {
  installRecordedPrometheus(fixture, options);
  const spec = demoSpecsForScenes().find((candidate) => candidate.id === sloId)!;
  renderScene(statusScene(spec, TEST_DATASOURCE_UID, { from: isoTime(fixture.from), to: isoTime(fixture.to) }));
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

  it("shows Prometheus's own message when a query is broken", async () => {
    renderDetail('broken-promql', brokenFixture as SceneFixture);
    const status = await screen.findByRole('region', { name: 'Status' });
    await waitFor(() => expect(within(status).getByText(/unknown function with name "rat"/)).toBeInTheDocument());
    expect(
      within(screen.getByRole('region', { name: 'Where is it burning' })).getByText('This SLO could not be evaluated')
    ).toBeInTheDocument();
  });
});
