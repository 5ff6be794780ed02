import { PanelPlugin } from '@grafana/data';
import { addEventOptions } from '../shared/options';
import { BurndownPanel } from './BurndownPanel';
import { type BurndownOptions, DEFAULT_BURNDOWN_OPTIONS } from './types';

const SLO = ['SLO'];
const DISPLAY = ['Display'];
const fromQueries = (options: BurndownOptions) => options.source !== 'slo';

export const plugin = new PanelPlugin<BurndownOptions>(BurndownPanel).setPanelOptions((builder) => {
  addEventOptions(builder)
    .addNumberInput({
      path: 'objective',
      name: 'Objective (%)',
      description: 'Share of good events the SLO promises, e.g. 99.9. An SLO of the app brings its own.',
      category: SLO,
      defaultValue: DEFAULT_BURNDOWN_OPTIONS.objective,
      settings: { min: 0, max: 100, step: 0.01, placeholder: '99.9' },
      showIf: fromQueries,
    })
    .addRadio({
      path: 'periodType',
      name: 'Period',
      category: SLO,
      defaultValue: DEFAULT_BURNDOWN_OPTIONS.periodType,
      settings: {
        options: [
          { value: 'rolling', label: 'Rolling' },
          { value: 'calendar', label: 'Calendar' },
        ],
      },
      showIf: fromQueries,
    })
    .addTextInput({
      path: 'rollingPeriod',
      name: 'Rolling period',
      description: 'A duration such as 30d or 28d. The panel’s time range should cover it.',
      category: SLO,
      defaultValue: DEFAULT_BURNDOWN_OPTIONS.rollingPeriod,
      settings: { placeholder: '30d' },
      showIf: (options) => fromQueries(options) && options.periodType !== 'calendar',
    })
    .addRadio({
      path: 'calendarPeriod',
      name: 'Calendar period',
      category: SLO,
      defaultValue: DEFAULT_BURNDOWN_OPTIONS.calendarPeriod,
      settings: {
        options: [
          { value: 'week', label: 'Week' },
          { value: 'month', label: 'Month' },
          { value: 'quarter', label: 'Quarter' },
        ],
      },
      showIf: (options) => fromQueries(options) && options.periodType === 'calendar',
    })
    .addTimeZonePicker({
      path: 'timezone',
      name: 'Time zone',
      description: 'Where calendar periods start at midnight.',
      category: SLO,
      defaultValue: DEFAULT_BURNDOWN_OPTIONS.timezone,
      showIf: (options) => fromQueries(options) && options.periodType === 'calendar',
    })
    .addRadio({
      path: 'budgetingMethod',
      name: 'Budgeting method',
      description: 'Occurrences: every bad event spends budget. Time slices: every slice below its target does.',
      category: SLO,
      defaultValue: DEFAULT_BURNDOWN_OPTIONS.budgetingMethod,
      settings: {
        options: [
          { value: 'occurrences', label: 'Occurrences' },
          { value: 'timeslices', label: 'Time slices' },
        ],
      },
      showIf: fromQueries,
    })
    .addTextInput({
      path: 'timesliceWindow',
      name: 'Time slice',
      category: SLO,
      defaultValue: DEFAULT_BURNDOWN_OPTIONS.timesliceWindow,
      settings: { placeholder: '5m' },
      showIf: (options) => fromQueries(options) && options.budgetingMethod === 'timeslices',
    })
    .addNumberInput({
      path: 'timesliceTarget',
      name: 'Good slice target (%)',
      description: 'Percent of good events a slice needs to count as good.',
      category: SLO,
      defaultValue: DEFAULT_BURNDOWN_OPTIONS.timesliceTarget,
      settings: { min: 0, max: 100 },
      showIf: (options) => fromQueries(options) && options.budgetingMethod === 'timeslices',
    })
    .addBooleanSwitch({
      path: 'showSummary',
      name: 'Remaining budget as a big number',
      category: DISPLAY,
      defaultValue: DEFAULT_BURNDOWN_OPTIONS.showSummary,
    });
});
