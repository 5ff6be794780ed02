import React, { useMemo } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { SceneObjectBase, type SceneComponentProps, type SceneObjectState } from '@grafana/scenes';
import { ClipboardButton, useStyles2 } from '@grafana/ui';
import type { SloSpec } from '../../domain';
import { rulesYaml } from '../../prometheus/rules';

interface State extends SceneObjectState {
  spec: SloSpec;
}

/** The Prometheus rules that fire exactly when this page says a pair fires, ready to copy. */
export class RulesView extends SceneObjectBase<State> {
  static Component = RulesViewRenderer;
}

function RulesViewRenderer({ model }: SceneComponentProps<RulesView>) {
  const { spec } = model.useState();
  const styles = useStyles2(getStyles);
  const yaml = useMemo(() => rulesYaml([spec]), [spec]);
  return (
    <section className={styles.section} aria-label="Prometheus rules">
      <div className={styles.header}>
        <p className={styles.muted}>
          Sloth-compatible recording rules for every window, Sloth&apos;s metadata series, and one alert per window pair
          (labels severity, long, short). Check them with <code>promtool check rules</code>.
        </p>
        <ClipboardButton icon="copy" variant="secondary" getText={() => yaml}>
          Copy rules
        </ClipboardButton>
      </div>
      <pre className={styles.code} data-testid="rules-yaml">
        {yaml}
      </pre>
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  section: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1) }),
  header: css({ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: theme.spacing(2) }),
  muted: css({ color: theme.colors.text.secondary, margin: 0 }),
  code: css({
    fontFamily: theme.typography.fontFamilyMonospace,
    fontSize: theme.typography.bodySmall.fontSize,
    background: theme.colors.background.secondary,
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    padding: theme.spacing(2),
    overflow: 'auto',
    maxHeight: '70vh',
  }),
});
