import React, { useState } from 'react';
import { Alert, Button, ConfirmModal, Stack, Text } from '@grafana/ui';
import { plural } from './plural';
import { saveErrorMessage } from './saveSettings';

interface Props {
  canSave: boolean;
  /** Why saving has to wait, e.g. an SLO is still open in the editor. */
  blockedReason?: string;
  /** Entries with errors; they are saved as written, but only after the user agrees. */
  invalidCount: number;
  onSave: () => Promise<void>;
}

export function SaveSection({ canSave, blockedReason, invalidCount, onSave }: Props) {
  const [confirming, setConfirming] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const save = async () => {
    setConfirming(false);
    setSaving(true);
    setError(null);
    try {
      await onSave();
    } catch (failure) {
      setError(saveErrorMessage(failure));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Stack direction="column" gap={2}>
      {error && (
        <Alert severity="error" title="The settings were not saved" onRemove={() => setError(null)}>
          {error}
        </Alert>
      )}
      <Stack gap={2} alignItems="center">
        <Button
          icon={saving ? 'spinner' : undefined}
          disabled={!canSave || saving || blockedReason !== undefined}
          onClick={() => (invalidCount > 0 ? setConfirming(true) : save())}
        >
          Save settings
        </Button>
        {blockedReason && <Text color="secondary">{blockedReason}</Text>}
      </Stack>
      <ConfirmModal
        isOpen={confirming}
        title="Save with invalid SLOs?"
        body={`${plural(invalidCount, 'SLO')} in the list ${invalidCount === 1 ? 'has' : 'have'} errors. ${invalidCount === 1 ? 'It is' : 'They are'} saved as written and listed as problems on the overview, but not evaluated, until fixed.`}
        confirmText="Save anyway"
        confirmVariant="primary"
        onConfirm={save}
        onDismiss={() => setConfirming(false)}
      />
    </Stack>
  );
}
