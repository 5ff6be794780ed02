import React, { useId, useMemo, useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Alert, Button, ConfirmModal, RadioButtonGroup, Stack, useStyles2 } from '@grafana/ui';
import { DraftPreview } from './DraftPreview';
import { ProblemList } from './ProblemList';
import { SloForm } from './SloForm';
import { SpecYamlEditor } from './SpecYamlEditor';
import { problemsByField } from './fieldProblems';
import { plural } from './plural';
import { type SpecDraft, isDraft, newSloDraft } from './specDraft';
import { specFromYaml, specToYaml } from './specYamlText';
import { type SloEntry, errorsIn, problemsOfDraft } from './workingCopy';

type EditorView = 'form' | 'yaml';

interface Props {
  /** The entry as written; undefined for a new SLO. */
  entry: SloEntry | undefined;
  /** Ids of the other entries of the list, which this one must not reuse. */
  otherIds: readonly string[];
  /** The app's default data source as the page has it now, for the preview of a draft without its own. */
  defaultDatasourceUid?: string;
  onApply: (spec: SpecDraft) => void;
  onCancel: () => void;
}

const VIEWS = [
  { value: 'form' as const, label: 'Form', icon: 'list-ul' },
  { value: 'yaml' as const, label: 'YAML', icon: 'brackets-curly' },
];

interface EditorState {
  view: EditorView;
  draft: SpecDraft;
  yamlText: string;
  yamlError?: string;
}

/** An entry that is not an object cannot be shown as a form; it opens as YAML, as written, to be fixed. */
function initialState(entry: SloEntry | undefined): EditorState {
  if (entry === undefined) {
    return { view: 'form', draft: newSloDraft(), yamlText: '' };
  }
  if (isDraft(entry)) {
    return { view: 'form', draft: entry, yamlText: '' };
  }
  const yamlText = specToYaml(entry);
  const parsed = specFromYaml(yamlText);
  return { view: 'yaml', draft: {}, yamlText, yamlError: 'error' in parsed ? parsed.error : undefined };
}

/** Edits one SLO as a form or as YAML, validating it as it changes. */
export function SloEditor({ entry, otherIds, defaultDatasourceUid, onApply, onCancel }: Props) {
  const styles = useStyles2(getStyles);
  const idPrefix = `sloburn-editor${useId().replace(/:/g, '')}`;
  const [state, setState] = useState<EditorState>(() => initialState(entry));
  const [changed, setChanged] = useState(false);
  const [confirming, setConfirming] = useState<'invalid' | 'discard' | null>(null);
  const [switchRefused, setSwitchRefused] = useState(false);
  const { view, draft, yamlText, yamlError } = state;

  const problems = useMemo(() => problemsOfDraft(draft, otherIds), [draft, otherIds]);
  const byField = useMemo(() => problemsByField(problems), [problems]);
  const errorCount = errorsIn(problems).length;

  const changeDraft = (next: SpecDraft) => {
    setState((current) => ({ ...current, draft: next }));
    setChanged(true);
  };

  // The YAML is read as it is typed, so that validation follows it; a syntax error keeps the last good draft.
  const changeYaml = (text: string) => {
    const parsed = specFromYaml(text);
    setState((current) =>
      'spec' in parsed
        ? { ...current, yamlText: text, draft: parsed.spec, yamlError: undefined }
        : { ...current, yamlText: text, yamlError: parsed.error }
    );
    setChanged(true);
    setSwitchRefused(false);
  };

  const switchView = (next: EditorView) => {
    if (next === view) {
      return;
    }
    if (next === 'yaml') {
      setState((current) => ({ ...current, view: 'yaml', yamlText: specToYaml(current.draft), yamlError: undefined }));
      return;
    }
    if (yamlError === undefined) {
      setState((current) => ({ ...current, view: 'form' }));
    } else {
      setSwitchRefused(true);
    }
  };

  const apply = () => {
    if (view === 'yaml' && yamlError !== undefined) {
      return;
    }
    if (errorCount > 0) {
      setConfirming('invalid');
      return;
    }
    onApply(draft);
  };

  const cancel = () => (changed ? setConfirming('discard') : onCancel());

  return (
    <div className={styles.editor} role="group" aria-label={entry === undefined ? 'New SLO' : 'Edit SLO'}>
      <Stack justifyContent="space-between" alignItems="center" wrap="wrap">
        <h4 className={styles.title}>{entry === undefined ? 'New SLO' : 'Edit SLO'}</h4>
        <RadioButtonGroup<EditorView> aria-label="Editor view" options={VIEWS} value={view} onChange={switchView} />
      </Stack>

      {switchRefused && yamlError !== undefined && (
        <Alert severity="error" title="Fix the YAML first">
          The form can only show YAML that reads as one SLO; the error is shown under the text.
        </Alert>
      )}
      {problems.length > 0 && yamlError === undefined && (
        <Alert
          severity={errorCount > 0 ? 'error' : 'warning'}
          title={errorCount > 0 ? `This SLO has ${plural(errorCount, 'error')}` : 'This SLO has warnings'}
        >
          <ProblemList problems={problems} pathsInEntry aria-label="Problems of this SLO" />
        </Alert>
      )}

      {view === 'form' ? (
        <SloForm draft={draft} problems={byField} idPrefix={idPrefix} onChange={changeDraft} />
      ) : (
        <SpecYamlEditor id={`${idPrefix}-yaml`} text={yamlText} error={yamlError} onChange={changeYaml} />
      )}

      <Stack gap={1}>
        <Button onClick={apply} disabled={view === 'yaml' && yamlError !== undefined}>
          {entry === undefined ? 'Add to the list' : 'Update the list'}
        </Button>
        <Button variant="secondary" onClick={cancel}>
          Cancel
        </Button>
      </Stack>

      <DraftPreview draft={draft} defaultDatasourceUid={defaultDatasourceUid} unparsed={yamlError !== undefined} />

      <ConfirmModal
        isOpen={confirming === 'invalid'}
        title="Keep an invalid SLO?"
        body={`This SLO has ${plural(errorCount, 'error')}. It stays in the list as written and is shown as a problem on the overview until you fix it; it is not evaluated.`}
        confirmText="Keep it"
        confirmVariant="primary"
        onConfirm={() => {
          setConfirming(null);
          onApply(draft);
        }}
        onDismiss={() => setConfirming(null)}
      />
      <ConfirmModal
        isOpen={confirming === 'discard'}
        title="Discard your changes?"
        body="The changes to this SLO are not in the list yet."
        confirmText="Discard"
        onConfirm={() => {
          setConfirming(null);
          onCancel();
        }}
        onDismiss={() => setConfirming(null)}
      />
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  editor: css({
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(2),
    padding: theme.spacing(2),
    border: `1px solid ${theme.colors.border.medium}`,
    borderRadius: theme.shape.radius.default,
    background: theme.colors.background.secondary,
  }),
  title: css({
    margin: 0,
  }),
});
