import React, { type ReactNode } from 'react';
import { css, cx } from '@emotion/css';
import { type GrafanaTheme2, dateTimeFormat } from '@grafana/data';
import { getDataSourceSrv } from '@grafana/runtime';
import { Alert, LoadingPlaceholder, Spinner, useStyles2 } from '@grafana/ui';
import { AlertHistory } from '../../components/AlertHistory';
import { BudgetBar } from '../../components/BudgetBar';
import { BurndownChart } from '../../components/BurndownChart';
import { StatusBadge } from '../../components/StatusBadge';
import { formatBurnRate, formatObjective, formatPercent } from '../../components/format';
import { useElementSize } from '../../components/useElementSize';
import { describePeriod, formatDuration, formatProblem } from '../../domain';
import type { DraftReading } from './readDraft';
import { plural } from './plural';
import { type DraftPreviewState, useDraftPreview } from './useDraftPreview';

interface Props {
  /** The SLO as the editor holds it now. */
  draft: unknown;
  /** The app's default data source as the page has it now (it may be unsaved too). */
  defaultDatasourceUid: string | undefined;
  /** The YAML being typed does not parse: the draft is the last text that did. */
  unparsed?: boolean;
}

const BURNDOWN_HEIGHT = 240;

/**
 * The draft SLO read from Prometheus before anything is saved: its SLI, budget, burndown and what its
 * alert pairs would have done over the last period, or what stops the preview.
 */
export function DraftPreview({ draft, defaultDatasourceUid, unparsed = false }: Props) {
  const styles = useStyles2(getStyles);
  const state = useDraftPreview(draft, { defaultDatasourceUid, unparsed });
  const reading = state.kind === 'reading' ? state.reading : null;
  const busy = state.kind === 'reading' && state.stale;
  return (
    <section className={styles.preview} aria-label="Preview of this draft" aria-busy={busy}>
      <header className={styles.header}>
        <h5 className={styles.title}>Preview</h5>
        {reading && !busy && <span className={styles.muted}>{readFrom(reading)}</span>}
        {busy && reading && (
          <span className={styles.muted}>
            <Spinner inline /> Reading the edited draft…
          </span>
        )}
      </header>
      <PreviewBody state={state} />
    </section>
  );
}

function PreviewBody({ state }: { state: DraftPreviewState }) {
  const styles = useStyles2(getStyles);
  switch (state.kind) {
    case 'unparsed':
      return (
        <Alert severity="info" title="No preview while the YAML does not parse">
          The preview follows the YAML again once it reads as one SLO; the error is shown under the text.
        </Alert>
      );
    case 'invalid':
      return (
        <Alert severity="info" title="No preview until the SLO is valid">
          {plural(state.errors.length, 'error')} {state.errors.length === 1 ? 'stops' : 'stop'} it, listed above:{' '}
          {state.errors.map((problem) => formatProblem(problem).replace(/^slos\[0\]\.?/, '')).join('; ')}
        </Alert>
      );
    case 'no-datasource':
      return (
        <Alert severity="warning" title="No data source to read from">
          This SLO has no datasourceUid and the app has no default data source: choose one under “Data source” above, or
          set datasourceUid in the YAML.
        </Alert>
      );
    case 'reading':
      if (state.reading === null) {
        return <LoadingPlaceholder text="Reading the draft from Prometheus…" />;
      }
      return (
        <div className={cx(state.stale && styles.stale)}>
          <ReadingView reading={state.reading} />
        </div>
      );
  }
}

function ReadingView({ reading }: { reading: DraftReading }) {
  const styles = useStyles2(getStyles);
  const { ref, width } = useElementSize<HTMLDivElement>();
  if (reading.kind === 'error') {
    return (
      <Alert severity="error" title="This draft could not be read">
        <span data-testid="draft-preview-error">{reading.message}</span>
      </Alert>
    );
  }
  const { spec, evaluation, alertHistory, notes } = reading;
  if (evaluation.status === 'no-data') {
    return (
      <Alert severity="info" title="No data">
        {`Prometheus returned no series for this draft's queries over the ${describePeriod(spec.period)} period: check the metric names and label matchers.`}
      </Alert>
    );
  }
  return (
    <div className={styles.body}>
      {evaluation.status === 'no-traffic' && (
        <Alert severity="info" title="No traffic">
          The queries return series, but no events in the period: there is nothing to measure the objective against.
        </Alert>
      )}
      <div className={styles.facts}>
        <Fact label="State">
          <StatusBadge status={evaluation.status} />
        </Fact>
        <Fact label={`SLI over the period (${describePeriod(spec.period)})`} testId="draft-preview-sli">
          {formatPercent(evaluation.sli, 3)}
        </Fact>
        <Fact label="Objective">{formatObjective(spec.objective)}</Fact>
        <Fact label="Budget remaining" testId="draft-preview-budget">
          <BudgetBar remaining={evaluation.budgetRemaining} width={140} />
        </Fact>
        <Fact label={`Burn rate (${formatDuration(evaluation.projectionWindowSeconds)})`}>
          {formatBurnRate(evaluation.currentBurnRate)}
        </Fact>
      </div>
      {notes.length > 0 && (
        <ul className={styles.notes} aria-label="Notes on the data">
          {notes.map((note) => (
            <li key={note}>
              <Alert severity="info" title={note} />
            </li>
          ))}
        </ul>
      )}
      <div ref={ref} className={styles.chart}>
        <BurndownChart
          burndown={evaluation.burndown}
          width={width}
          height={BURNDOWN_HEIGHT}
          periodLabel={describePeriod(spec.period)}
        />
      </div>
      <div>
        <h6 className={styles.subtitle}>Alert history: what the alert pairs would have done</h6>
        <AlertHistory result={alertHistory} label="Alert history of this draft" />
      </div>
    </div>
  );
}

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  const styles = useStyles2(getStyles);
  return (
    <div data-testid={testId}>
      <div className={styles.label}>{label}</div>
      <div className={styles.value}>{children}</div>
    </div>
  );
}

/** `Demo Prometheus · as of 2026-10-30 11:00:00`: where and when the preview was read. */
function readFrom(reading: DraftReading): string {
  const name = getDataSourceSrv().getInstanceSettings(reading.datasource)?.name ?? reading.datasource;
  return `Read from ${name} with this draft's queries, as of ${dateTimeFormat(reading.now * 1000, {
    format: 'YYYY-MM-DD HH:mm:ss',
  })}. Nothing is saved.`;
}

const getStyles = (theme: GrafanaTheme2) => ({
  preview: css({
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1.5),
    padding: theme.spacing(2),
    background: theme.colors.background.primary,
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    minWidth: 0,
  }),
  header: css({ display: 'flex', alignItems: 'baseline', flexWrap: 'wrap', gap: theme.spacing(1, 2) }),
  title: css({ margin: 0 }),
  subtitle: css({ margin: theme.spacing(0, 0, 1, 0) }),
  body: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(2), minWidth: 0 }),
  facts: css({ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))', gap: theme.spacing(2) }),
  label: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  value: css({ fontSize: theme.typography.h5.fontSize }),
  notes: css({ listStyle: 'none', margin: 0, padding: 0 }),
  chart: css({ width: '100%', minWidth: 0 }),
  stale: css({ opacity: 0.6, transition: `opacity ${theme.transitions.duration.short}ms` }),
  muted: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize, margin: 0 }),
});
