import React from 'react';
import { dataTable, numericCell } from '../../components/tableStyles';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { SceneObjectBase, type SceneComponentProps, type SceneObjectState } from '@grafana/scenes';
import { LinkButton, useStyles2, useTheme2 } from '@grafana/ui';
import { formatCount, formatPercent, formatHumanDuration } from '../../components/format';
import type { LabelBreakdown } from '../../prometheus/breakdown';
import { exploreLink } from '../links';
import { DetailSection } from './DetailSection';
import { useDetailState } from './useDetailState';

interface State extends SceneObjectState {
  sloId: string;
  datasourceUid: string;
}

const TOP_ENTRIES = 8;

/**
 * "Where is it burning": the bad events of the visible range split by each breakdown label, largest
 * share of the burned budget first, with the query behind each split one click away in Explore.
 */
export class BreakdownTable extends SceneObjectBase<State> {
  static Component = BreakdownTableRenderer;
}

function BreakdownTableRenderer({ model }: SceneComponentProps<BreakdownTable>) {
  const { sloId, datasourceUid } = model.useState();
  const state = useDetailState(model, sloId);
  const styles = useStyles2(getStyles);
  return (
    <DetailSection title="Where is it burning" state={state}>
      {({ detail }) => {
        const breakdown = detail.breakdown;
        if (!breakdown) {
          return (
            <p className={styles.muted}>
              {(detail.spec.breakdownLabels ?? []).length === 0
                ? 'Add breakdownLabels to this SLO (for example member_cluster, group, resource, verb, code) to split its bad events.'
                : 'Raw error-ratio SLIs have no event counts to split.'}
            </p>
          );
        }
        return (
          <>
            <p className={styles.muted}>
              {formatCount(breakdown.totalBad)} bad events in the last{' '}
              {formatHumanDuration(breakdown.to - breakdown.from)} of the time range.
            </p>
            <div className={styles.labels}>
              {breakdown.labels.map((labelBreakdown) => (
                <LabelTable
                  key={labelBreakdown.label}
                  breakdown={labelBreakdown}
                  totalBad={breakdown.totalBad}
                  explore={exploreLink(
                    datasourceUid,
                    detail.breakdownExploreQueries[labelBreakdown.label] ?? '',
                    breakdown.from,
                    breakdown.to
                  )}
                />
              ))}
            </div>
          </>
        );
      }}
    </DetailSection>
  );
}

function LabelTable({
  breakdown,
  totalBad,
  explore,
}: {
  breakdown: LabelBreakdown;
  totalBad: number;
  explore: string;
}) {
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  const shown = breakdown.entries.slice(0, TOP_ENTRIES);
  const hidden = breakdown.entries.length - shown.length;
  return (
    <div className={styles.label} data-testid={`breakdown-${breakdown.label}`}>
      <div className={styles.labelHeader}>
        <strong>by {breakdown.label}</strong>
        <LinkButton
          size="sm"
          variant="secondary"
          fill="text"
          icon="compass"
          href={explore}
          target="_blank"
          aria-label={`Explore bad events by ${breakdown.label}`}
        >
          Explore
        </LinkButton>
      </div>
      <table className={styles.table} aria-label={`Bad events by ${breakdown.label}`}>
        <thead>
          <tr>
            <th>{breakdown.label}</th>
            <th>Share of burned budget</th>
            <th className={styles.right}>Bad</th>
            <th className={styles.right}>Error ratio</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((entry) => (
            <tr key={entry.value}>
              <td className={styles.value}>
                {entry.value === '' ? <em className={styles.muted}>(no {breakdown.label})</em> : entry.value}
              </td>
              <td>
                <div className={styles.shareCell}>
                  <div className={styles.shareTrack}>
                    <div
                      style={{
                        width: `${Math.min(100, entry.share * 100)}%`,
                        background: theme.colors.error.main,
                        height: '100%',
                      }}
                    />
                  </div>
                  <span>{formatPercent(entry.share, 1)}</span>
                </div>
              </td>
              <td className={styles.right}>{formatCount(entry.bad)}</td>
              <td className={styles.right}>{formatPercent(entry.errorRatio, 2)}</td>
            </tr>
          ))}
          {breakdown.unattributedBad > Math.max(1, totalBad * 0.005) && (
            <tr>
              <td className={styles.muted} colSpan={2}>
                not attributable to {breakdown.label}: some terms of the query lack this label
              </td>
              <td className={styles.right}>{formatCount(breakdown.unattributedBad)}</td>
              <td />
            </tr>
          )}
        </tbody>
      </table>
      {hidden > 0 && <div className={styles.muted}>and {hidden} more values</div>}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  labels: css({ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(360px, 1fr))', gap: theme.spacing(2) }),
  label: css({ minWidth: 0 }),
  labelHeader: css({ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }),
  table: dataTable(theme, { dense: true }),
  value: css({ wordBreak: 'break-all' }),
  right: numericCell(),
  shareCell: css({ display: 'flex', alignItems: 'center', gap: theme.spacing(1) }),
  shareTrack: css({
    width: 80,
    height: theme.spacing(1),
    background: theme.colors.background.secondary,
    borderRadius: theme.shape.radius.default,
    overflow: 'hidden',
  }),
  muted: css({ color: theme.colors.text.secondary }),
});
