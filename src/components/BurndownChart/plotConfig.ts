import type { AlignedData } from 'uplot';
import { type GrafanaTheme2, ThresholdsMode, type TimeZone } from '@grafana/data';
import {
  AxisPlacement,
  DrawStyle,
  GraphGradientMode,
  GraphThresholdsStyleMode,
  PointVisibility,
  ScaleDirection,
  ScaleOrientation,
  UPlotConfigBuilder,
} from '@grafana/ui';
import type { BurndownPoint, BurndownResult } from '../../domain';

/** Series order in the aligned data: x first, then these. */
export const SERIES = { remaining: 1, ideal: 2, projection: 3 } as const;

export interface BurndownColors {
  remaining: string;
  ideal: string;
  projection: string;
  overspent: string;
}

export function burndownColors(theme: GrafanaTheme2): BurndownColors {
  return {
    remaining: theme.visualization.getColorByName('blue'),
    ideal: theme.colors.text.secondary,
    projection: theme.colors.warning.main,
    overspent: theme.colors.error.main,
  };
}

/**
 * The burndown's three lines on one time axis (milliseconds, as Grafana's uPlot expects): the
 * remaining budget, the ideal constant-burn line and the projection. A line has null where another
 * line has a point and it does not; every line spans those gaps.
 */
export function alignBurndown(burndown: BurndownResult): AlignedData {
  const lines = [burndown.series, burndown.ideal, burndown.projection];
  const times = [...new Set(lines.flatMap((line) => line.map((point) => point.time)))].sort((a, b) => a - b);
  const index = new Map(times.map((time, i) => [time, i]));
  const columns = lines.map((line) => valuesAt(line, index, times.length));
  return [times.map((time) => time * 1000), ...columns];
}

function valuesAt(line: BurndownPoint[], index: Map<number, number>, length: number): Array<number | null> {
  const values: Array<number | null> = new Array(length).fill(null);
  for (const point of line) {
    values[index.get(point.time)!] = point.remaining;
  }
  return values;
}

/** Always shows 0 % and 100 %, and whatever the lines reach beyond, with a little room. */
export function remainingRange(data: AlignedData): [number, number] {
  let low = 0;
  let high = 1;
  for (let i = 1; i < data.length; i++) {
    for (const value of data[i] as Array<number | null | undefined>) {
      if (value !== null && value !== undefined && Number.isFinite(value)) {
        low = Math.min(low, value);
        high = Math.max(high, value);
      }
    }
  }
  const pad = (high - low) * 0.05;
  return [low - pad, high + pad];
}

export function formatAxisPercent(value: number): string {
  const percent = value * 100;
  return `${Math.abs(percent) < 10 && !Number.isInteger(percent) ? percent.toFixed(1) : Math.round(percent)}%`;
}

/**
 * uPlot configuration through Grafana's builder: a time axis, a percent axis, the zero line and the
 * overspent area below it in the theme's error colour (Grafana's threshold renderer), the remaining
 * budget as a filled line, the ideal line dotted and the projection dashed to its exhaustion point.
 */
export function burndownPlotConfig(
  data: AlignedData,
  theme: GrafanaTheme2,
  timeZone: TimeZone = 'browser'
): UPlotConfigBuilder {
  const colors = burndownColors(theme);
  const builder = new UPlotConfigBuilder(timeZone);
  const xs = data[0] as number[];
  const xRange: [number, number] = xs.length > 0 ? [xs[0], xs[xs.length - 1]] : [0, 1];
  const yRange = remainingRange(data);

  builder.addScale({
    scaleKey: 'x',
    isTime: true,
    orientation: ScaleOrientation.Horizontal,
    direction: ScaleDirection.Right,
    range: () => xRange,
  });
  builder.addAxis({ scaleKey: 'x', isTime: true, placement: AxisPlacement.Bottom, timeZone, theme });

  builder.addScale({
    scaleKey: 'remaining',
    orientation: ScaleOrientation.Vertical,
    direction: ScaleDirection.Up,
    range: () => yRange,
  });
  builder.addAxis({
    scaleKey: 'remaining',
    placement: AxisPlacement.Left,
    theme,
    formatValue: (value: number) => formatAxisPercent(value),
  });
  builder.addThresholds({
    scaleKey: 'remaining',
    theme,
    config: { mode: GraphThresholdsStyleMode.LineAndArea },
    thresholds: {
      mode: ThresholdsMode.Absolute,
      steps: [
        { value: -Infinity, color: colors.overspent },
        { value: 0, color: 'transparent' },
      ],
    },
  });

  builder.addSeries({
    scaleKey: 'remaining',
    theme,
    drawStyle: DrawStyle.Line,
    lineColor: colors.remaining,
    lineWidth: 2,
    fillOpacity: 15,
    gradientMode: GraphGradientMode.Opacity,
    showPoints: PointVisibility.Never,
    spanNulls: true,
  });
  builder.addSeries({
    scaleKey: 'remaining',
    theme,
    drawStyle: DrawStyle.Line,
    lineColor: colors.ideal,
    lineWidth: 1,
    lineStyle: { fill: 'dot', dash: [2, 6] },
    showPoints: PointVisibility.Never,
    spanNulls: true,
  });
  builder.addSeries({
    scaleKey: 'remaining',
    theme,
    drawStyle: DrawStyle.Line,
    lineColor: colors.projection,
    lineWidth: 2,
    lineStyle: { fill: 'dash', dash: [8, 6] },
    showPoints: PointVisibility.Always,
    pointSize: 5,
    spanNulls: true,
  });
  return builder;
}
