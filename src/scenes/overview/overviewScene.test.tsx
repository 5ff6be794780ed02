import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { DataQueryRequest } from '@grafana/data';
import { selectors } from '@grafana/e2e-selectors';
import type { SloSpec } from '../../domain';
import { demoSpecsForScenes } from '../testing/demoSpecs';
import fixture from '../../../tests/fixtures/scenes/overview-calico-outage.json';
import {
  type SceneFixture,
  TEST_DATASOURCE_UID,
  installRecordedPrometheus,
  isoTime,
} from '../testing/recordedPrometheus';
import { renderScene } from '../testing/renderScene';
import { httpFailure } from '../../panels/shared/testing/grafanaBackend';
import type { PrometheusDataQuery } from '../../prometheus/grafanaQueries';
import { RangeCache } from '../../prometheus/fleet';
import { overviewScene } from './overviewScene';

const recording = fixture as SceneFixture;

// A page renders in about a second in jsdom, and its SLOs arrive over the next.
configure({ asyncUtilTimeout: 10_000 });

/** Every SLO of the page read: the summary no longer says any is pending. */
async function loaded() {
  await waitFor(() => expect(screen.queryByTestId('summary-pending')).not.toBeInTheDocument());
}

/** The row of an SLO as it is now (rows are keyed by their place on the page, which a sort changes). */
const rowOf = (id: string) => screen.getByTestId(`slo-row-${id}`);

/** The overview's detection or batched read of recording rules, as opposed to one SLO's own request. */
const isRulesRequest = (request: DataQueryRequest) => request.requestId.startsWith('sloburn-recorded-rules');

/** Each test's page starts with nothing in memory, as after a reload. */
function renderOverview(specs: SloSpec[]) {
  const scene = overviewScene(
    { specs, problems: [], discovered: [], defaultDatasourceUid: TEST_DATASOURCE_UID },
    { from: isoTime(recording.from), to: isoTime(recording.to) },
    { cache: new RangeCache() }
  );
  renderScene(scene);
  return scene;
}

