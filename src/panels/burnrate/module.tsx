import { PanelPlugin } from '@grafana/data';
import type { CalculatorWindowInput } from '../../components/BurnRateCalculator';
import { addEventOptions } from '../shared/options';
import { BurnRatePanel } from './BurnRatePanel';
import { type BurnRateOptions, DEFAULT_BURNRATE_OPTIONS } from './types';
import { WindowsEditor } from './WindowsEditor';

const CALCULATOR = ['Calculator'];
const ownInputs = (options: BurnRateOptions) => options.source !== 'slo';

export const plugin = new PanelPlugin<BurnRateOptions>(BurnRatePanel).setPanelOptions((builder) => {
  builder
    .addNumberInput({
      path: 'objective',
      name: 'Objective (%)',
      description: 'Share of good events the SLO promises, e.g. 99.9.',
      category: CALCULATOR,
      defaultValue: DEFAULT_BURNRATE_OPTIONS.objective,
      settings: { min: 0, max: 100, step: 0.01, placeholder: '99.9' },
      showIf: ownInputs,
    })
    .addTextInput({
      path: 'period',
      name: 'Period',
      description: 'A rolling duration such as 30d or 28d, or week, month, quarter (7, 30, 90 days).',
      category: CALCULATOR,
      defaultValue: DEFAULT_BURNRATE_OPTIONS.period,
      settings: { placeholder: '30d' },
      showIf: ownInputs,
    })
    .addCustomEditor<unknown, CalculatorWindowInput[]>({
      id: 'windows',
      path: 'windows',
      name: 'Alert windows',
      description: 'Severity, long and short window, and the budget share (or factor) each pair fires at.',
      category: CALCULATOR,
      defaultValue: DEFAULT_BURNRATE_OPTIONS.windows,
      editor: WindowsEditor,
      showIf: ownInputs,
    });
  addEventOptions(builder);
});
