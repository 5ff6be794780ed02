import { LoadingState, type PanelData } from '@grafana/data';
import type { SloSpec } from '../../domain';
import { ROW_FRAME_REF, type RowFrameMeta } from '../data/sloEngineOperator';
import { sloRefId, splitSloRefId } from '../data/sloQueryGroups';
import { type SloRowModel, errorRow, loadingRow } from '../viewModels/sloRow';

/**
 * The rows of one query group: the engine's rows where it produced them, an error row where the
 * data source reported an error for one of the SLO's queries, a loading row while the first answer
 * is on its way. One SLO's failure never touches another's row.
 */
export function rowsFromPanelData(specs: readonly SloSpec[], data: PanelData | undefined): SloRowModel[] {
  return specs.flatMap((spec) => {
    const error = data?.errors?.find(
      (candidate) => candidate.refId && splitSloRefId(candidate.refId)?.sloId === spec.id
    );
    if (error) {
      return [errorRow(spec, error.message ?? 'query failed')];
    }
    const frame = data?.series.find((candidate) => candidate.refId === sloRefId(spec.id, ROW_FRAME_REF));
    const meta = frame?.meta?.custom as RowFrameMeta | undefined;
    if (!meta) {
      return [
        data?.state === LoadingState.Error
          ? errorRow(spec, data.errors?.[0]?.message ?? 'query failed')
          : loadingRow(spec),
      ];
    }
    return meta.rows;
  });
}
