import { fireEvent, render, screen, within } from '@testing-library/react';
import React, { useState } from 'react';
import { type SloSpec, backtestSlo } from '../../domain';
import { bucketsBetween } from '../../domain/testing/buckets';
import { BurnRateCalculator, type CalculatorBacktestView } from './BurnRateCalculator';
import { backtestLookBack, calculatorInputFromSpec, historySecondsFor, tunedSpec } from './calculatorBacktest';
import { type CalculatorInput, evaluateCalculatorInput, normalizeCalculatorInput } from './calculatorInput';

const HOUR = 3600;
const DAY = 86400;

const spec: SloSpec = {
  id: 'checkout',
  name: 'Checkout',
  service: 'checkout',
  objective: 99.9,
  period: { calendar: 'month', timezone: 'Europe/Berlin' },
  budgetingMethod: 'timeslices',
  timesliceWindow: '5m',
  timesliceTarget: 99,
  sli: { events: { errorQuery: 'e[{{.window}}]', totalQuery: 't[{{.window}}]' } },
  alerting: {
    minEvents: 50,
    windows: [
      { severity: 'page', longSeconds: HOUR, shortSeconds: 300, factor: 14.4 },
      { severity: 'ticket', longSeconds: DAY, shortSeconds: 2 * HOUR, budgetPercent: 10 },
    ],
  },
};

describe('calculator inputs from an SLO', () => {
  it('takes the objective, period, guard and each window as the spec states it', () => {
    expect(calculatorInputFromSpec(spec)).toEqual({
      objective: 99.9,
      period: 'month',
      minEvents: 50,
      windows: [
        { severity: 'page', long: '1h', short: '5m', factor: 14.4 },
        { severity: 'ticket', long: '1d', short: '2h', budgetPercent: 10 },
      ],
    });
    // The default windows are stated by their budget share.
    const plain = calculatorInputFromSpec({ ...spec, alerting: undefined, period: { rolling: '28d' } });
    expect(plain.windows.map((window) => window.budgetPercent)).toEqual([2, 5, 10, 10]);
    expect(plain.minEvents).toBeUndefined();
  });

  it('tunes the SLO with the inputs, keeping its SLI, budgeting and the time zone of an unchanged period', () => {
    const input = calculatorInputFromSpec(spec);
    const same = tunedSpec(spec, input)!;
    expect(same).toMatchObject({
      sli: spec.sli,
      budgetingMethod: 'timeslices',
      timesliceTarget: 99,
      period: spec.period,
    });
    expect(same.alerting).toEqual({
      minEvents: 50,
      windows: [
        { severity: 'page', longSeconds: HOUR, shortSeconds: 300, factor: 14.4 },
        { severity: 'ticket', longSeconds: DAY, shortSeconds: 2 * HOUR, budgetPercent: 10 },
      ],
    });
    const edited: CalculatorInput = {
      ...input,
      objective: 99,
      period: '7d',
      windows: [{ ...input.windows[0], factor: 10 }],
    };
    const { minEvents: _minEvents, ...unguarded } = edited;
    expect(tunedSpec(spec, unguarded)).toMatchObject({
      objective: 99,
      period: { rolling: '7d' },
      alerting: { windows: [{ factor: 10 }] },
    });
    expect(tunedSpec(spec, unguarded)!.alerting?.minEvents).toBeUndefined();
    expect(tunedSpec(spec, { ...input, objective: 100 })).toBeNull();
  });

  it('reads back what a backtest over the last period needs, and how far the plan must reach for it', () => {
    const rolling = { ...spec, period: { rolling: '30d' } };
    // 30 days and the 1-day window.
    expect(backtestLookBack(rolling, 100 * DAY)).toBe(31 * DAY);
    // Planned with windows whose longest is 1 day: the planner adds that day itself.
    expect(historySecondsFor(rolling, 31 * DAY)).toBe(30 * DAY);
    expect(historySecondsFor(rolling, 12 * HOUR)).toBe(0);
  });

  it('keeps the guard in saved options and reports a negative one on its field', () => {
    expect(normalizeCalculatorInput({ minEvents: 20 })).toMatchObject({ minEvents: 20 });
    expect(normalizeCalculatorInput({ minEvents: Number.NaN }).minEvents).toBeUndefined();
    const input = { ...calculatorInputFromSpec(spec), minEvents: -1 };
    expect(evaluateCalculatorInput(input).problems.minEvents).toMatch(/must be a number of events of 0 or more/);
  });
});

