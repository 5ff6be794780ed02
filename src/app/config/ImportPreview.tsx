import React from 'react';
import { dataTable } from '../../components/tableStyles';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Badge, Stack, Text, useStyles2 } from '@grafana/ui';
import type { SpecProblem } from '../../domain';
import type { ImportFormat, ImportResult } from '../../domain/import';
import { ProblemList } from './ProblemList';
import { summarizeEntry } from './entrySummary';
import { plural } from './plural';
import { errorsIn } from './workingCopy';

const FORMAT_NAMES: Record<ImportFormat, string> = {
  sloburn: 'SLO Burn specs',
  'sloth-prometheus-v1': 'Sloth prometheus/v1',
  'sloth-crd': 'Sloth PrometheusServiceLevel (Kubernetes CRD)',
  'openslo-v1': 'OpenSLO v1',
  unknown: 'not recognised',
};

interface Props {
  result: ImportResult;
  /** The validator's problems of each converted spec, in order. */
  problemsPerSpec: readonly SpecProblem[][];
}

/** What an import would add: the converted specs exactly as they will be saved, and what is wrong. */
export function ImportPreview({ result, problemsPerSpec }: Props) {
  const styles = useStyles2(getStyles);
  return (
    <Stack direction="column" gap={2}>
      <div>
        Detected format: <strong>{FORMAT_NAMES[result.format]}</strong>
      </div>
      {result.problems.length > 0 && (
        <div>
          <h5>Conversion problems</h5>
          <ProblemList problems={result.problems} aria-label="Conversion problems" />
        </div>
      )}
      {result.specs.length === 0 ? (
        <Text color="secondary">Nothing to import.</Text>
      ) : (
        <table className={styles.table} aria-label="Converted SLOs">
          <thead>
            <tr>
              <th scope="col">ID</th>
              <th scope="col">Name</th>
              <th scope="col">Objective</th>
              <th scope="col">SLI</th>
              <th scope="col">Validation</th>
            </tr>
          </thead>
          <tbody>
            {result.specs.map((spec, index) => {
              const summary = summarizeEntry(spec);
              const problems = problemsPerSpec[index] ?? [];
              const errorCount = errorsIn(problems).length;
              return (
                <tr key={index}>
                  <td className={styles.mono}>{summary.id}</td>
                  <td>{summary.name}</td>
                  <td>{summary.objective}</td>
                  <td>{summary.sliKind}</td>
                  <td>
                    <Stack direction="column" gap={0.5}>
                      <div>
                        {errorCount > 0 ? (
                          <Badge
                            color="red"
                            icon="exclamation-circle"
                            text={`Invalid: ${plural(errorCount, 'error')}, not added`}
                          />
                        ) : (
                          <Badge color="green" icon="check" text="Valid" />
                        )}
                      </div>
                      <ProblemList problems={problems} pathsInEntry />
                    </Stack>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </Stack>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  table: dataTable(theme, { verticalAlign: 'top' }),
  mono: css({
    fontFamily: theme.typography.fontFamilyMonospace,
    wordBreak: 'break-all',
  }),
});
