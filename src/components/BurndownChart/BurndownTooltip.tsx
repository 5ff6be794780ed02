import { css } from '@emotion/css';
import React from 'react';
import { type GrafanaTheme2, type TimeZone, dateTimeFormat } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { formatPercent } from '../format';
import type { BurndownColors } from './plotConfig';

export interface BurndownTooltipProps {
  /** Milliseconds. */
  time: number;
  remaining: number | null;
  ideal: number | null;
  projected: number | null;
  colors: BurndownColors;
  timeZone?: TimeZone;
}

/** Time, remaining and burned budget at the hovered point (projected points say so). */
export function BurndownTooltip({ time, remaining, ideal, projected, colors, timeZone }: BurndownTooltipProps) {
  const styles = useStyles2(getStyles);
  const shown = remaining ?? projected;
  const isProjection = remaining === null && projected !== null;
  return (
    <div className={styles.tooltip} data-testid="sloburn-burndown-tooltip">
      <div className={styles.time}>{dateTimeFormat(time, { timeZone })}</div>
      <dl className={styles.rows}>
        <dt>
          <Swatch color={isProjection ? colors.projection : colors.remaining} />
          {isProjection ? 'Projected remaining' : 'Remaining'}
        </dt>
        <dd>{formatPercent(shown)}</dd>
        <dt>
          <Swatch color="transparent" />
          Burned
        </dt>
        <dd>{shown === null ? '—' : formatPercent(1 - shown)}</dd>
        {ideal !== null && (
          <>
            <dt>
              <Swatch color={colors.ideal} />
              Ideal
            </dt>
            <dd>{formatPercent(ideal)}</dd>
          </>
        )}
      </dl>
    </div>
  );
}

function Swatch({ color }: { color: string }) {
  const styles = useStyles2(getStyles);
  return <span className={styles.swatch} style={{ background: color }} aria-hidden="true" />;
}

const getStyles = (theme: GrafanaTheme2) => ({
  tooltip: css({
    padding: theme.spacing(1),
    fontSize: theme.typography.bodySmall.fontSize,
    minWidth: theme.spacing(22),
  }),
  time: css({
    fontWeight: theme.typography.fontWeightMedium,
    marginBottom: theme.spacing(0.5),
  }),
  rows: css({
    display: 'grid',
    gridTemplateColumns: 'auto auto',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.25),
    margin: 0,
    dt: { color: theme.colors.text.secondary, display: 'flex', alignItems: 'center', gap: theme.spacing(0.75) },
    dd: { margin: 0, textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  }),
  swatch: css({
    display: 'inline-block',
    width: theme.spacing(1.5),
    height: 3,
    borderRadius: 1,
  }),
});