describe('the SLO overview, on real answers of the demo Prometheus during the Calico outage', () => {
  beforeEach(() => installRecordedPrometheus(recording));

  it('lists every SLO with its state: the API server read SLO pages', async () => {
    renderOverview(demoSpecsForScenes());
    await loaded();
    const apiserverRow = rowOf('apiserver-read-availability');
    expect(within(apiserverRow).getByText('Page')).toBeInTheDocument();
    expect(within(apiserverRow).getByText(/page 1h\/5m > 14\.4×/)).toBeInTheDocument();
    expect(within(apiserverRow).getByText(/page 6h\/30m > 6×/)).toBeInTheDocument();
    // Over these 3-day budgets the member2 outage and the checkout slow burn spent everything.
    const expected: Record<string, string> = {
      'apiserver-write-availability': 'OK',
      'karmada-work-sync-availability': 'Exhausted',
      'karmada-cluster-ready': 'OK',
      'checkout-availability': 'Exhausted',
      'checkout-latency': 'OK',
    };
    for (const [id, state] of Object.entries(expected)) {
      expect(within(screen.getByTestId(`slo-row-${id}`)).getByText(state)).toBeInTheDocument();
    }
  });

  it('keeps a query error and a metric without data to their own rows', async () => {
    renderOverview(demoSpecsForScenes());
    await loaded();
    const broken = rowOf('broken-promql');
    expect(within(broken).getByText('Error')).toBeInTheDocument();
    expect(within(broken).getByText(/parse error: unknown function with name "rat"/)).toBeInTheDocument();
    expect(within(screen.getByTestId('slo-row-no-such-metric')).getByText('No data')).toBeInTheDocument();
    expect(within(screen.getByTestId('slo-row-karmada-cluster-ready')).getByText('OK')).toBeInTheDocument();
  });

  it('counts pages, tickets, exhausted budgets and SLOs without data', async () => {
    renderOverview(demoSpecsForScenes());
    await waitFor(() =>
      expect(within(screen.getByTestId('summary-Page alerts firing')).getByText('1')).toBeInTheDocument()
    );
    expect(within(screen.getByTestId('summary-Budgets exhausted')).getByText('4')).toBeInTheDocument();
    expect(within(screen.getByTestId('summary-SLOs')).getByText('10')).toBeInTheDocument();
    expect(within(screen.getByTestId('summary-Without data')).getByText('2')).toBeInTheDocument();
  });

  it('sorts the most urgent first and re-sorts by a clicked column', async () => {
    renderOverview(demoSpecsForScenes());
    await loaded();
    const ids = () => screen.getAllByTestId(/^slo-row-/).map((row) => row.getAttribute('data-testid'));
    expect(ids()[0]).toBe('slo-row-apiserver-read-availability');
    expect(ids().slice(1, 5).sort()).toEqual(
      [
        'checkout-availability',
        'checkout-availability-ratio',
        'checkout-error-ratio-raw',
        'karmada-work-sync-availability',
      ].map((id) => `slo-row-${id}`)
    );
    fireEvent.click(screen.getByRole('button', { name: 'Objective' }));
    expect(ids()[0]).toBe('slo-row-apiserver-read-availability');
    fireEvent.click(screen.getByRole('button', { name: /Objective/ }));
    expect(screen.getByRole('columnheader', { name: /Objective/ })).toHaveAttribute('aria-sort', 'descending');
    expect(ids()[0]).toMatch(/checkout|broken|no-such/);
  });

  it('filters by search text', async () => {
    renderOverview(demoSpecsForScenes());
    await screen.findByTestId('slo-row-karmada-cluster-ready');
    fireEvent.change(screen.getByPlaceholderText('Search SLOs, services, labels'), { target: { value: 'karmada' } });
    await waitFor(() => expect(screen.queryByTestId('slo-row-apiserver-read-availability')).not.toBeInTheDocument());
    expect(screen.getByTestId('slo-row-karmada-cluster-ready')).toBeInTheDocument();
    expect(screen.getByText('Showing 2 of 10 SLOs.')).toBeInTheDocument();
  });

  it('sends one request per SLO, naming it, with exactly its planned queries', async () => {
    const { requests: all } = installRecordedPrometheus(recording);
    renderOverview(demoSpecsForScenes());
    await loaded();
    const requests = all.filter((request) => !isRulesRequest(request));
    expect(requests).toHaveLength(demoSpecsForScenes().length);
    for (const request of requests) {
      const ids = new Set(request.targets.map((target) => target.refId.split('/')[0]));
      expect(ids.size).toBe(1);
    }
    expect(requests.flatMap((request) => request.targets).length).toBe(recording.queries.length);
  });

  it('on refresh reads only what is not in memory: the history is, the windows at the instant are not', async () => {
    const { requests } = installRecordedPrometheus(recording);
    renderOverview(demoSpecsForScenes());
    await loaded();
    const apiserver = () => screen.getByTestId('slo-row-apiserver-read-availability');
    await waitFor(() => expect(within(apiserver()).getByText('Page')).toBeInTheDocument());
    const firstLoad = requests.length;
    fireEvent.click(screen.getByTestId(selectors.components.RefreshPicker.runButtonV2));
    await waitFor(() => expect(requests.length).toBeGreaterThan(firstLoad));
    await loaded();
    // One load per refresh, though the range's state changes and a RefreshEvent follows: one detection of
    // recording rules, and one request per SLO with something left to read (a raw ratio on the grid has no
    // instant query and is all in memory).
    const refreshRequests = requests.slice(firstLoad);
    expect(refreshRequests.filter(isRulesRequest)).toHaveLength(1);
    expect(refreshRequests.filter((request) => !isRulesRequest(request))).toHaveLength(demoSpecsForScenes().length - 1);
    const refresh = refreshRequests
      .filter((request) => !isRulesRequest(request))
      .flatMap((request) => request.targets as PrometheusDataQuery[]);
    // The recording's buckets are long final: every range query is served from memory, except the one
    // whose sibling failed (an SLO in error keeps nothing it read).
    expect(refresh.filter((target) => target.range).map((target) => target.refId)).toEqual(['broken-promql/bad']);
    expect(refresh.length).toBeGreaterThan(0);
    expect(within(apiserver()).getByText('Page')).toBeInTheDocument();
    expect(within(screen.getByTestId('summary-Budgets exhausted')).getByText('4')).toBeInTheDocument();
  });
});

