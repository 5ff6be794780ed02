import { LoadingState, type PanelData } from '@grafana/data';
import type { SloSpec } from '../../domain';
import { ROW_FRAME_REF, type RowFrameMeta } from '../data/sloEngineOperator';
import { requestFailure, sloQueryFailure } from '../data/requestErrors';
import { sloRefId } from '../data/sloQueryGroups';
import { type SloRowModel, errorRow, loadingRow } from '../viewModels/sloRow';

/**
 * The rows of one query group: the engine's rows where it produced them, an error row where the
 * data source reported an error for one of the SLO's queries, or for the whole request (then every
 * SLO of the group shows it), a loading row while the first answer is on its way. One SLO's query
 * failure never touches another's row.
 */
export function rowsFromPanelData(specs: readonly SloSpec[], data: PanelData | undefined): SloRowModel[] {
  const failure = requestFailure(data);
  return specs.flatMap((spec) => {
    const error = failure ?? sloQueryFailure(data, spec.id);
    if (error !== null) {
      return [errorRow(spec, error)];
    }
    const frame = data?.series.find((candidate) => candidate.refId === sloRefId(spec.id, ROW_FRAME_REF));
    const meta = frame?.meta?.custom as RowFrameMeta | undefined;
    if (!meta) {
      return [data?.state === LoadingState.Error ? errorRow(spec, 'query failed') : loadingRow(spec)];
    }
    return meta.rows;
  });
}
