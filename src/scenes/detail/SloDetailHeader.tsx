import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { SceneObjectBase, type SceneComponentProps, type SceneObjectState } from '@grafana/scenes';
import { Alert, Tag, TextLink, useStyles2 } from '@grafana/ui';
import { BudgetBar } from '../../components/BudgetBar';
import { StatusBadge } from '../../components/StatusBadge';
import {
  formatBurnRate,
  formatCount,
  formatLabels,
  formatObjective,
  formatPercent,
  formatHumanDuration,
  formatTimeToExhaustion,
} from '../../components/format';
import { type SloSpec, formatDuration, sliKind } from '../../domain';
import { DetailSection } from './DetailSection';
import { useDetailState } from './useDetailState';

interface State extends SceneObjectState {
  spec: SloSpec;
}

/** The answers first: state, budget left, how fast it burns, when it runs out, and what to read next. */
export class SloDetailHeader extends SceneObjectBase<State> {
  static Component = SloDetailHeaderRenderer;
}

function SloDetailHeaderRenderer({ model }: SceneComponentProps<SloDetailHeader>) {
  const { spec } = model.useState();
  const state = useDetailState(model, spec.id);
  const styles = useStyles2(getStyles);
  return (
    <DetailSection title="Status" state={state}>
      {({ detail }) => (
        <div className={styles.grid}>
          <Fact label="State">
            <StatusBadge status={detail.status} />
          </Fact>
          <Fact label="Objective">{formatObjective(spec.objective)}</Fact>
          <Fact label="Period">
            {detail.periodLabel}
            {detail.period.kind === 'calendar' && (
              <div className={styles.muted}>
                {isoDate(detail.period.start)} → {isoDate(detail.period.end)}
              </div>
            )}
          </Fact>
          <Fact label="SLI over the period">{formatPercent(detail.sli, 3)}</Fact>
          <Fact label="Budget remaining">
            <BudgetBar remaining={detail.budgetRemaining} width={140} />
          </Fact>
          <Fact label={`Burn rate (${formatDuration(detail.projectionWindowSeconds)})`}>
            {formatBurnRate(detail.currentBurnRate)}
          </Fact>
          <Fact label="Budget exhausted in">
            {formatTimeToExhaustion(detail.timeToExhaustion, detail.budgetRemaining)}
            {detail.timeToExhaustion !== null &&
              detail.burndown.kind === 'calendar' &&
              detail.now + detail.timeToExhaustion > detail.period.end && (
                <div className={styles.muted}>
                  after the period ends ({formatHumanDuration(detail.period.end - detail.now)} left)
                </div>
              )}
          </Fact>
          <Fact label="SLI">
            {sliKind(spec.sli)}
            {spec.budgetingMethod === 'timeslices' && (
              <div className={styles.muted}>
                time slices of {spec.timesliceWindow} at {spec.timesliceTarget}%
              </div>
            )}
          </Fact>
          {detail.minEvents !== null && (
            <Fact label="Low-traffic guard">
              {formatCount(detail.minEvents)} {spec.budgetingMethod === 'timeslices' ? 'slices' : 'events'}
              <div className={styles.muted}>in a pair&apos;s long window before it may fire</div>
            </Fact>
          )}
          <Fact label="Runbook">
            {spec.runbookUrl ? (
              <TextLink href={spec.runbookUrl} external>
                Open runbook
              </TextLink>
            ) : (
              <span className={styles.muted}>none</span>
            )}
          </Fact>
          <div className={styles.wide}>
            {spec.description && <p className={styles.description}>{spec.description}</p>}
            <div className={styles.tags}>
              {formatLabels(spec.labels ?? {}).map((label) => (
                <Tag key={label} name={label} />
              ))}
            </div>
            {detail.notes.map((note) => (
              <Alert key={note} severity="info" title={note} />
            ))}
            {detail.groups.length > 0 && (
              <table className={styles.groups} aria-label="Groups">
                <thead>
                  <tr>
                    <th>Group</th>
                    <th>State</th>
                    <th>Budget remaining</th>
                    <th>Burn 1h</th>
                  </tr>
                </thead>
                <tbody>
                  {detail.groups.map((group) => (
                    <tr key={JSON.stringify(group.labels)}>
                      <td>{formatLabels(group.labels).join(', ')}</td>
                      <td>
                        <StatusBadge status={group.status} />
                      </td>
                      <td>
                        <BudgetBar remaining={group.budgetRemaining} />
                      </td>
                      <td>{formatBurnRate(group.burnRate1h)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        </div>
      )}
    </DetailSection>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  const styles = useStyles2(getStyles);
  return (
    <div>
      <div className={styles.label}>{label}</div>
      <div className={styles.value}>{children}</div>
    </div>
  );
}

function isoDate(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().replace('T', ' ').slice(0, 16);
}

const getStyles = (theme: GrafanaTheme2) => ({
  grid: css({ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))', gap: theme.spacing(2) }),
  wide: css({ gridColumn: '1 / -1', display: 'flex', flexDirection: 'column', gap: theme.spacing(1) }),
  label: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  value: css({ fontSize: theme.typography.h5.fontSize }),
  muted: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  description: css({ margin: 0 }),
  tags: css({ display: 'flex', gap: theme.spacing(0.5), flexWrap: 'wrap' }),
  groups: css({ 'th, td': { padding: theme.spacing(0.5, 1), textAlign: 'left' } }),
});
