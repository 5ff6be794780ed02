import { render, screen, waitFor } from '@testing-library/react';
import React from 'react';
import { type DataQueryRequest, type DataQueryResponse, LoadingState } from '@grafana/data';
import { getBackendSrv, getDataSourceSrv } from '@grafana/runtime';
import { of } from 'rxjs';
import { parseSloSpecsYaml } from '../../domain';
import checkoutBad from '../../../tests/fixtures/prometheus/checkout-bad.json';
import checkoutTotal from '../../../tests/fixtures/prometheus/checkout-total.json';
import type { PrometheusDataQuery } from '../../prometheus/grafanaQueries';
import type { PromApiResponse } from '../../prometheus/promApiAdapter';
import { matrixAnswer, panelData, panelProps, promFrames, timeRangeOf } from '../shared/testing/panelProps';
import { resetSloSourceCache } from '../shared/sloSource';
import { fakePrometheusDataSource } from '../shared/testing/fakePrometheus';
import { BurndownPanel } from './BurndownPanel';
import { type BurndownOptions, DEFAULT_BURNDOWN_OPTIONS } from './types';

jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getBackendSrv: jest.fn(),
  getDataSourceSrv: jest.fn(),
}));

const HOUR = 3600;
const DAY = 86400;
const NOW = 1793491200;
const THIRTY_DAYS = timeRangeOf(NOW - 30 * DAY, NOW);

/** 30 days of hourly counts: 1000 requests, `bad` of them failing (0.5 = half the 99.9 % budget rate). */
function hourlyFrames(bad = 0.5, names: [string, string] = ['bad', 'total'], from = NOW - 30 * DAY) {
  return [
    ...promFrames(
      names[0],
      matrixAnswer(from, NOW, HOUR, () => bad),
      HOUR
    ),
    ...promFrames(
      names[1],
      matrixAnswer(from, NOW, HOUR, () => 1000),
      HOUR
    ),
  ];
}

function options(overrides: Partial<BurndownOptions> = {}): BurndownOptions {
  return { ...DEFAULT_BURNDOWN_OPTIONS, ...overrides };
}

beforeEach(() => resetSloSourceCache());

