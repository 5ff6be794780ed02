/**
 * The two panels side by side on one SLO, as on the bundled "SLO details" dashboard, in front of a
 * model of Grafana's backend service: they must not cancel each other, and a request that fails as a
 * whole must show its error in every panel it feeds.
 */
import { render, screen, within } from '@testing-library/react';
import React from 'react';
import { LoadingState } from '@grafana/data';
import { getBackendSrv, getDataSourceSrv } from '@grafana/runtime';
import { of } from 'rxjs';
import { BurndownPanel } from './burndown/BurndownPanel';
import { type BurndownOptions, DEFAULT_BURNDOWN_OPTIONS } from './burndown/types';
import { BurnRatePanel } from './burnrate/BurnRatePanel';
import { type BurnRateOptions, DEFAULT_BURNRATE_OPTIONS } from './burnrate/types';
import { resetSloSourceCache } from './shared/sloSource';
import { fakePrometheusDataSource } from './shared/testing/fakePrometheus';
import { GrafanaBackendModel, failedResponse, httpFailure } from './shared/testing/grafanaBackend';
import { panelData, panelProps, timeRangeOf } from './shared/testing/panelProps';

jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getBackendSrv: jest.fn(),
  getDataSourceSrv: jest.fn(),
}));

const NOW = 1793491200;
const HOUR = 3600;
const RANGE = timeRangeOf(NOW - 6 * HOUR, NOW);

const settings = {
  jsonData: {
    defaultDatasourceUid: 'sloburn-prometheus',
    slos: [
      {
        id: 'checkout-availability',
        name: 'Checkout availability',
        service: 'checkout',
        objective: 99.9,
        period: { rolling: '30d' },
        sli: {
          events: {
            errorQuery: 'sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))',
            totalQuery: 'sum(rate(http_requests_total[{{.window}}]))',
          },
        },
      },
    ],
  },
};

function useDataSource(datasource: unknown) {
  jest
    .mocked(getDataSourceSrv)
    .mockReturnValue({ get: jest.fn(async () => datasource) } as unknown as ReturnType<typeof getDataSourceSrv>);
}

function renderBothPanels() {
  const data = panelData([], RANGE);
  render(
    <>
      <BurndownPanel
        {...panelProps<BurndownOptions>(
          { ...DEFAULT_BURNDOWN_OPTIONS, source: 'slo', sloId: 'checkout-availability' },
          data
        )}
      />
      <BurnRatePanel
        {...panelProps<BurnRateOptions>(
          { ...DEFAULT_BURNRATE_OPTIONS, source: 'slo', sloId: 'checkout-availability' },
          data
        )}
      />
    </>
  );
}

beforeEach(() => {
  resetSloSourceCache();
  jest
    .mocked(getBackendSrv)
    .mockReturnValue({ get: jest.fn(async () => settings) } as unknown as ReturnType<typeof getBackendSrv>);
});

describe('two panels on one SLO', () => {
  it('both load, their requests in flight together', async () => {
    // Half the budget rate; answers take a while, so both requests are in flight at once.
    const fake = fakePrometheusDataSource((refId) => (refId === 'bad' ? 0.0005 : 1), { delayMs: 50 });
    useDataSource(fake.datasource);
    renderBothPanels();
    expect(await screen.findByTestId('sloburn-budget-remaining')).toHaveTextContent('50%');
    const table = await screen.findByRole('table', { name: 'Alert windows' });
    expect(within(table).getAllByText('OK')).toHaveLength(4);
    expect(fake.requests).toHaveLength(2);
    expect(new Set(fake.requests.map((request) => request.requestId)).size).toBe(2);
    expect(screen.queryByText(/cancelled/)).not.toBeInTheDocument();
  });

  it('both show the failure of a request that failed as a whole, once', async () => {
    const backend = new GrafanaBackendModel();
    useDataSource({
      uid: 'sloburn-prometheus',
      type: 'prometheus',
      query: () =>
        backend.query('any', () => of(failedResponse(httpFailure(504, 'Gateway Timeout', 'upstream request timeout')))),
    });
    renderBothPanels();
    const message = 'HTTP 504 Gateway Timeout: upstream request timeout';
    await screen.findByText(message);
    await within(await screen.findByTestId('sloburn-burnrate-panel')).findByRole('alert');
    const alerts = screen.getAllByRole('alert');
    expect(alerts).toHaveLength(2);
    for (const alert of alerts) {
      expect(alert.textContent?.split(message)).toHaveLength(2);
    }
  });
});

describe('a panel on its own queries, when the request failed as a whole', () => {
  it('names the HTTP failure, not "No data"', () => {
    const failed = failedResponse(httpFailure(504, 'Gateway Timeout', 'upstream request timeout'));
    const data = { ...panelData([], RANGE), state: LoadingState.Error, error: failed.error };
    render(<BurndownPanel {...panelProps(DEFAULT_BURNDOWN_OPTIONS, data)} />);
    expect(screen.getByRole('alert')).toHaveTextContent('HTTP 504 Gateway Timeout: upstream request timeout');
  });
});
