import React, { useState } from 'react';
import { dataTable } from '../../components/tableStyles';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Badge, Button, ConfirmModal, Stack, Text, useStyles2 } from '@grafana/ui';
import type { SpecProblem } from '../../domain';
import { ProblemList } from './ProblemList';
import { summarizeEntry } from './entrySummary';
import { plural } from './plural';
import { type SloEntry, entryId, errorsIn } from './workingCopy';

interface Props {
  slos: readonly SloEntry[];
  /** The validator's problems for each entry, in the same order. */
  problems: readonly SpecProblem[][];
  onAdd: () => void;
  onEdit: (index: number) => void;
  onDelete: (index: number) => void;
}

/** The working copy of `jsonData.slos`: every entry as written, with what is wrong with it. */
export function SloList({ slos, problems, onAdd, onEdit, onDelete }: Props) {
  const styles = useStyles2(getStyles);
  const [deleting, setDeleting] = useState<number | null>(null);
  const deletingId = deleting === null ? undefined : entryId(slos[deleting]);

  return (
    <Stack direction="column" gap={2}>
      {slos.length === 0 ? (
        <Text color="secondary">No SLOs configured yet. Add one, or import a Sloth or OpenSLO file below.</Text>
      ) : (
        <table className={styles.table}>
          <thead>
            <tr>
              <th scope="col">ID</th>
              <th scope="col">Name</th>
              <th scope="col">Service</th>
              <th scope="col">Objective</th>
              <th scope="col">SLI</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className={styles.visuallyHidden}>Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {slos.map((entry, index) => {
              const summary = summarizeEntry(entry);
              const entryProblems = problems[index] ?? [];
              const errorCount = errorsIn(entryProblems).length;
              const label = entryId(entry) ?? `entry ${index + 1}`;
              return (
                <tr key={index} aria-label={`SLO ${label}`}>
                  <td className={styles.mono}>{summary.id}</td>
                  <td>{summary.name}</td>
                  <td>{summary.service}</td>
                  <td>{summary.objective}</td>
                  <td>{summary.sliKind}</td>
                  <td className={styles.status}>
                    <Stack direction="column" gap={0.5}>
                      <div>
                        {errorCount > 0 ? (
                          <Badge
                            color="red"
                            icon="exclamation-circle"
                            text={`Invalid: ${plural(errorCount, 'error')}`}
                          />
                        ) : (
                          <Badge color="green" icon="check" text="Valid" />
                        )}
                      </div>
                      <ProblemList problems={entryProblems} aria-label={`Problems of ${label}`} />
                    </Stack>
                  </td>
                  <td>
                    <Stack gap={1} justifyContent="flex-end">
                      <Button
                        size="sm"
                        variant="secondary"
                        icon="pen"
                        onClick={() => onEdit(index)}
                        aria-label={`Edit ${label}`}
                      >
                        Edit
                      </Button>
                      <Button
                        size="sm"
                        variant="destructive"
                        fill="outline"
                        icon="trash-alt"
                        onClick={() => setDeleting(index)}
                        aria-label={`Delete ${label}`}
                      >
                        Delete
                      </Button>
                    </Stack>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <div>
        <Button icon="plus" variant="secondary" onClick={onAdd}>
          Add SLO
        </Button>
      </div>
      <ConfirmModal
        isOpen={deleting !== null}
        title="Delete SLO"
        body={`Delete ${deletingId !== undefined ? `"${deletingId}"` : 'this entry'} from the list?`}
        description="It is gone for good once you save the settings."
        confirmText="Delete"
        onConfirm={() => {
          if (deleting !== null) {
            onDelete(deleting);
          }
          setDeleting(null);
        }}
        onDismiss={() => setDeleting(null)}
      />
    </Stack>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  table: dataTable(theme, { verticalAlign: 'top' }),
  mono: css({
    fontFamily: theme.typography.fontFamilyMonospace,
    wordBreak: 'break-all',
  }),
  status: css({
    minWidth: 240,
  }),
  visuallyHidden: css({
    position: 'absolute',
    width: 1,
    height: 1,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  }),
});