describe('BurndownPanel on the panel queries', () => {
  it('draws the burndown of queries named bad and total, with the remaining budget as a big number', () => {
    render(<BurndownPanel {...panelProps(options(), panelData(hourlyFrames(), THIRTY_DAYS))} />);
    expect(screen.getByTestId('sloburn-budget-remaining')).toHaveTextContent('50%');
    expect(screen.getByText('error budget remaining · rolling 30d')).toBeInTheDocument();
    expect(screen.getByText(/burning at 0\.5×/)).toBeInTheDocument();
    expect(screen.getByTestId('uplot-main-div')).toBeInTheDocument();
    expect(screen.queryByTestId('sloburn-panel-notice')).not.toBeInTheDocument();
    expect(screen.queryByTestId('sloburn-partial-data')).not.toBeInTheDocument();
  });

  it('reads one query whose series are labelled type="bad" and type="total"', () => {
    const frames = [
      ...promFrames(
        'A',
        matrixAnswer(NOW - 30 * DAY, NOW, HOUR, () => 2, { type: 'bad' }),
        HOUR
      ),
      ...promFrames(
        'A',
        matrixAnswer(NOW - 30 * DAY, NOW, HOUR, () => 1000, { type: 'total' }),
        HOUR
      ),
    ];
    render(<BurndownPanel {...panelProps(options(), panelData(frames, THIRTY_DAYS))} />);
    // 0.2 % errors spend twice the budget.
    expect(screen.getByTestId('sloburn-budget-remaining')).toHaveTextContent('-100%');
    expect(screen.getByText('budget overspent by 100%')).toBeInTheDocument();
  });

  it('uses the queries chosen in the options, and reads per-second rates', () => {
    // Rates of 0.001 and 1 per second: 0.1 % errors, the whole budget.
    const frames = [
      ...promFrames(
        'A',
        matrixAnswer(NOW - 30 * DAY, NOW, HOUR, () => 0.0005),
        HOUR
      ),
      ...promFrames(
        'B',
        matrixAnswer(NOW - 30 * DAY, NOW, HOUR, () => 1),
        HOUR
      ),
    ];
    const chosen = options({ badQuery: 'A', totalQuery: 'B', values: 'rates' });
    render(<BurndownPanel {...panelProps(chosen, panelData(frames, THIRTY_DAYS))} />);
    expect(screen.getByTestId('sloburn-budget-remaining')).toHaveTextContent('50%');
  });

  it('asks which query is which when it cannot tell', () => {
    render(<BurndownPanel {...panelProps(options(), panelData(hourlyFrames(0.5, ['A', 'B']), THIRTY_DAYS))} />);
    expect(screen.getByText('Which queries are bad and total events?')).toBeInTheDocument();
    expect(screen.getByText(/name the queries bad and total/)).toBeInTheDocument();
  });

  it('says "No data" when the queries return nothing', () => {
    render(<BurndownPanel {...panelProps(options(), panelData([], THIRTY_DAYS))} />);
    expect(screen.getByRole('status')).toHaveTextContent('No data');
    expect(screen.getByText('The queries returned no data for the panel’s time range.')).toBeInTheDocument();
    expect(screen.queryByTestId('uplot-main-div')).not.toBeInTheDocument();
  });

  it('reads a bad-events query without series as no bad events', () => {
    const frames = [
      ...promFrames('bad', { status: 'success', data: { resultType: 'matrix', result: [] } }, HOUR),
      ...promFrames(
        'total',
        matrixAnswer(NOW - 30 * DAY, NOW, HOUR, () => 1000),
        HOUR
      ),
    ];
    render(<BurndownPanel {...panelProps(options(), panelData(frames, THIRTY_DAYS))} />);
    expect(screen.getByTestId('sloburn-budget-remaining')).toHaveTextContent('100%');
    expect(screen.getByText('not burning')).toBeInTheDocument();
  });

  it('says when the period has no events at all', () => {
    const frames = [
      ...promFrames(
        'total',
        matrixAnswer(NOW - 30 * DAY, NOW, HOUR, () => 0),
        HOUR
      ),
    ];
    render(<BurndownPanel {...panelProps(options(), panelData(frames, THIRTY_DAYS))} />);
    expect(screen.getByText('no events in the period yet')).toBeInTheDocument();
  });

  it('shows the partial-data message when the time range covers less than the period', () => {
    const week = timeRangeOf(NOW - 7 * DAY, NOW);
    render(
      <BurndownPanel {...panelProps(options(), panelData(hourlyFrames(0.5, ['bad', 'total'], NOW - 7 * DAY), week))} />
    );
    expect(screen.getByTestId('sloburn-partial-data')).toHaveTextContent(
      "partial data: the panel's time range covers 7 of 30 days. Widen the time range or set the panel's relative time to 30d."
    );
    // The chart still shows what the data says.
    expect(screen.getByTestId('sloburn-budget-remaining')).toBeInTheDocument();
  });

  it('says when gaps in the data leave part of the period uncovered', () => {
    const gap = (time: number) => time <= NOW - 20 * DAY || time > NOW - 10 * DAY;
    const answer = (value: number) => {
      const full = matrixAnswer(NOW - 30 * DAY, NOW, HOUR, () => value);
      const series = (full.data!.result as Array<{ metric: object; values: Array<[number, string]> }>)[0];
      return {
        ...full,
        data: {
          resultType: 'matrix' as const,
          result: [{ ...series, values: series.values.filter(([time]) => gap(time)) }],
        },
      };
    };
    const frames = [...promFrames('bad', answer(0.5), HOUR), ...promFrames('total', answer(1000), HOUR)];
    render(<BurndownPanel {...panelProps(options(), panelData(frames, THIRTY_DAYS))} />);
    expect(screen.getByTestId('sloburn-partial-data')).toHaveTextContent(
      'partial data: data covers 66% of the period so far (gaps or a late start).'
    );
  });

  it('shows the partial-data message on the demo Prometheus answers of one hour', () => {
    const T = 1793491200 - 3 * DAY + 6 * HOUR;
    const frames = [
      ...promFrames('bad', checkoutBad as PromApiResponse, 300),
      ...promFrames('total', checkoutTotal as PromApiResponse, 300),
    ];
    render(
      <BurndownPanel {...panelProps(options({ values: 'rates' }), panelData(frames, timeRangeOf(T - HOUR, T)))} />
    );
    expect(screen.getByTestId('sloburn-partial-data')).toHaveTextContent('covers 1 hour of 30 days');
  });

  it('explains that an objective of 100 leaves no error budget', () => {
    render(<BurndownPanel {...panelProps(options({ objective: 100 }), panelData(hourlyFrames(), THIRTY_DAYS))} />);
    expect(screen.getByText('An objective of 100% has no error budget')).toBeInTheDocument();
    expect(
      screen.getByText(/100 leaves no error budget, so every bad event would exhaust it: use e\.g\. 99\.99/)
    ).toBeInTheDocument();
    expect(screen.queryByTestId('uplot-main-div')).not.toBeInTheDocument();
  });

  it('shows the query error', () => {
    const data = panelData([], THIRTY_DAYS, {
      errors: [{ refId: 'bad', message: 'bad_data: 1:34: parse error: unclosed left parenthesis' }],
    });
    render(<BurndownPanel {...panelProps(options(), data)} />);
    expect(screen.getByRole('alert')).toHaveTextContent('Query error');
    expect(screen.getByText('bad: bad_data: 1:34: parse error: unclosed left parenthesis')).toBeInTheDocument();
  });

  it('checks the period option with the engine', () => {
    render(
      <BurndownPanel {...panelProps(options({ rollingPeriod: '30x' }), panelData(hourlyFrames(), THIRTY_DAYS))} />
    );
    expect(screen.getByText('Check the panel options')).toBeInTheDocument();
    expect(screen.getByText(/period\.rolling: "30x" is not a duration/)).toBeInTheDocument();
  });

  it('burns down a calendar month in its time zone', () => {
    const november = timeRangeOf(NOW, NOW + 10 * DAY);
    const frames = [
      ...promFrames(
        'bad',
        matrixAnswer(NOW, NOW + 10 * DAY, HOUR, () => 0.5),
        HOUR
      ),
      ...promFrames(
        'total',
        matrixAnswer(NOW, NOW + 10 * DAY, HOUR, () => 1000),
        HOUR
      ),
    ];
    const calendar = options({ periodType: 'calendar', calendarPeriod: 'month', timezone: 'utc' });
    render(<BurndownPanel {...panelProps(calendar, panelData(frames, november))} />);
    expect(screen.getByText('error budget remaining · calendar month (UTC)')).toBeInTheDocument();
    // A third of November spent at half the budget rate: 1/6 of the budget.
    expect(screen.getByTestId('sloburn-budget-remaining')).toHaveTextContent('83.3%');
  });

  it('waits for the first data instead of saying "No data"', () => {
    render(<BurndownPanel {...panelProps(options(), panelData([], THIRTY_DAYS, { state: LoadingState.Loading }))} />);
    expect(screen.getByText('Loading…')).toBeInTheDocument();
  });
});