describe('the SLO overview and recording rules', () => {
  it('reads every SLO raw, none in error and none marked, when the detection of rules fails', async () => {
    // The recording holds no answer to the detection queries: the recorded data source fails that request.
    const { requests } = installRecordedPrometheus(recording);
    renderOverview(demoSpecsForScenes());
    await loaded();
    const detections = requests.filter(isRulesRequest);
    expect(
      detections.map((request) => (request.targets as PrometheusDataQuery[]).map((target) => target.expr))
    ).toEqual([['sloth_slo_info', expect.stringContaining('count by (sloth_id, sloburn_window)')]]);
    expect(screen.queryAllByTestId('rules-badge')).toHaveLength(0);
    expect(screen.queryByTestId('summary-rules')).not.toBeInTheDocument();
    const errors = screen.getAllByTestId(/^slo-row-/).filter((row) => row.getAttribute('data-status') === 'error');
    expect(errors.map((row) => row.getAttribute('data-testid'))).toEqual(['slo-row-broken-promql']);
    expect(within(rowOf('apiserver-read-availability')).getByText('Page')).toBeInTheDocument();
  });
});

describe('the SLO overview when a request fails as a whole (an error without refId)', () => {
  it('shows the HTTP failure of a proxy in every row of the request, not "No data"', async () => {
    installRecordedPrometheus(recording, { failure: httpFailure(504, 'Gateway Timeout', 'upstream request timeout') });
    renderOverview(demoSpecsForScenes());
    await waitFor(() =>
      expect(within(screen.getByTestId('slo-row-karmada-cluster-ready')).getByText('Error')).toBeInTheDocument()
    );
    for (const spec of demoSpecsForScenes()) {
      const row = screen.getByTestId(`slo-row-${spec.id}`);
      expect(within(row).getByText('Error')).toBeInTheDocument();
      expect(within(row).getByText(/HTTP 504 Gateway Timeout: upstream request timeout/)).toBeInTheDocument();
    }
    expect(within(screen.getByTestId('summary-Without data')).getByText('10')).toBeInTheDocument();
  });

  it('names the unknown data source in every row when the app points at one', async () => {
    installRecordedPrometheus(recording);
    renderScene(
      overviewScene(
        { specs: demoSpecsForScenes(), problems: [], discovered: [], defaultDatasourceUid: 'no-such-prometheus' },
        { from: isoTime(recording.from), to: isoTime(recording.to) },
        { cache: new RangeCache() }
      )
    );
    await waitFor(() =>
      expect(within(screen.getByTestId('slo-row-checkout-latency')).getByText('Error')).toBeInTheDocument()
    );
    for (const spec of demoSpecsForScenes()) {
      expect(
        within(screen.getByTestId(`slo-row-${spec.id}`)).getByText(/Datasource no-such-prometheus was not found/)
      ).toBeInTheDocument();
    }
  });
});

describe('the SLO overview on a managed Prometheus', () => {
  it('queries it with its own plugin type and evaluates as on Prometheus', async () => {
    const { requests } = installRecordedPrometheus(recording, { type: 'grafana-amazonprometheus-datasource' });
    renderOverview(demoSpecsForScenes());
    await waitFor(() =>
      expect(within(screen.getByTestId('slo-row-apiserver-read-availability')).getByText('Page')).toBeInTheDocument()
    );
    const targets = requests.flatMap((request) => request.targets);
    expect(targets.length).toBeGreaterThan(0);
    expect(new Set(targets.map((target) => target.datasource?.type))).toEqual(
      new Set(['grafana-amazonprometheus-datasource'])
    );
  });
});

describe('the SLO overview with an invalid spec in the configuration', () => {
  beforeEach(() => installRecordedPrometheus(recording));

  it('lists the rejected spec with its path and reason, and still shows the valid SLOs', async () => {
    const specs = demoSpecsForScenes();
    const scene = overviewScene(
      {
        specs,
        problems: [{ path: 'slos[3].sli.events.totalQuery', message: 'missing {{.window}}', severity: 'error' }],
        discovered: [],
        defaultDatasourceUid: TEST_DATASOURCE_UID,
      },
      { from: isoTime(recording.from), to: isoTime(recording.to) },
      { cache: new RangeCache() }
    );
    renderScene(scene);
    expect(await screen.findByText('slos[3].sli.events.totalQuery: missing {{.window}}')).toBeInTheDocument();
    expect(screen.getByText(/1 problem in the SLO configuration/)).toBeInTheDocument();
    await waitFor(() =>
      expect(within(screen.getByTestId('slo-row-apiserver-read-availability')).getByText('Page')).toBeInTheDocument()
    );
  });

  it('asks for a data source instead of showing empty rows when none is configured', () => {
    const scene = overviewScene({
      specs: demoSpecsForScenes(),
      problems: [],
      discovered: [],
      defaultDatasourceUid: null,
    });
    renderScene(scene);
    expect(screen.getByText('Choose a Prometheus data source for SLO Burn')).toBeInTheDocument();
  });
});
