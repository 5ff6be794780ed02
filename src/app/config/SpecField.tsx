import React, { type ReactElement, type ReactNode } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Field, useStyles2 } from '@grafana/ui';
import type { SpecProblem } from '../../domain';

interface Props {
  label: string;
  description?: ReactNode;
  problems?: readonly SpecProblem[];
  children: ReactElement<Record<string, unknown>>;
}

/** A labelled form field with the validator's problems for it shown right beneath the input. */
export function SpecField({ label, description, problems = [], children }: Props) {
  const styles = useStyles2(getStyles);
  const errors = problems.filter((problem) => problem.severity === 'error');
  const warnings = problems.filter((problem) => problem.severity === 'warning');
  return (
    <div className={styles.wrapper}>
      <Field
        label={label}
        description={description}
        invalid={errors.length > 0}
        error={errors.length > 0 ? errors.map((problem) => problem.message).join('; ') : undefined}
        noMargin
      >
        {children}
      </Field>
      {warnings.map((problem, position) => (
        <div key={position} className={styles.warning}>
          Warning: {problem.message}
        </div>
      ))}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  wrapper: css({
    marginBottom: theme.spacing(2),
  }),
  warning: css({
    color: theme.colors.warning.text,
    fontSize: theme.typography.bodySmall.fontSize,
    marginTop: theme.spacing(0.5),
  }),
});
