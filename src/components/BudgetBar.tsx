import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';
import { formatPercent } from './format';

/** Remaining error budget as a bar: full is untouched, empty is spent, red hatching is overspent. */
export function BudgetBar({ remaining, width = 120 }: { remaining: number | null; width?: number }) {
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  if (remaining === null) {
    return <span className={styles.muted}>—</span>;
  }
  const clamped = Math.max(0, Math.min(1, remaining));
  const color = budgetColor(theme, remaining);
  return (
    <div className={styles.wrapper} title={`${formatPercent(remaining, 1)} of the error budget left`}>
      <div
        className={styles.track}
        style={{ width }}
        role="meter"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(remaining * 100)}
        aria-label="Error budget remaining"
      >
        <div
          className={remaining < 0 ? styles.overspent : undefined}
          style={{
            width: remaining < 0 ? '100%' : `${clamped * 100}%`,
            background: remaining < 0 ? undefined : color,
            height: '100%',
          }}
        />
      </div>
      <span className={styles.value} style={{ color }}>
        {formatPercent(remaining, 1)}
      </span>
    </div>
  );
}

export function budgetColor(theme: GrafanaTheme2, remaining: number): string {
  if (remaining <= 0) {
    return theme.colors.error.text;
  }
  if (remaining < 0.25) {
    return theme.colors.warning.text;
  }
  return theme.colors.success.text;
}

const getStyles = (theme: GrafanaTheme2) => ({
  wrapper: css({ display: 'flex', alignItems: 'center', gap: theme.spacing(1) }),
  track: css({
    height: theme.spacing(1),
    background: theme.colors.background.secondary,
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    overflow: 'hidden',
  }),
  overspent: css({
    background: `repeating-linear-gradient(45deg, ${theme.colors.error.main}, ${theme.colors.error.main} 4px, ${theme.colors.error.transparent} 4px, ${theme.colors.error.transparent} 8px)`,
  }),
  value: css({ fontVariantNumeric: 'tabular-nums', minWidth: theme.spacing(7), textAlign: 'right' }),
  muted: css({ color: theme.colors.text.secondary }),
});
