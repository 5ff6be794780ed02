import React, { useMemo, useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Alert, Button, ConfirmModal, Field, FileDropzone, Stack, TextArea, useStyles2 } from '@grafana/ui';
import { importSloFile } from '../../domain/import';
import { ImportPreview } from './ImportPreview';
import { plural } from './plural';
import { type MergePlan, type SloEntry, applyMerge, errorsIn, groupByEntry, planMerge } from './workingCopy';

interface Props {
  slos: readonly SloEntry[];
  onChange: (slos: SloEntry[]) => void;
}

/** Paste or upload a Sloth or OpenSLO file, see what it converts to, and add the valid SLOs to the list. */
export function ImportPanel({ slos, onChange }: Props) {
  const styles = useStyles2(getStyles);
  const [text, setText] = useState('');
  const [pending, setPending] = useState<MergePlan | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const result = useMemo(() => (text.trim() === '' ? undefined : importSloFile(text)), [text]);
  const problemsPerSpec = useMemo(
    () => (result ? groupByEntry(result.validation.problems, result.specs.length) : []),
    [result]
  );
  // The specs as converted (what the preview shows), not the validator's copies with defaults filled in.
  const validSpecs = useMemo(
    () => (result ? result.specs.filter((_, index) => errorsIn(problemsPerSpec[index] ?? []).length === 0) : []),
    [result, problemsPerSpec]
  );

  const merge = (plan: MergePlan, replaceExisting: boolean) => {
    onChange(applyMerge(slos, plan, replaceExisting));
    const replaced = replaceExisting ? plan.replacements.length : 0;
    const skipped = replaceExisting ? 0 : plan.replacements.length;
    setNotice(
      [
        `Added ${plural(plan.additions.length, 'SLO')}`,
        replaced > 0 ? `replaced ${replaced}` : '',
        skipped > 0 ? `kept ${skipped} existing with the same id` : '',
      ]
        .filter(Boolean)
        .join(', ') + '. Save the settings to keep them.'
    );
    setText('');
    setPending(null);
  };

  const add = () => {
    const plan = planMerge(slos, validSpecs);
    if (plan.replacements.length > 0) {
      setPending(plan);
    } else {
      merge(plan, false);
    }
  };

  return (
    <Stack direction="column" gap={2}>
      <Field
        label="YAML to import"
        description="A Sloth prometheus/v1 file, Sloth PrometheusServiceLevel objects, OpenSLO v1 objects or SLO Burn specs"
      >
        <TextArea
          id="sloburn-import-text"
          className={styles.yaml}
          rows={10}
          spellCheck={false}
          value={text}
          onChange={(event) => {
            setText(event.currentTarget.value);
            setNotice(null);
          }}
        />
      </Field>
      <FileDropzone
        id="sloburn-import-file"
        readAs="readAsText"
        options={{ multiple: false }}
        fileListRenderer={() => null}
        onLoad={(content) => {
          setText(typeof content === 'string' ? content : '');
          setNotice(null);
        }}
      />
      {notice && (
        <Alert severity="success" title="Imported" onRemove={() => setNotice(null)}>
          {notice}
        </Alert>
      )}
      {result && (
        <>
          <ImportPreview result={result} problemsPerSpec={problemsPerSpec} />
          <Stack gap={1}>
            <Button icon="plus" onClick={add} disabled={validSpecs.length === 0}>
              {`Add ${plural(validSpecs.length, 'valid SLO')}`}
            </Button>
            <Button variant="secondary" onClick={() => setText('')}>
              Clear
            </Button>
          </Stack>
        </>
      )}
      <ConfirmModal
        isOpen={pending !== null}
        title="Replace existing SLOs?"
        body={
          pending && (
            <>
              <p>
                {plural(pending.replacements.length, 'SLO')} in the file{' '}
                {pending.replacements.length === 1 ? 'has' : 'have'} the id of an SLO already in the list:
              </p>
              <ul>
                {pending.replacements.map(({ id }) => (
                  <li key={id}>
                    <code>{id}</code>
                  </li>
                ))}
              </ul>
            </>
          )
        }
        description="Replacing overwrites those entries with the imported ones."
        confirmText="Replace"
        alternativeText={pending && pending.additions.length > 0 ? 'Add only the new ones' : undefined}
        onConfirm={() => {
          if (pending) {
            merge(pending, true);
          }
        }}
        onAlternative={() => {
          if (pending) {
            merge(pending, false);
          }
        }}
        onDismiss={() => setPending(null)}
      />
    </Stack>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  yaml: css({
    fontFamily: theme.typography.fontFamilyMonospace,
    fontSize: theme.typography.bodySmall.fontSize,
    whiteSpace: 'pre',
  }),
});
