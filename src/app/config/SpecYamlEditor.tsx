import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Field, TextArea, useStyles2 } from '@grafana/ui';

interface Props {
  id: string;
  text: string;
  /** A syntax error, or YAML that is not one SLO; shown under the text. */
  error?: string;
  onChange: (text: string) => void;
}

/** The SLO as YAML text, in the same shape as an entry of `slos` in the provisioning file. */
export function SpecYamlEditor({ id, text, error, onChange }: Props) {
  const styles = useStyles2(getStyles);
  return (
    <Field
      label="SLO as YAML"
      description="One SLO, as an entry of slos in provisioning/plugins/app.yaml"
      invalid={error !== undefined}
      error={error}
    >
      <TextArea
        id={id}
        className={styles.yaml}
        rows={20}
        spellCheck={false}
        value={text}
        onChange={(event) => onChange(event.currentTarget.value)}
      />
    </Field>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  yaml: css({
    fontFamily: theme.typography.fontFamilyMonospace,
    fontSize: theme.typography.bodySmall.fontSize,
    whiteSpace: 'pre',
  }),
});
