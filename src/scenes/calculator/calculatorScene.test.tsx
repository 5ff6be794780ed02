import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { sceneGraph } from '@grafana/scenes';
import calculatorFixture from '../../../tests/fixtures/scenes/calculator-apiserver-write.json';
import { demoSpecsForScenes } from '../testing/demoSpecs';
import { type SceneFixture, TEST_DATASOURCE_UID, installRecordedPrometheus } from '../testing/recordedPrometheus';
import { renderScene } from '../testing/renderScene';
import { CalculatorView } from './CalculatorView';
import { calculatorScene } from './calculatorPage';

const SLO_ID = 'apiserver-write-availability';
const fixture = calculatorFixture as SceneFixture;

function renderCalculator() {
  const prometheus = installRecordedPrometheus(fixture);
  // The page backtests as of when the SLO is chosen: the recording's time.
  jest.spyOn(Date, 'now').mockReturnValue(fixture.to * 1000);
  const scene = calculatorScene({
    specs: demoSpecsForScenes(),
    problems: [],
    defaultDatasourceUid: TEST_DATASOURCE_UID,
    discovered: [],
  });
  renderScene(scene);
  const [view] = sceneGraph.findAllObjects(scene, (object) => object instanceof CalculatorView) as CalculatorView[];
  return { prometheus, view };
}

function commit(input: HTMLElement, text: string) {
  fireEvent.change(input, { target: { value: text } });
  fireEvent.blur(input);
}

const cell = (testId: string) => screen.getByTestId(testId);

// Each edit re-runs the backtest of three days of buckets in jsdom: slower than jest's default allows on a busy runner.
jest.setTimeout(60_000);

afterEach(() => {
  jest.restoreAllMocks();
});

describe('the burn-rate calculator prefilled from an SLO', () => {
  it('backtests the windows on the SLO data, and re-runs every edit on the data already read', async () => {
    const { prometheus, view } = renderCalculator();
    act(() => view.choose(SLO_ID));
    // The API server write SLO (a 3-day period, the 30-day factors) five hours after the Calico outage: the
    // 1h/5m pair never fired at 14.4×, the 6h/30m one paged once.
    await waitFor(() => expect(cell('backtest-episodes-2')).toHaveTextContent(/^1$/));
    expect(cell('backtest-episodes-1')).toHaveTextContent(/^0$/);
    expect(cell('backtest-firing-1')).toHaveTextContent('—');
    expect(screen.getByTestId('calculator-backtest-page')).toHaveTextContent(/^page 1 episode · \d+m firing/);
    expect(prometheus.requests).toHaveLength(1);
    // The plan reached back the period and the longest window before it: 6 days.
    const [request] = prometheus.requests;
    expect(request.range.to.unix()).toBe(fixture.to);
    expect(request.range.from.unix()).toBeLessThanOrEqual(fixture.to - 6 * 86400 + 300);
    const pageFiring = screen.getByTestId('calculator-backtest-page').textContent;

    // The tuning loop: 14.4 → 10 on the fast page pair, and it would have paged too.
    commit(screen.getByLabelText('Factor, window 1', { exact: true }), '10');
    await waitFor(() => expect(cell('backtest-episodes-1')).toHaveTextContent(/^1$/));
    expect(cell('backtest-firing-1')).not.toHaveTextContent('—');
    expect(screen.getByTestId('calculator-backtest-page').textContent).not.toBe(pageFiring);
    // The objective, a shorter window and a low-traffic guard: each re-runs the backtest, none queries again.
    // At 90 % a factor of 10 asks for more than 100 % errors: that pair can never fire.
    commit(screen.getByLabelText('Objective', { exact: true }), '90');
    await waitFor(() => expect(cell('backtest-episodes-1')).toHaveTextContent(/^never$/));
    commit(screen.getByLabelText('Objective', { exact: true }), '99');
    commit(screen.getByLabelText('Short window, window 2', { exact: true }), '15m');
    commit(screen.getByLabelText('Low-traffic guard', { exact: true }), '1e12');
    await waitFor(() => expect(cell('backtest-episodes-1')).toHaveTextContent(/^0 \(held back \d/));
    expect(screen.getByTestId('calculator-backtest-page')).toHaveTextContent('would never have fired');
    expect(prometheus.requests).toHaveLength(1);

    // A longer window needs data from further back: then, and only then, it reads again.
    commit(screen.getByLabelText('Long window, window 4', { exact: true }), '5d');
    await waitFor(() => expect(prometheus.requests).toHaveLength(2));
    expect(prometheus.requests[1].range.from.unix()).toBeLessThan(request.range.from.unix() - 86400);

    // Back to the SLO's own inputs: on the data already read.
    fireEvent.click(screen.getByRole('button', { name: "Back to the SLO's own inputs" }));
    await waitFor(() => expect(cell('backtest-episodes-1')).toHaveTextContent(/^0$/));
    expect(cell('backtest-episodes-2')).toHaveTextContent(/^1$/);
    expect(prometheus.requests).toHaveLength(2);
  });

  it('lists the episodes of the windows as entered, per severity and per pair', async () => {
    const { view } = renderCalculator();
    act(() => view.choose(SLO_ID));
    const history = await screen.findByRole('region', { name: 'Backtest of these windows' });
    const slowPage = within(history).getByTestId('alert-history-page-6h/30m');
    expect(within(slowPage).getAllByTestId('alert-history-episode')).toHaveLength(1);
  });

  it('stays a plain calculator without an SLO: no backtest, no query', async () => {
    const { prometheus } = renderCalculator();
    expect(await screen.findByLabelText('Factor, window 1', { exact: true })).toHaveValue('14.4');
    expect(screen.queryByLabelText('Low-traffic guard')).not.toBeInTheDocument();
    expect(screen.queryByTestId('backtest-episodes-1')).not.toBeInTheDocument();
    expect(screen.queryByTestId('calculator-backtest-about')).not.toBeInTheDocument();
    expect(prometheus.requests).toHaveLength(0);
  });
});
