import { css, cx } from '@emotion/css';
import React, { type ComponentProps, useMemo } from 'react';
import type { GrafanaTheme2, TimeZone } from '@grafana/data';
import { KeyboardPlugin, TooltipPlugin2, UPlotChart, useStyles2, useTheme2 } from '@grafana/ui';
import type { BurndownResult } from '../../domain';
import { BurndownTooltip } from './BurndownTooltip';
import { SERIES, alignBurndown, burndownColors, burndownPlotConfig } from './plotConfig';
import { type BudgetTone, summarizeBurndown } from './summary';

export interface BurndownChartProps {
  /** What the engine computed (`burndown()` or `evaluateSlo(...).burndown`). */
  burndown: BurndownResult;
  width: number;
  height: number;
  timeZone?: TimeZone;
  /** Shown under the big number, e.g. "rolling 30d" or "calendar month (Europe/Berlin)". */
  periodLabel?: string;
  /** Hide the big number when the page shows it elsewhere. */
  showSummary?: boolean;
}

const SUMMARY_HEIGHT = 64;
const LEGEND_HEIGHT = 24;
/** Below this the plot is unreadable: only the big number is shown. */
const MIN_PLOT_HEIGHT = 60;

/** `hoverMode` is a const enum that @grafana/ui does not export: 1 is "all series at the hovered x". */
const HOVER_ALL_SERIES = 1 as ComponentProps<typeof TooltipPlugin2>['hoverMode'];

/**
 * Remaining error budget over the period: the budget line, the ideal constant-burn line, the
 * projection at the current burn rate to the exhaustion point, the current value as a big number,
 * and the zero line with the overspent area in the theme's error colour. Plain props, so that panels
 * and app pages draw the same chart.
 */
export function BurndownChart({
  burndown,
  width,
  height,
  timeZone,
  periodLabel,
  showSummary = true,
}: BurndownChartProps) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const summary = summarizeBurndown(burndown);
  const data = useMemo(() => alignBurndown(burndown), [burndown]);
  const config = useMemo(() => burndownPlotConfig(data, theme, timeZone), [data, theme, timeZone]);
  const colors = burndownColors(theme);
  const summaryHeight = showSummary ? SUMMARY_HEIGHT : 0;
  const plotHeight = Math.floor(height - summaryHeight - LEGEND_HEIGHT);
  const hasLines = data[0].length > 1;

  return (
    <div className={styles.container} style={{ width, height }} data-testid="sloburn-burndown-chart">
      {showSummary && (
        <div className={styles.summary} style={{ height: SUMMARY_HEIGHT }}>
          <span className={cx(styles.value, toneClass(styles, summary.tone))} data-testid="sloburn-budget-remaining">
            {summary.value}
          </span>
          <span className={styles.caption}>
            <span>error budget remaining{periodLabel ? ` · ${periodLabel}` : ''}</span>
            <span className={styles.detail}>{summary.detail}</span>
          </span>
        </div>
      )}
      {plotHeight >= MIN_PLOT_HEIGHT && hasLines && (
        <>
          <div className={styles.legend} style={{ height: LEGEND_HEIGHT }} aria-hidden="true">
            <LegendItem color={colors.remaining} label="Remaining budget" />
            <LegendItem color={colors.ideal} label="Ideal (constant burn)" dashed />
            <LegendItem color={colors.projection} label="Projection" dashed />
            <LegendItem color={colors.overspent} label="Overspent" />
          </div>
          <div
            role="group"
            aria-label={`Error budget burndown: ${summary.value} remaining, ${summary.detail}. Focus the chart and use the arrow keys to move the cursor.`}
          >
            <UPlotChart config={config} data={data} width={width} height={plotHeight}>
              <KeyboardPlugin config={config} />
              <TooltipPlugin2
                config={config}
                hoverMode={HOVER_ALL_SERIES}
                render={(u, dataIdxs) => {
                  const index = dataIdxs.find((candidate) => candidate !== null && candidate !== undefined);
                  if (index === undefined || index === null) {
                    return null;
                  }
                  const at = (series: number) => (u.data[series]?.[index] as number | null | undefined) ?? null;
                  return (
                    <BurndownTooltip
                      time={u.data[0][index]}
                      remaining={at(SERIES.remaining)}
                      ideal={at(SERIES.ideal)}
                      projected={at(SERIES.projection)}
                      colors={colors}
                      timeZone={timeZone}
                    />
                  );
                }}
              />
            </UPlotChart>
          </div>
        </>
      )}
    </div>
  );
}

function LegendItem({ color, label, dashed = false }: { color: string; label: string; dashed?: boolean }) {
  const styles = useStyles2(getStyles);
  return (
    <span className={styles.legendItem}>
      <span
        className={styles.legendLine}
        style={dashed ? { borderTop: `2px dashed ${color}` } : { borderTop: `2px solid ${color}` }}
      />
      {label}
    </span>
  );
}

function toneClass(styles: ReturnType<typeof getStyles>, tone: BudgetTone): string {
  switch (tone) {
    case 'exhausted':
      return styles.exhausted;
    case 'warning':
      return styles.warning;
    case 'ok':
      return styles.ok;
    default:
      return styles.none;
  }
}

const getStyles = (theme: GrafanaTheme2) => ({
  container: css({
    display: 'flex',
    flexDirection: 'column',
    overflow: 'hidden',
  }),
  summary: css({
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1.5),
    padding: theme.spacing(0, 1),
    minWidth: 0,
  }),
  value: css({
    fontSize: theme.typography.h1.fontSize,
    fontWeight: theme.typography.fontWeightMedium,
    lineHeight: 1,
    fontVariantNumeric: 'tabular-nums',
  }),
  ok: css({ color: theme.colors.success.text }),
  warning: css({ color: theme.colors.warning.text }),
  exhausted: css({ color: theme.colors.error.text }),
  none: css({ color: theme.colors.text.secondary }),
  caption: css({
    display: 'flex',
    flexDirection: 'column',
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
    minWidth: 0,
    span: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  }),
  detail: css({
    color: theme.colors.text.primary,
  }),
  legend: css({
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    padding: theme.spacing(0, 1),
    fontSize: theme.typography.bodySmall.fontSize,
    color: theme.colors.text.secondary,
    overflow: 'hidden',
  }),
  legendItem: css({
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.75),
    whiteSpace: 'nowrap',
  }),
  legendLine: css({
    display: 'inline-block',
    width: theme.spacing(2.5),
  }),
});
