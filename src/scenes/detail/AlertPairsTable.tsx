import React from 'react';
import { dataTable, numericCell } from '../../components/tableStyles';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { SceneObjectBase, type SceneComponentProps, type SceneObjectState } from '@grafana/scenes';
import { Badge, useStyles2 } from '@grafana/ui';
import { formatBurnRate, formatCount, formatPercent, formatSince } from '../../components/format';
import { formatDuration } from '../../domain';
import type { AlertPairRow, SloDetailModel } from '../viewModels/sloDetail';
import { DetailSection } from './DetailSection';
import { useDetailState } from './useDetailState';

interface State extends SceneObjectState {
  sloId: string;
}

/**
 * Every window pair with what decides it: the threshold, both burn rates now, and the state. It
 * fires exactly when the exported alert rule fires (both windows strictly above factor × budget, and
 * the long window holding `minEvents` events when the SLO has a low-traffic guard).
 */
export class AlertPairsTable extends SceneObjectBase<State> {
  static Component = AlertPairsTableRenderer;
}

function AlertPairsTableRenderer({ model }: SceneComponentProps<AlertPairsTable>) {
  const { sloId } = model.useState();
  const state = useDetailState(model, sloId);
  const styles = useStyles2(getStyles);
  return (
    <DetailSection title="Multiwindow burn-rate alerts" state={state}>
      {({ detail }) => (
        <table className={styles.table} aria-label="Alert window pairs">
          <thead>
            <tr>
              <th>Severity</th>
              <th>Long / short window</th>
              <th className={styles.right}>Factor</th>
              <th className={styles.right}>Threshold (error ratio)</th>
              <th className={styles.right}>Long burn now</th>
              <th className={styles.right}>Short burn now</th>
              <th>State</th>
            </tr>
          </thead>
          <tbody>
            {detail.pairs.map((pair) => (
              <tr key={pair.label} data-testid={`alert-pair-${pair.window.severity}-${pair.label.replace(/\s/g, '')}`}>
                <td>
                  <Badge text={pair.window.severity} color={pair.window.severity === 'page' ? 'red' : 'orange'} />
                </td>
                <td>{pair.label}</td>
                <td className={styles.right}>{pair.window.factor}×</td>
                <td className={styles.right}>{formatPercent(pair.thresholdRatio, 3)}</td>
                <td className={aboveClass(styles, pair.longBurnRate, pair.window.factor)}>
                  {formatBurnRate(pair.longBurnRate)}
                </td>
                <td className={aboveClass(styles, pair.shortBurnRate, pair.window.factor)}>
                  {formatBurnRate(pair.shortBurnRate)}
                </td>
                <td data-testid="alert-pair-state">
                  <PairStateText pair={pair} detail={detail} styles={styles} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </DetailSection>
  );
}

function PairStateText({
  pair,
  detail,
  styles,
}: {
  pair: AlertPairRow;
  detail: SloDetailModel;
  styles: ReturnType<typeof getStyles>;
}) {
  if (pair.firing) {
    return (
      <span className={pair.window.severity === 'page' ? styles.firingPage : styles.firingTicket}>
        Firing {formatSince(pair.since, detail.now)}
      </span>
    );
  }
  if (!pair.canFire) {
    return <span className={styles.muted}>Cannot fire: even 100% errors stay under {pair.window.factor}×</span>;
  }
  const long = formatDuration(pair.window.longSeconds);
  if (pair.state === 'insufficient-traffic') {
    const unit = detail.spec.budgetingMethod === 'timeslices' ? 'slices' : 'events';
    return (
      <span className={styles.heldBack}>
        Insufficient traffic: {formatCount(pair.longEvents)} {unit} in {long}, the guard needs{' '}
        {formatCount(detail.minEvents)}
      </span>
    );
  }
  if (pair.state === 'no-data') {
    const empty = pair.longBurnRate === null ? long : formatDuration(pair.window.shortSeconds);
    return <span className={styles.muted}>No data: no events in {empty}</span>;
  }
  return <span className={styles.muted}>Not firing</span>;
}

function aboveClass(styles: ReturnType<typeof getStyles>, rate: number | null, factor: number): string {
  return rate !== null && rate > factor ? `${styles.right} ${styles.above}` : styles.right;
}

const getStyles = (theme: GrafanaTheme2) => ({
  table: dataTable(theme),
  right: numericCell(),
  above: css({ color: theme.colors.error.text, fontWeight: theme.typography.fontWeightMedium }),
  firingPage: css({ color: theme.colors.error.text, fontWeight: theme.typography.fontWeightMedium }),
  firingTicket: css({ color: theme.colors.warning.text, fontWeight: theme.typography.fontWeightMedium }),
  heldBack: css({ color: theme.colors.text.primary, fontStyle: 'italic' }),
  muted: css({ color: theme.colors.text.secondary }),
});
