import { fireEvent, render, screen } from '@testing-library/react';
import React from 'react';
import { type PanelPlugin, PanelOptionsEditorBuilder, type StandardEditorProps } from '@grafana/data';
import { plugin as burndownPlugin } from './burndown/module';
import { installStubOptionEditors } from './shared/testing/stubOptionEditors';
import { DEFAULT_BURNDOWN_OPTIONS } from './burndown/types';
import { plugin as burnratePlugin } from './burnrate/module';
import { DEFAULT_BURNRATE_OPTIONS } from './burnrate/types';
import { WindowsEditor } from './burnrate/WindowsEditor';
import type { CalculatorWindowInput } from '../components/BurnRateCalculator';

beforeAll(installStubOptionEditors);

function optionItems(plugin: PanelPlugin) {
  const builder = new PanelOptionsEditorBuilder();
  plugin.getPanelOptionsSupplier()(builder, { data: [] });
  return builder.getItems();
}

describe('panel plugins', () => {
  it('give the burndown panel its documented defaults through the standard options editor', () => {
    expect(burndownPlugin.defaults).toEqual(DEFAULT_BURNDOWN_OPTIONS);
    const paths = optionItems(burndownPlugin).map((item) => item.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'source',
        'sloId',
        'datasource',
        'badQuery',
        'totalQuery',
        'seriesLabel',
        'values',
        'objective',
        'periodType',
        'rollingPeriod',
        'calendarPeriod',
        'timezone',
        'budgetingMethod',
      ])
    );
  });

  it('give the burn-rate panel the SRE workbook windows by default, edited with a custom editor', () => {
    expect(burnratePlugin.defaults).toEqual(DEFAULT_BURNRATE_OPTIONS);
    const windows = optionItems(burnratePlugin).find((item) => item.path === 'windows');
    expect(windows?.editor).toBe(WindowsEditor);
  });

  it('hide the inputs an SLO of the app brings itself', () => {
    const objective = optionItems(burndownPlugin).find((item) => item.path === 'objective')!;
    const sloId = optionItems(burndownPlugin).find((item) => item.path === 'sloId')!;
    expect(objective.showIf?.({ ...DEFAULT_BURNDOWN_OPTIONS, source: 'slo' }, undefined)).toBe(false);
    expect(sloId.showIf?.({ ...DEFAULT_BURNDOWN_OPTIONS, source: 'slo' }, undefined)).toBe(true);
    const windows = optionItems(burnratePlugin).find((item) => item.path === 'windows')!;
    expect(windows.showIf?.({ ...DEFAULT_BURNRATE_OPTIONS, source: 'slo' }, undefined)).toBe(false);
  });
});

describe('WindowsEditor', () => {
  function renderEditor(value: CalculatorWindowInput[]) {
    const onChange = jest.fn();
    const props = {
      value,
      onChange,
      context: { data: [] },
      item: { id: 'windows', name: 'windows' },
    } as unknown as StandardEditorProps<CalculatorWindowInput[]>;
    render(<WindowsEditor {...props} />);
    return onChange;
  }

  it('edits a window, switches it to a factor and removes it', () => {
    const onChange = renderEditor(DEFAULT_BURNRATE_OPTIONS.windows);
    const long = screen.getByRole('textbox', { name: 'Long window 1' });
    fireEvent.change(long, { target: { value: '2h' } });
    fireEvent.blur(long);
    expect(onChange).toHaveBeenLastCalledWith(
      expect.arrayContaining([{ severity: 'page', long: '2h', short: '5m', budgetPercent: 2 }])
    );
    fireEvent.click(screen.getByRole('button', { name: 'Window 1: set a factor instead' }));
    expect(onChange.mock.calls.at(-1)[0][0]).toEqual({ severity: 'page', long: '1h', short: '5m', factor: 14.4 });
    fireEvent.click(screen.getByRole('button', { name: 'Remove window 4' }));
    expect(onChange.mock.calls.at(-1)[0]).toHaveLength(3);
  });

  it('refuses a budget share that is not a number and restores the workbook windows', () => {
    const onChange = renderEditor([{ severity: 'ticket', long: '1d', short: '2h', factor: 3 }]);
    const factor = screen.getByRole('textbox', { name: 'Factor 1' });
    fireEvent.change(factor, { target: { value: 'lots' } });
    fireEvent.blur(factor);
    expect(screen.getByText('"lots" is not a number')).toBeInTheDocument();
    expect(onChange).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'SRE workbook windows' }));
    expect(onChange.mock.calls.at(-1)[0]).toEqual(DEFAULT_BURNRATE_OPTIONS.windows);
  });
});
