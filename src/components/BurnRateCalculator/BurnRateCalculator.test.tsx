import { fireEvent, render, screen, within } from '@testing-library/react';
import React, { useState } from 'react';
import { BurnRateCalculator, type CalculatorLive } from './BurnRateCalculator';
import {
  type CalculatorInput,
  defaultCalculatorInput,
  evaluateCalculatorInput,
  normalizeCalculatorInput,
} from './calculatorInput';

function Harness({ initial, onChange }: { initial: CalculatorInput; onChange?: (value: CalculatorInput) => void }) {
  const [value, setValue] = useState(initial);
  return (
    <BurnRateCalculator
      value={value}
      onChange={(next) => {
        setValue(next);
        onChange?.(next);
      }}
    />
  );
}

function rows() {
  return within(screen.getByRole('table', { name: 'Alert windows' }))
    .getAllByRole('row')
    .slice(1);
}

function commit(input: HTMLElement, text: string) {
  fireEvent.change(input, { target: { value: text } });
  fireEvent.blur(input);
}

describe('evaluateCalculatorInput', () => {
  it('gives the SRE workbook numbers for the default windows', () => {
    const { result, problems, summary } = evaluateCalculatorInput(defaultCalculatorInput());
    expect(problems).toEqual({});
    expect(summary).toBeNull();
    expect(result?.rows.map((row) => row.factor)).toEqual([14.4, 6, 3, 1]);
    expect(result?.rows.map((row) => row.thresholdRatio)).toEqual([0.0144, 0.006, 0.003, 0.001]);
  });

  it('places problems on their fields and refuses an objective of 100', () => {
    const input = defaultCalculatorInput(100);
    input.windows[1] = { ...input.windows[1], short: '7h' };
    const evaluation = evaluateCalculatorInput(input);
    expect(evaluation.result).toBeNull();
    expect(evaluation.problems.objective).toMatch(/100 leaves no error budget/);
    expect(evaluation.problems['windows.1.short']).toBe('must be shorter than the long window');
    expect(evaluation.summary).toMatch(/^Objective: 100 leaves no error budget/);
  });

  it('reads calendar periods with their nominal length', () => {
    const { result } = evaluateCalculatorInput({ ...defaultCalculatorInput(), period: 'week' });
    expect(result?.periodSeconds).toBe(7 * 86400);
    expect(result?.rows[0].factor).toBe(3.36);
  });

  it('falls back to defaults for missing or malformed saved options', () => {
    expect(normalizeCalculatorInput(undefined)).toEqual(defaultCalculatorInput());
    expect(
      normalizeCalculatorInput({
        objective: 99.5,
        windows: [{ severity: 'ticket', long: '1d', short: '2h', factor: 3 }],
      })
    ).toEqual({
      objective: 99.5,
      period: '30d',
      windows: [{ severity: 'ticket', long: '1d', short: '2h', factor: 3 }],
    });
  });
});

