import React, { type ReactNode } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Alert, LoadingPlaceholder, useStyles2 } from '@grafana/ui';
import type { DetailState } from './detailState';

/** Frame of every custom section of the detail page: a title, and the loading or error state in one place. */
export function DetailSection({
  title,
  state,
  children,
  actions,
}: {
  title: string;
  state: DetailState;
  children: (ready: Extract<DetailState, { kind: 'ready' }>) => ReactNode;
  actions?: ReactNode;
}) {
  const styles = useStyles2(getStyles);
  return (
    <section className={styles.section} aria-label={title}>
      <header className={styles.header}>
        <h3 className={styles.title}>{title}</h3>
        {actions}
      </header>
      {state.kind === 'loading' && <LoadingPlaceholder text="Querying Prometheus…" />}
      {state.kind === 'error' && (
        <Alert severity="error" title="This SLO could not be evaluated">
          {state.message}
        </Alert>
      )}
      {state.kind === 'ready' && children(state)}
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  section: css({
    background: theme.colors.background.primary,
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    padding: theme.spacing(2),
    height: '100%',
    width: '100%',
    minWidth: 0,
    overflow: 'auto',
  }),
  header: css({ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', gap: theme.spacing(2) }),
  title: css({ fontSize: theme.typography.h5.fontSize, margin: theme.spacing(0, 0, 1, 0) }),
});
