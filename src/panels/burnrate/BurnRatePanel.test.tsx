import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import React from 'react';
import { type PanelData } from '@grafana/data';
import { getBackendSrv, getDataSourceSrv } from '@grafana/runtime';
import checkoutBad from '../../../tests/fixtures/prometheus/checkout-bad.json';
import checkoutTotal from '../../../tests/fixtures/prometheus/checkout-total.json';
import type { PromApiResponse } from '../../prometheus/promApiAdapter';
import { resetSloSourceCache } from '../shared/sloSource';
import { fakePrometheusDataSource } from '../shared/testing/fakePrometheus';
import { matrixAnswer, panelData, panelProps, promFrames, timeRangeOf } from '../shared/testing/panelProps';
import { BurnRatePanel } from './BurnRatePanel';
import { type BurnRateOptions, DEFAULT_BURNRATE_OPTIONS } from './types';

jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getBackendSrv: jest.fn(),
  getDataSourceSrv: jest.fn(),
}));

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86400;
const NOW = 1793491200;
const THREE_DAYS = timeRangeOf(NOW - 3 * DAY, NOW);

/**
 * Five-minute counts over `range`: 1000 requests each, and 5 % errors in the last hour (50× the
 * 99.9 % budget rate) — the 1h/5m and 6h/30m pairs fire, the slower ones do not.
 */
function incidentFrames(from = NOW - 3 * DAY, step = 5 * MINUTE) {
  return [
    ...promFrames(
      'bad',
      matrixAnswer(from, NOW, step, (time) => (time > NOW - HOUR ? 50 * (step / 300) : 0)),
      step
    ),
    ...promFrames(
      'total',
      matrixAnswer(from, NOW, step, () => 1000 * (step / 300)),
      step
    ),
  ];
}

function options(overrides: Partial<BurnRateOptions> = {}): BurnRateOptions {
  return { ...DEFAULT_BURNRATE_OPTIONS, ...overrides };
}

function tableRows() {
  return within(screen.getByRole('table', { name: 'Alert windows' }))
    .getAllByRole('row')
    .slice(1);
}

function commit(input: HTMLElement, text: string) {
  fireEvent.change(input, { target: { value: text } });
  fireEvent.blur(input);
}

function withTargets(data: PanelData, refIds: string[]): PanelData {
  return { ...data, request: { targets: refIds.map((refId) => ({ refId })) } as PanelData['request'] };
}

beforeEach(() => resetSloSourceCache());

describe('BurnRatePanel without queries', () => {
  it('is the calculator: SRE workbook windows with factors 14.4, 6, 3 and 1', () => {
    render(<BurnRatePanel {...panelProps(options(), panelData([], THREE_DAYS))} />);
    const factors = tableRows().map(
      (row) => (within(row).getByRole('textbox', { name: /^Factor/ }) as HTMLInputElement).value
    );
    expect(factors).toEqual(['14.4', '6', '3', '1']);
    expect(screen.queryByText('State')).not.toBeInTheDocument();
    expect(screen.queryByTestId('sloburn-panel-notice')).not.toBeInTheDocument();
  });

  it('keeps its inputs in the panel options, so a saved dashboard reopens as it was', () => {
    const onOptionsChange = jest.fn();
    const saved = options({
      objective: 99.5,
      period: '28d',
      windows: [{ severity: 'page', long: '2h', short: '10m', factor: 10 }],
    });
    render(<BurnRatePanel {...panelProps(saved, panelData([], THREE_DAYS), { onOptionsChange })} />);
    expect((screen.getByLabelText('Objective') as HTMLInputElement).value).toBe('99.5');
    expect((screen.getByLabelText('Period') as HTMLInputElement).value).toBe('28d');
    expect(tableRows()).toHaveLength(1);

    const objective = screen.getByLabelText('Objective');
    fireEvent.change(objective, { target: { value: '99.9' } });
    fireEvent.blur(objective);
    expect(onOptionsChange).toHaveBeenCalledWith(
      expect.objectContaining({ objective: 99.9, period: '28d', source: 'queries' })
    );
  });

  it('explains an objective of 100 instead of computing', () => {
    render(<BurnRatePanel {...panelProps(options({ objective: 100 }), panelData(incidentFrames(), THREE_DAYS))} />);
    expect(screen.getByText('Cannot compute the alert windows')).toBeInTheDocument();
    expect(screen.getAllByText(/100 leaves no error budget/).length).toBeGreaterThan(0);
    expect(screen.queryByText('Firing')).not.toBeInTheDocument();
  });
});

