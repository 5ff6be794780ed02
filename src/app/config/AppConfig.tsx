import React, { useMemo, useState } from 'react';
import type { AppPluginMeta, PluginConfigPageProps } from '@grafana/data';
import { locationService } from '@grafana/runtime';
import { Alert } from '@grafana/ui';
import { formatProblem, validateSloSpecs } from '../../domain';
import type { AppJsonData } from '../../settings/appSettings';
import { ConfigSection } from './ConfigSection';
import { DataSourceSection } from './DataSourceSection';
import { DiscoverySection } from './DiscoverySection';
import { ImportPanel } from './ImportPanel';
import { SaveSection } from './SaveSection';
import { SloEditor } from './SloEditor';
import { SloList } from './SloList';
import { currentUserCanSaveSettings } from './permissions';
import { saveSettings } from './saveSettings';
import { type SloEntry, addEntry, deleteEntry, entryId, errorsIn, problemsPerEntry, replaceEntry } from './workingCopy';

export interface AppConfigProps extends PluginConfigPageProps<AppPluginMeta<AppJsonData>> {}

/** Which entry the editor has open: a position in the list, or a new SLO. */
type Editing = { index: number } | { index: null };

export const NOT_ADMIN_NOTICE =
  "Saving SLO Burn's settings needs the Admin role in this organization (Grafana's plugin settings API enforces it). You can look and try the editor, but not save.";

export default function AppConfig({ plugin }: AppConfigProps) {
  const { enabled, pinned, jsonData } = plugin.meta;
  const canSave = currentUserCanSaveSettings();
  const [slos, setSlos] = useState<SloEntry[]>(() => (Array.isArray(jsonData?.slos) ? jsonData.slos : []));
  const [defaultDatasourceUid, setDefaultDatasourceUid] = useState(jsonData?.defaultDatasourceUid);
  const [slothDiscovery, setSlothDiscovery] = useState(Boolean(jsonData?.slothDiscovery));
  const [editing, setEditing] = useState<Editing | null>(null);

  const problems = useMemo(() => problemsPerEntry(slos), [slos]);
  const invalidCount = problems.filter((entryProblems) => errorsIn(entryProblems).length > 0).length;
  // A provisioned `slos` that is not a list cannot be edited entry by entry; saving replaces it.
  const unreadableSlos = useMemo(
    () =>
      jsonData?.slos !== undefined && !Array.isArray(jsonData.slos)
        ? validateSloSpecs({ slos: jsonData.slos }).problems.map(formatProblem).join('; ')
        : undefined,
    [jsonData]
  );

  const otherIds = useMemo(
    () =>
      slos
        .filter((_, index) => editing === null || index !== editing.index)
        .map(entryId)
        .filter((id): id is string => id !== undefined),
    [slos, editing]
  );

  const save = async () => {
    await saveSettings({
      enabled: Boolean(enabled),
      pinned: Boolean(pinned),
      // Keys this page does not edit (set by provisioning, or by a newer version) are kept as they were.
      jsonData: { ...jsonData, slos, defaultDatasourceUid, slothDiscovery },
    });
    locationService.reload();
  };

  return (
    <div>
      {!canSave && (
        <Alert severity="info" title="Read only for you">
          {NOT_ADMIN_NOTICE}
        </Alert>
      )}

      <ConfigSection title="Data source">
        <DataSourceSection datasourceUid={defaultDatasourceUid} onChange={setDefaultDatasourceUid} />
      </ConfigSection>

      <ConfigSection title="Sloth discovery">
        <DiscoverySection enabled={slothDiscovery} onChange={setSlothDiscovery} />
      </ConfigSection>

      <ConfigSection
        title="SLOs"
        description="Entries with errors are kept as written and listed as problems on the overview; the others work as usual."
      >
        {unreadableSlos && (
          <Alert severity="warning" title="The saved SLOs are not a list">
            {unreadableSlos}. Saving replaces them with the list below.
          </Alert>
        )}
        {editing === null ? (
          <SloList
            slos={slos}
            problems={problems}
            onAdd={() => setEditing({ index: null })}
            onEdit={(index) => setEditing({ index })}
            onDelete={(index) => setSlos((current) => deleteEntry(current, index))}
          />
        ) : (
          <SloEditor
            entry={editing.index === null ? undefined : slos[editing.index]}
            otherIds={otherIds}
            defaultDatasourceUid={defaultDatasourceUid}
            onApply={(spec) => {
              setSlos((current) =>
                editing.index === null ? addEntry(current, spec) : replaceEntry(current, editing.index, spec)
              );
              setEditing(null);
            }}
            onCancel={() => setEditing(null)}
          />
        )}
      </ConfigSection>

      <ConfigSection
        title="Import"
        description="Paste or upload Sloth or OpenSLO YAML; the valid SLOs it converts to are added to the list above."
      >
        <ImportPanel slos={slos} onChange={setSlos} />
      </ConfigSection>

      <ConfigSection title="Save">
        <SaveSection
          canSave={canSave}
          blockedReason={editing !== null ? 'Finish editing the SLO first.' : undefined}
          invalidCount={invalidCount}
          onSave={save}
        />
      </ConfigSection>
    </div>
  );
}
