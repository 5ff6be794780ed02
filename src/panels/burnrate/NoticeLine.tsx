import { css } from '@emotion/css';
import React from 'react';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import type { PanelNotice } from '../shared/types';

/** A notice that does not replace the calculator: it stays usable without live data. */
export function NoticeLine({ severity, title, message }: PanelNotice) {
  const styles = useStyles2(getStyles);
  return (
    <div
      className={styles[severity]}
      role={severity === 'error' ? 'alert' : 'status'}
      data-testid="sloburn-panel-notice"
    >
      <strong>{title}</strong>: {message}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => {
  const line = {
    padding: theme.spacing(0.5, 1),
    borderRadius: theme.shape.radius.default,
    fontSize: theme.typography.bodySmall.fontSize,
    flexShrink: 0,
  };
  return {
    info: css({ ...line, background: theme.colors.info.transparent, color: theme.colors.text.primary }),
    warning: css({ ...line, background: theme.colors.warning.transparent, color: theme.colors.text.primary }),
    error: css({ ...line, background: theme.colors.error.transparent, color: theme.colors.text.primary }),
  };
};