describe('BurnRatePanel live on bad and total queries', () => {
  it("shows each window's burn rate and each pair's state next to its threshold", () => {
    render(<BurnRatePanel {...panelProps(options(), panelData(incidentFrames(), THREE_DAYS))} />);
    const rows = tableRows();
    expect(within(rows[0]).getByText('Firing')).toBeInTheDocument();
    expect(within(rows[0]).getAllByText('50×')).toHaveLength(2);
    expect(within(rows[0]).getByText('vs 14.4×', { exact: false })).toBeInTheDocument();
    expect(within(rows[1]).getByText('Firing')).toBeInTheDocument();
    expect(within(rows[2]).getByText('OK')).toBeInTheDocument();
    expect(within(rows[3]).getByText('OK')).toBeInTheDocument();
    expect(screen.queryByTestId('sloburn-partial-data')).not.toBeInTheDocument();
  });

  it('marks windows the time range does not cover as partial', () => {
    const sixHours = timeRangeOf(NOW - 6 * HOUR, NOW);
    render(<BurnRatePanel {...panelProps(options(), panelData(incidentFrames(NOW - 6 * HOUR), sixHours))} />);
    expect(screen.getByTestId('sloburn-partial-data')).toHaveTextContent(
      "partial data: the data does not cover the 1d and 3d windows; their burn rates are estimates. Set the panel's relative time to 3d or more."
    );
    expect(within(tableRows()[2]).getByText('(partial)', { exact: false })).toBeInTheDocument();
  });

  it('says when the data is coarser than the shortest window', () => {
    render(
      <BurnRatePanel {...panelProps(options(), panelData(incidentFrames(NOW - 3 * DAY, 15 * MINUTE), THREE_DAYS))} />
    );
    expect(screen.getByText(/one point per 15m, longer than the 5m window/)).toBeInTheDocument();
  });

  it('reads the demo Prometheus answers (per-second rates, one hour)', () => {
    const T = 1793491200 - 3 * DAY + 6 * HOUR;
    const frames = [
      ...promFrames('bad', checkoutBad as PromApiResponse, 300),
      ...promFrames('total', checkoutTotal as PromApiResponse, 300),
    ];
    render(
      <BurnRatePanel {...panelProps(options({ values: 'rates' }), panelData(frames, timeRangeOf(T - HOUR, T)))} />
    );
    // The checkout slow burn: about 4× the budget rate, under the 14.4× page threshold.
    const [first] = tableRows();
    expect(within(first).getByText('OK')).toBeInTheDocument();
    expect(screen.getByTestId('sloburn-partial-data')).toBeInTheDocument();
  });

  it('shows a query error above the calculator, which stays usable', () => {
    const data = withTargets(
      panelData([], THREE_DAYS, { errors: [{ refId: 'total', message: 'parse error: unexpected end of input' }] }),
      ['bad', 'total']
    );
    render(<BurnRatePanel {...panelProps(options(), data)} />);
    expect(screen.getByRole('alert')).toHaveTextContent('Query error: total: parse error: unexpected end of input');
    expect(tableRows()).toHaveLength(4);
  });

  it('says "No data" when the bad and total queries return nothing', () => {
    render(<BurnRatePanel {...panelProps(options(), withTargets(panelData([], THREE_DAYS), ['bad', 'total']))} />);
    expect(screen.getByTestId('sloburn-panel-notice')).toHaveTextContent('No data');
    expect(within(tableRows()[0]).getByText('No data')).toBeInTheDocument();
  });
});

