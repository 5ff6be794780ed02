import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';
import { budgetColor } from './BudgetBar';

interface Props {
  points: Array<{ time: number; remaining: number }>;
  width?: number;
  height?: number;
}

/**
 * Budget left over the period as a small SVG line with the zero line: light enough for a table row
 * per SLO, and crisp in both themes.
 */
export function BudgetSparkline({ points, width = 120, height = 28 }: Props) {
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  if (points.length < 2) {
    return <span className={styles.muted}>—</span>;
  }
  const first = points[0].time;
  const last = points[points.length - 1].time;
  const values = points.map((point) => point.remaining);
  const top = Math.max(1, ...values);
  const bottom = Math.min(0, ...values);
  const x = (time: number) => ((time - first) / Math.max(1, last - first)) * (width - 2) + 1;
  const y = (value: number) => ((top - value) / Math.max(1e-9, top - bottom)) * (height - 2) + 1;
  const path = points
    .map((point, index) => `${index === 0 ? 'M' : 'L'}${x(point.time).toFixed(1)},${y(point.remaining).toFixed(1)}`)
    .join(' ');
  const current = values[values.length - 1];
  return (
    <svg
      width={width}
      height={height}
      role="img"
      aria-label={`Error budget over the period, now ${(current * 100).toFixed(1)}%`}
    >
      <line x1={0} x2={width} y1={y(0)} y2={y(0)} stroke={theme.colors.border.medium} strokeDasharray="2 2" />
      <path d={path} fill="none" stroke={budgetColor(theme, current)} strokeWidth={1.5} />
    </svg>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  muted: css({ color: theme.colors.text.secondary }),
});
