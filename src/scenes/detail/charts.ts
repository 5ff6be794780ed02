import { ThresholdsMode } from '@grafana/data';
import { PanelBuilders, type VizPanel } from '@grafana/scenes';
import { GraphThresholdsStyleMode, MappingType, ScaleDistribution, VisibilityMode } from '@grafana/schema';
import { VisibleRangeChartData } from '../data/VisibleRangeChartData';
import { CHART_REF_IDS, PAIR_STATE_VALUES } from '../viewModels/chartFrames';

/** The engine's frames of one chart, over the page's visible time range. */
function chartData(refId: string): VisibleRangeChartData {
  return new VisibleRangeChartData({ refId });
}

/** Burn rate of every window on a log scale, with the four alert factors as dashed lines. */
export function burnRateChart(factors: number[]): VizPanel {
  const steps = [...new Set(factors)].sort((a, b) => a - b);
  const colors = ['yellow', 'orange', 'red', 'dark-red'];
  return PanelBuilders.timeseries()
    .setTitle('Burn rate by window')
    .setDescription(
      'How many times faster than sustainable each window spends the budget. Dashed lines: the alert factors.'
    )
    .setData(chartData(CHART_REF_IDS.burnRate))
    .setUnit('x')
    .setDecimals(2)
    .setCustomFieldConfig('scaleDistribution', { type: ScaleDistribution.Log, log: 10 })
    .setCustomFieldConfig('thresholdsStyle', { mode: GraphThresholdsStyleMode.Dashed })
    .setThresholds({
      mode: ThresholdsMode.Absolute,
      steps: [
        { value: -Infinity, color: 'transparent' },
        ...steps.map((value, index) => ({ value, color: colors[Math.min(index, colors.length - 1)] })),
      ],
    })
    .build();
}

/**
 * Fields of ticket pairs in the alert-states frame. Grafana anchors a pattern without slashes at both
 * ends (@grafana/data stringToJsRegex), so it must match the whole name.
 */
export const TICKET_FIELDS = 'ticket .+';

/** A pair's states as the timeline draws them; only the firing colour depends on the severity. */
function pairStateMappings(firingColor: string) {
  return [
    {
      type: MappingType.ValueToText as const,
      options: {
        [PAIR_STATE_VALUES.ok]: { text: 'not firing', color: 'transparent', index: 0 },
        [PAIR_STATE_VALUES.firing]: { text: 'firing', color: firingColor, index: 1 },
        [PAIR_STATE_VALUES['insufficient-traffic']]: {
          text: 'insufficient traffic (held back by the low-traffic guard)',
          color: 'purple',
          index: 2,
        },
        [PAIR_STATE_VALUES['no-data']]: { text: 'no data', color: 'transparent', index: 3 },
      },
    },
  ];
}

/**
 * Which pair fired when: the answer to "since when" over the whole range, and the alert history's
 * episodes drawn; the time the low-traffic guard held a pair back is a colour of its own.
 */
export function alertStateTimeline(): VizPanel {
  return (
    PanelBuilders.statetimeline()
      .setTitle('Alert pairs over time')
      .setDescription(
        'Each pair evaluated at every step with the rule of the exported alerts. Red or orange: firing; purple: held back by the low-traffic guard (alerting.minEvents).'
      )
      .setData(chartData(CHART_REF_IDS.alertStates))
      .setOption('showValue', VisibilityMode.Never)
      .setOption('mergeValues', true)
      .setMappings(pairStateMappings('red'))
      // One frame (refId chart:alert-states) with a field per pair, named `<severity> <long> / <short>`:
      // ticket pairs are told apart by name.
      .setOverrides((overrides) =>
        overrides.matchFieldsWithNameByRegex(TICKET_FIELDS).overrideMappings(pairStateMappings('orange'))
      )
      .build()
  );
}

export function sliChart(): VizPanel {
  return PanelBuilders.timeseries()
    .setTitle('SLI against the objective')
    .setData(chartData(CHART_REF_IDS.sli))
    .setUnit('percentunit')
    .setDecimals(3)
    .setOverrides((overrides) =>
      overrides
        .matchFieldsWithName('Objective')
        .overrideColor({ mode: 'fixed', fixedColor: 'red' })
        .overrideCustomFieldConfig('lineStyle', { fill: 'dash', dash: [10, 10] })
    )
    .build();
}

export function trafficChart(): VizPanel {
  return PanelBuilders.timeseries()
    .setTitle('Traffic and bad events')
    .setData(chartData(CHART_REF_IDS.traffic))
    .setUnit('reqps')
    .setCustomFieldConfig('fillOpacity', 10)
    .setOverrides((overrides) =>
      overrides
        .matchFieldsWithName('Bad events')
        .overrideColor({ mode: 'fixed', fixedColor: 'red' })
        .overrideCustomFieldConfig('axisPlacement', 'right' as never)
    )
    .build();
}