describe('BurnRatePanel on an SLO of the app', () => {
  beforeEach(() => {
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
    jest
      .mocked(getBackendSrv)
      .mockReturnValue({ get: jest.fn(async () => settings) } as unknown as ReturnType<typeof getBackendSrv>);
    // The last hour fails at 5%, and two hours a week ago at 2%: the fast page pair fires at the end of the
    // range, and would have fired a week ago at a lower factor.
    prometheus = fakePrometheusDataSource((refId, time, { to }) =>
      refId === 'bad'
        ? time > to - HOUR
          ? 0.05
          : time > to - 7 * DAY - 2 * HOUR && time <= to - 7 * DAY
            ? 0.012
            : 0
        : 1
    );
    const { datasource } = prometheus;
    jest
      .mocked(getDataSourceSrv)
      .mockReturnValue({ get: jest.fn(async () => datasource) } as unknown as ReturnType<typeof getDataSourceSrv>);
  });
  let prometheus: ReturnType<typeof fakePrometheusDataSource>;

  const renderOnSlo = () =>
    render(
      <BurnRatePanel
        {...panelProps(options({ source: 'slo', sloId: '$slo' }), panelData([], THREE_DAYS), {
          replaceVariables: (value: string) => value.replace('$slo', 'checkout-availability'),
        })}
      />
    );

  it("shows the SLO's windows with their live state, and what each would have done over the last period", async () => {
    renderOnSlo();
    expect(await screen.findByText('Checkout availability')).toBeInTheDocument();
    const rows = tableRows();
    expect(
      rows.map((row) => (within(row).getByRole('textbox', { name: /^Factor/ }) as HTMLInputElement).value)
    ).toEqual(['14.4', '6', '3', '1']);
    expect(within(rows[0]).getByText('Firing')).toBeInTheDocument();
    // Read as of the end of the dashboard's range, reaching back the period and the 3-day window before it.
    expect(prometheus.requests).toHaveLength(1);
    expect(prometheus.requests[0].range.from.unix()).toBe(NOW - 33 * DAY + 300);
    // The fast page pair fired once, in the last hour, and still does.
    expect(await screen.findByTestId('backtest-episodes-1')).toHaveTextContent(/^1$/);
    expect(screen.getByTestId('calculator-backtest-page')).toHaveTextContent(/^page 1 episode/);
  });

  it('re-runs the backtest and the live state on the data read when a factor is tried out, and reads again only for a longer window', async () => {
    renderOnSlo();
    await screen.findByTestId('backtest-episodes-1');
    await within(tableRows()[0]).findByText('Firing');
    // 10×: the 2% of a week ago (20× the budget rate over two hours) would have paged too.
    commit(screen.getByRole('textbox', { name: 'Factor, window 1' }), '10');
    expect(await screen.findByText(/tried out here, not saved/)).toBeInTheDocument();
    expect(screen.getByTestId('backtest-episodes-1')).toHaveTextContent(/^2$/);
    // 60×: the last hour's 50× no longer fires, now or in the backtest.
    commit(screen.getByRole('textbox', { name: 'Factor, window 1' }), '60');
    expect(screen.getByTestId('backtest-episodes-1')).toHaveTextContent(/^0$/);
    expect(within(tableRows()[0]).getByText('OK')).toBeInTheDocument();
    expect(prometheus.requests).toHaveLength(1);
    // A 5-day window needs two more days of data.
    commit(screen.getByRole('textbox', { name: 'Long window, window 4' }), '5d');
    await waitFor(() => expect(prometheus.requests).toHaveLength(2));
    expect(prometheus.requests[1].range.from.unix()).toBe(NOW - 35 * DAY + 300);
    await waitFor(() => expect(screen.getByTestId('backtest-episodes-4')).toHaveTextContent(/^\d/));
    fireEvent.click(screen.getByRole('button', { name: "Back to the SLO's own" }));
    expect(screen.getByTestId('backtest-episodes-1')).toHaveTextContent(/^1$/);
    expect(prometheus.requests).toHaveLength(2);
  });

  it('says which SLOs exist when the id is unknown', async () => {
    render(<BurnRatePanel {...panelProps(options({ source: 'slo', sloId: 'nope' }), panelData([], THREE_DAYS))} />);
    expect(await screen.findByText('No SLO nope')).toBeInTheDocument();
  });
});
