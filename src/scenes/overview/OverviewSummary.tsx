import React from 'react';
import { css, cx } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import type { SloRowModel } from '../viewModels/sloRow';

interface Tile {
  label: string;
  value: number;
  tone: 'neutral' | 'error' | 'warning' | 'muted';
}

/** The five numbers an on-call engineer wants before the table: how many SLOs, and how many need attention. */
export function summarize(rows: readonly SloRowModel[]): Tile[] {
  const count = (predicate: (row: SloRowModel) => boolean) => rows.filter(predicate).length;
  const pages = count((row) => row.firing.some((pair) => pair.severity === 'page'));
  const tickets = count((row) => row.firing.some((pair) => pair.severity === 'ticket'));
  const exhausted = count((row) => row.budgetRemaining !== null && row.budgetRemaining <= 0);
  const noData = count((row) => row.status === 'no-data' || row.status === 'error');
  return [
    { label: 'SLOs', value: rows.length, tone: 'neutral' },
    { label: 'Page alerts firing', value: pages, tone: pages > 0 ? 'error' : 'muted' },
    { label: 'Ticket alerts firing', value: tickets, tone: tickets > 0 ? 'warning' : 'muted' },
    { label: 'Budgets exhausted', value: exhausted, tone: exhausted > 0 ? 'error' : 'muted' },
    { label: 'Without data', value: noData, tone: noData > 0 ? 'warning' : 'muted' },
  ];
}

/** SLOs whose numbers come from their recording rules (a rules reading is one row: never grouped). */
export function countFromRules(rows: readonly SloRowModel[]): number {
  return rows.filter((row) => row.source === 'rules').length;
}

/**
 * The tiles count what is known: a row still loading counts as an SLO and nowhere else, and the SLOs tile
 * says how many are still being read (`pending`, SLOs of the current load without their reading yet) and
 * how many were read from recording rules rather than raw data.
 */
export function OverviewSummary({ rows, pending = 0 }: { rows: readonly SloRowModel[]; pending?: number }) {
  const styles = useStyles2(getStyles);
  const fromRules = countFromRules(rows);
  return (
    <section className={styles.tiles} aria-label="Summary">
      {summarize(rows).map((tile, index) => (
        <div key={tile.label} className={styles.tile} data-testid={`summary-${tile.label}`}>
          <div className={cx(styles.value, styles[tile.tone])}>{tile.value}</div>
          <div className={styles.label}>{tile.label}</div>
          {index === 0 && pending > 0 && (
            <div className={styles.pending} data-testid="summary-pending" role="status">
              {pending} pending
            </div>
          )}
          {index === 0 && fromRules > 0 && (
            <div className={styles.pending} data-testid="summary-rules">
              {fromRules} read from recording rules
            </div>
          )}
        </div>
      ))}
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  tiles: css({ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(160px, 1fr))', gap: theme.spacing(1) }),
  tile: css({
    background: theme.colors.background.primary,
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    padding: theme.spacing(1.5, 2),
  }),
  value: css({
    fontSize: theme.typography.h2.fontSize,
    fontWeight: theme.typography.fontWeightMedium,
    lineHeight: 1.2,
  }),
  label: css({ color: theme.colors.text.secondary }),
  pending: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  neutral: css({ color: theme.colors.text.primary }),
  muted: css({ color: theme.colors.text.secondary }),
  error: css({ color: theme.colors.error.text }),
  warning: css({ color: theme.colors.warning.text }),
});