describe('BurnRateCalculator with a backtest', () => {
  const input = calculatorInputFromSpec({ ...spec, budgetingMethod: 'occurrences', period: { rolling: '7d' } });
  // 3 days of 1,000 events per 5 minutes; 5% bad for 2 hours on day 2.
  const buckets = bucketsBetween(0, 3 * DAY, 300, (t) => ({
    bad: t >= 2 * DAY && t < 2 * DAY + 2 * HOUR ? 50 : 0,
    total: 1000,
  }));
  const result = backtestSlo(
    { ...spec, budgetingMethod: 'occurrences', period: { rolling: '7d' } },
    buckets,
    { from: DAY + HOUR, to: 3 * DAY },
    300
  );

  function Harness({ backtest }: { backtest: CalculatorBacktestView }) {
    const [value, setValue] = useState(input);
    return (
      <>
        <BurnRateCalculator value={value} onChange={setValue} backtest={backtest} />
        <output data-testid="guard">{String(value.minEvents)}</output>
      </>
    );
  }

  it('shows beside each window what it would have done, and per severity', () => {
    render(<Harness backtest={{ kind: 'ready', rangeLabel: 'last 7d', result }} />);
    expect(screen.getByRole('columnheader', { name: 'Episodes (last 7d)' })).toBeInTheDocument();
    expect(screen.getByTestId('backtest-episodes-1')).toHaveTextContent(/^1$/);
    expect(screen.getByTestId('backtest-firing-1')).toHaveTextContent(
      // The 1h/5m pair at 14.4×: from 20 minutes into the incident to 5 minutes after it.
      '1h 45m'
    );
    expect(screen.getByTestId('calculator-backtest-page')).toHaveTextContent(
      'page 1 episode · 1h 45m firing · longest 1h 45m'
    );
    expect(screen.getByTestId('calculator-backtest-ticket')).toHaveTextContent('ticket 1 episode');
  });

  it('edits the low-traffic guard, and clears it', () => {
    render(<Harness backtest={{ kind: 'ready', rangeLabel: 'last 7d', result }} />);
    const guard = screen.getByLabelText('Low-traffic guard', { exact: true });
    expect(guard).toHaveValue('50');
    fireEvent.change(guard, { target: { value: '1000' } });
    fireEvent.blur(guard);
    expect(screen.getByTestId('guard')).toHaveTextContent('1000');
    fireEvent.change(guard, { target: { value: '' } });
    fireEvent.blur(guard);
    expect(screen.getByTestId('guard')).toHaveTextContent('undefined');
  });

  it('says while the data is read, and why there is no backtest', () => {
    const { rerender } = render(<Harness backtest={{ kind: 'loading', rangeLabel: 'last 7d' }} />);
    expect(screen.getByTestId('backtest-episodes-1')).toHaveTextContent('…');
    expect(screen.getByTestId('calculator-backtest-severities')).toHaveTextContent(
      "Reading the SLO's data for the last 7d…"
    );
    rerender(<Harness backtest={{ kind: 'error', rangeLabel: 'last 7d', message: 'HTTP 504' }} />);
    expect(screen.getByText("Cannot read the SLO's data for the backtest")).toBeInTheDocument();
    expect(within(screen.getByRole('alert')).getByText('HTTP 504')).toBeInTheDocument();
  });
});