describe('BurndownPanel on an SLO of the app', () => {
  const demo = parseSloSpecsYaml(`
slos:
  - id: checkout-availability
    name: Checkout availability
    service: checkout
    objective: 99.9
    period: { rolling: 30d }
    sli:
      events:
        errorQuery: sum(rate(http_requests_total{service="checkout",code=~"5.."}[{{.window}}]))
        totalQuery: sum(rate(http_requests_total{service="checkout"}[{{.window}}]))
`);
  const settings = { jsonData: { slos: demo.valid, defaultDatasourceUid: 'sloburn-prometheus' } };
  let requests: Array<DataQueryRequest<PrometheusDataQuery>> = [];

  beforeEach(() => {
    jest
      .mocked(getBackendSrv)
      .mockReturnValue({ get: jest.fn(async () => settings) } as unknown as ReturnType<typeof getBackendSrv>);
    const fake = fakePrometheusDataSource((refId) => (refId === 'bad' ? 0.0005 : 1));
    const datasource = fake.datasource;
    requests = fake.requests;
    jest
      .mocked(getDataSourceSrv)
      .mockReturnValue({ get: jest.fn(async () => datasource) } as unknown as ReturnType<typeof getDataSourceSrv>);
  });

  it('reads the SLO from the app settings, runs its plan through the data source and draws it', async () => {
    const props = panelProps(
      options({ source: 'slo', sloId: '$slo' }),
      panelData([], timeRangeOf(NOW - 6 * HOUR, NOW)),
      { replaceVariables: (value: string) => value.replace('$slo', 'checkout-availability') }
    );
    render(<BurndownPanel {...props} />);
    expect(await screen.findByTestId('sloburn-budget-remaining')).toHaveTextContent('50%');
    expect(getBackendSrv().get).toHaveBeenCalledWith('/api/plugins/sloburn-slo-app/settings', undefined, undefined, {
      showErrorAlert: false,
    });
    expect(getDataSourceSrv().get).toHaveBeenCalledWith('sloburn-prometheus');
    expect(requests).toHaveLength(1);
    expect(requests[0].targets.map((target) => target.refId)).toEqual(expect.arrayContaining(['bad', 'total']));
    // The plan reaches back over the whole period whatever the dashboard's range.
    const firstBucketStart = requests[0].range.from.unix() - requests[0].intervalMs / 1000;
    expect(firstBucketStart).toBeLessThanOrEqual(NOW - 30 * DAY);
    expect(screen.queryByTestId('sloburn-partial-data')).not.toBeInTheDocument();
  });

  it('uses the data source of the panel options over the app default', async () => {
    const props = panelProps(
      options({ source: 'slo', sloId: 'checkout-availability', datasource: '$datasource' }),
      panelData([], timeRangeOf(NOW - 6 * HOUR, NOW)),
      { replaceVariables: (value: string) => value.replace('$datasource', 'other-prometheus') }
    );
    render(<BurndownPanel {...props} />);
    await screen.findByTestId('sloburn-budget-remaining');
    expect(getDataSourceSrv().get).toHaveBeenCalledWith('other-prometheus');
  });

  it('names the SLOs it knows when the id is unknown', async () => {
    render(<BurndownPanel {...panelProps(options({ source: 'slo', sloId: 'nope' }), panelData([], THIRTY_DAYS))} />);
    expect(await screen.findByText('No SLO nope')).toBeInTheDocument();
    expect(screen.getByText(/these SLOs: checkout-availability/)).toBeInTheDocument();
  });

  it('asks for an SLO when none is chosen', () => {
    render(<BurndownPanel {...panelProps(options({ source: 'slo' }), panelData([], THIRTY_DAYS))} />);
    expect(screen.getByText('Choose an SLO')).toBeInTheDocument();
  });

  it('shows a query error of the data source', async () => {
    const failing = {
      uid: 'sloburn-prometheus',
      type: 'prometheus',
      query: () => of<DataQueryResponse>({ data: [], errors: [{ refId: 'bad', message: 'parse error' }] }),
    };
    jest
      .mocked(getDataSourceSrv)
      .mockReturnValue({ get: jest.fn(async () => failing) } as unknown as ReturnType<typeof getDataSourceSrv>);
    render(
      <BurndownPanel
        {...panelProps(options({ source: 'slo', sloId: 'checkout-availability' }), panelData([], THIRTY_DAYS))}
      />
    );
    expect(await screen.findByText('Query error')).toBeInTheDocument();
    expect(screen.getByText('parse error')).toBeInTheDocument();
  });

  it('says "No data" when the data source has nothing for the SLO', async () => {
    const empty = { uid: 'sloburn-prometheus', type: 'prometheus', query: () => of<DataQueryResponse>({ data: [] }) };
    jest
      .mocked(getDataSourceSrv)
      .mockReturnValue({ get: jest.fn(async () => empty) } as unknown as ReturnType<typeof getDataSourceSrv>);
    render(
      <BurndownPanel
        {...panelProps(options({ source: 'slo', sloId: 'checkout-availability' }), panelData([], THIRTY_DAYS))}
      />
    );
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('No data'));
  });
});
