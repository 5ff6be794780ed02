import { LoadingState, type PanelData } from '@grafana/data';
import { DETAIL_FRAME_REF, type DetailFrameMeta } from '../data/sloEngineOperator';
import { requestFailure, sloQueryFailure } from '../data/requestErrors';
import { sloRefId } from '../data/sloQueryGroups';
import type { SloDetailModel } from '../viewModels/sloDetail';

export type DetailState =
  { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; detail: SloDetailModel };

/** What the detail page's own components show: the engine's model, or why there is none. */
export function detailState(data: PanelData | undefined, sloId: string): DetailState {
  const queryError = requestFailure(data) ?? sloQueryFailure(data, sloId);
  if (queryError !== null) {
    return { kind: 'error', message: queryError };
  }
  const frame = data?.series.find((candidate) => candidate.refId === sloRefId(sloId, DETAIL_FRAME_REF));
  const meta = frame?.meta?.custom as DetailFrameMeta | undefined;
  if (!meta) {
    return data?.state === LoadingState.Error ? { kind: 'error', message: 'the query failed' } : { kind: 'loading' };
  }
  if (meta.reading.kind === 'error' || !meta.detail) {
    return {
      kind: 'error',
      message: meta.reading.kind === 'error' ? meta.reading.message : 'the SLO could not be evaluated',
    };
  }
  return { kind: 'ready', detail: meta.detail };
}
