import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Icon, useStyles2 } from '@grafana/ui';
import { type SpecProblem, formatProblem } from '../../domain';
import { pathInEntry } from './fieldProblems';

interface Props {
  problems: readonly SpecProblem[];
  /** Show paths inside the SLO (`objective`) rather than in the list (`slos[3].objective`). */
  pathsInEntry?: boolean;
  'aria-label'?: string;
}

/** Problems as `path: message` lines; the severity is written out, not only colored. */
export function ProblemList({ problems, pathsInEntry = false, 'aria-label': ariaLabel }: Props) {
  const styles = useStyles2(getStyles);
  if (problems.length === 0) {
    return null;
  }
  return (
    <ul className={styles.list} aria-label={ariaLabel}>
      {problems.map((problem, position) => (
        <li key={position} className={problem.severity === 'error' ? styles.error : styles.warning}>
          <Icon
            className={styles.icon}
            name={problem.severity === 'error' ? 'exclamation-circle' : 'exclamation-triangle'}
          />
          <span className={styles.severity}>{problem.severity === 'error' ? 'Error' : 'Warning'}</span>
          <span>{formatProblem(pathsInEntry ? { ...problem, path: pathInEntry(problem.path) } : problem)}</span>
        </li>
      ))}
    </ul>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  list: css({
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.5),
    fontSize: theme.typography.bodySmall.fontSize,
  }),
  error: css({
    color: theme.colors.error.text,
    display: 'flex',
    gap: theme.spacing(0.5),
    alignItems: 'baseline',
    wordBreak: 'break-word',
  }),
  warning: css({
    color: theme.colors.warning.text,
    display: 'flex',
    gap: theme.spacing(0.5),
    alignItems: 'baseline',
    wordBreak: 'break-word',
  }),
  icon: css({
    flexShrink: 0,
    alignSelf: 'center',
  }),
  severity: css({
    fontWeight: theme.typography.fontWeightMedium,
    flexShrink: 0,
  }),
});