describe('BurnRateCalculator', () => {
  it('shows the SRE workbook table by default: factors, thresholds, budget, exhaustion, detection and reset', () => {
    render(<Harness initial={defaultCalculatorInput()} />);
    const table = rows();
    expect(table).toHaveLength(4);
    expect(
      table.map((row) => (within(row).getByRole('textbox', { name: /^Factor/ }) as HTMLInputElement).value)
    ).toEqual(['14.4', '6', '3', '1']);
    const first = within(table[0]);
    expect(first.getByText('1.44%')).toBeInTheDocument();
    expect(first.getByText('2%')).toBeInTheDocument();
    expect(first.getByText('2d 2h')).toBeInTheDocument();
    expect(first.getByText('52s')).toBeInTheDocument();
    expect(first.getByText('4m 56s')).toBeInTheDocument();
    expect(within(table[3]).getByText('30d')).toBeInTheDocument();
  });

  it('recomputes the factor when the objective, period or budget share changes, and reports the new state', () => {
    const onChange = jest.fn();
    render(<Harness initial={defaultCalculatorInput()} onChange={onChange} />);
    commit(screen.getByLabelText('Period'), '28d');
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ period: '28d' }));
    expect((screen.getByRole('textbox', { name: 'Factor, window 1' }) as HTMLInputElement).value).toBe('13.44');

    commit(screen.getByRole('textbox', { name: 'Budget percent, window 1' }), '5');
    expect((screen.getByRole('textbox', { name: 'Factor, window 1' }) as HTMLInputElement).value).toBe('33.6');
    expect(onChange.mock.calls.at(-1)[0].windows[0]).toEqual({
      severity: 'page',
      long: '1h',
      short: '5m',
      budgetPercent: 5,
    });
  });

  it('lets the factor drive instead of the budget share', () => {
    const onChange = jest.fn();
    render(<Harness initial={defaultCalculatorInput()} onChange={onChange} />);
    commit(screen.getByRole('textbox', { name: 'Factor, window 2' }), '10');
    expect(onChange.mock.calls.at(-1)[0].windows[1]).toEqual({
      severity: 'page',
      long: '6h',
      short: '30m',
      factor: 10,
    });
    // 10 × 6 h of a 30-day budget.
    expect((screen.getByRole('textbox', { name: 'Budget percent, window 2' }) as HTMLInputElement).value).toBe('8.333');
    expect(within(rows()[1]).getByText('1%')).toBeInTheDocument();
  });

  it('edits windows and severities, adds and removes rows, and restores the workbook windows', () => {
    const onChange = jest.fn();
    render(<Harness initial={defaultCalculatorInput()} onChange={onChange} />);
    commit(screen.getByRole('textbox', { name: 'Long window, window 1' }), '2h');
    expect(onChange.mock.calls.at(-1)[0].windows[0].long).toBe('2h');
    fireEvent.click(within(rows()[0]).getByLabelText('ticket'));
    expect(onChange.mock.calls.at(-1)[0].windows[0].severity).toBe('ticket');
    fireEvent.click(screen.getByRole('button', { name: 'Add window' }));
    expect(rows()).toHaveLength(5);
    fireEvent.click(screen.getByRole('button', { name: 'Remove window 5' }));
    expect(rows()).toHaveLength(4);
    fireEvent.click(screen.getByRole('button', { name: 'SRE workbook windows' }));
    expect(onChange.mock.calls.at(-1)[0].windows[0]).toEqual({
      severity: 'page',
      long: '1h',
      short: '5m',
      budgetPercent: 2,
    });
  });

  it('explains invalid inputs where they are and blocks the numbers', () => {
    render(<Harness initial={defaultCalculatorInput()} />);
    commit(screen.getByLabelText('Objective'), '100');
    expect(screen.getByText('Cannot compute the alert windows')).toBeInTheDocument();
    expect(screen.getAllByText(/100 leaves no error budget/).length).toBeGreaterThan(0);
    expect(within(rows()[0]).queryByText('1.44%')).not.toBeInTheDocument();

    commit(screen.getByLabelText('Objective'), 'abc');
    expect(screen.getByText('"abc" is not a number')).toBeInTheDocument();

    commit(screen.getByLabelText('Objective'), '99.9');
    commit(screen.getByRole('textbox', { name: 'Short window, window 1' }), '2h');
    expect(screen.getByText('must be shorter than the long window')).toBeInTheDocument();
  });

  it('says when a pair can never fire', () => {
    render(<BurnRateCalculator value={defaultCalculatorInput(90)} />);
    expect(within(rows()[0]).getAllByText('never')).toHaveLength(2);
  });

  it('shows live burn rates and each pair state next to its threshold', () => {
    const live: CalculatorLive = {
      pairs: [
        { longBurnRate: 20.5, shortBurnRate: 18, firing: true },
        { longBurnRate: 3, shortBurnRate: 2, firing: false },
        { longBurnRate: null, shortBurnRate: null, firing: false },
        { longBurnRate: 0.9, shortBurnRate: 1.2, firing: false, partial: true },
      ],
    };
    render(<BurnRateCalculator value={defaultCalculatorInput()} live={live} />);
    const table = rows();
    expect(within(table[0]).getByText('Firing')).toBeInTheDocument();
    expect(within(table[0]).getByText('20.5×')).toBeInTheDocument();
    expect(within(table[0]).getByText('vs 14.4×', { exact: false })).toBeInTheDocument();
    expect(within(table[1]).getByText('OK')).toBeInTheDocument();
    expect(within(table[2]).getByText('No data')).toBeInTheDocument();
    expect(within(table[3]).getByText('(partial)', { exact: false })).toBeInTheDocument();
    // Read-only: no inputs, no buttons.
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Add window' })).not.toBeInTheDocument();
  });
});
