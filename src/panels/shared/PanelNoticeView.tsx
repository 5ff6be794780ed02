import { css } from '@emotion/css';
import React from 'react';
import type { GrafanaTheme2, IconName } from '@grafana/data';
import { Icon, useStyles2 } from '@grafana/ui';
import type { PanelNotice } from './types';

const ICONS: Record<PanelNotice['severity'], IconName> = {
  info: 'info-circle',
  warning: 'exclamation-triangle',
  error: 'exclamation-circle',
};

/** A panel's message in place of its visualization: no data, a query error, options to fix. */
export function PanelNoticeView({ notice }: { notice: PanelNotice }) {
  const styles = useStyles2(getStyles);
  return (
    <div
      className={styles.container}
      role={notice.severity === 'error' ? 'alert' : 'status'}
      data-testid="sloburn-panel-notice"
    >
      <Icon name={ICONS[notice.severity]} size="xl" className={styles[notice.severity]} aria-hidden="true" />
      <div className={styles.title}>{notice.title}</div>
      <div className={styles.message}>{notice.message}</div>
    </div>
  );
}

/** A one-line warning above a visualization that still shows (partial data, approximations). */
export function PanelBanner({ children, testId }: { children: string; testId?: string }) {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.banner} role="status" title={children} data-testid={testId ?? 'sloburn-panel-banner'}>
      <Icon name="exclamation-triangle" size="sm" className={styles.warning} aria-hidden="true" />
      <span className={styles.bannerText}>{children}</span>
    </div>
  );
}

export const BANNER_HEIGHT = 22;

const getStyles = (theme: GrafanaTheme2) => ({
  container: css({
    height: '100%',
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    justifyContent: 'center',
    gap: theme.spacing(1),
    padding: theme.spacing(1, 2),
    textAlign: 'center',
    overflow: 'auto',
  }),
  title: css({
    fontSize: theme.typography.h5.fontSize,
    fontWeight: theme.typography.fontWeightMedium,
  }),
  message: css({
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
    maxWidth: theme.spacing(80),
    overflowWrap: 'anywhere',
  }),
  info: css({ color: theme.colors.info.text }),
  warning: css({ color: theme.colors.warning.text }),
  error: css({ color: theme.colors.error.text }),
  banner: css({
    height: BANNER_HEIGHT,
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(0.75),
    padding: theme.spacing(0, 1),
    fontSize: theme.typography.bodySmall.fontSize,
    color: theme.colors.warning.text,
    background: theme.colors.warning.transparent,
    borderRadius: theme.shape.radius.default,
    flexShrink: 0,
  }),
  bannerText: css({
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  }),
});
