import { type CustomTransformOperator, type DataFrame, FieldType, createDataFrame } from '@grafana/data';
import { map } from 'rxjs';
import { expectedResultTypes, resultsFromDataFrames } from '../../prometheus/dataFrameAdapter';
import { type SloReading, readSlo } from '../../prometheus/readSlo';
import type { QueryResult } from '../../prometheus/series';
import { alertStatesFrame, burnRateFrame, sliFrame, trafficFrame } from '../viewModels/chartFrames';
import { type SloDetailModel, detailFromReading } from '../viewModels/sloDetail';
import type { PlannedSlo } from './SloPlanTimeRange';
import { sloRefId } from './sloQueryGroups';

export const DETAIL_FRAME_REF = 'detail';

export interface DetailFrameMeta {
  sloId: string;
  reading: SloReading;
  detail: SloDetailModel | null;
}

/**
 * The engine inside the scene's data pipeline: the query runner's frames for each planned SLO go
 * through the adapter, the buckets and the engine, and come out as frames: a summary frame per SLO
 * (its reading and view model ride in `meta.custom`) and the chart series. (The overview reads its SLOs
 * through the fleet loader instead: src/scenes/overview/SloFleetData.ts.)
 */
export function sloEngineOperator(plannedSlos: () => PlannedSlo[]): CustomTransformOperator {
  return () => (source) =>
    source.pipe(
      map((frames) =>
        plannedSlos().flatMap(({ spec, plan }) => {
          const reading = readSlo(spec, plan, resultsFor(spec.id, plan, frames));
          return detailFrames(spec.id, reading);
        })
      )
    );
}

function resultsFor(sloId: string, plan: PlannedSlo['plan'], frames: DataFrame[]): QueryResult[] {
  const refIds = plan.queries.map((query) => query.refId);
  const prefixed = refIds.map((refId) => sloRefId(sloId, refId));
  const expected = expectedResultTypes(plan, (refId) => sloRefId(sloId, refId));
  return resultsFromDataFrames(frames, prefixed, [], expected).map((result, index) => ({
    ...result,
    refId: refIds[index],
  }));
}

function detailFrames(sloId: string, reading: SloReading): DataFrame[] {
  const detail = reading.kind === 'evaluated' ? detailFromReading(reading) : null;
  const meta: DetailFrameMeta = { sloId, reading, detail };
  const summary = createDataFrame({
    refId: sloRefId(sloId, DETAIL_FRAME_REF),
    name: sloId,
    meta: { custom: meta },
    fields: [
      { name: 'Status', type: FieldType.string, values: [detail?.status ?? 'error'] },
      { name: 'SLI', type: FieldType.number, values: [detail?.sli ?? null], config: { unit: 'percentunit' } },
      {
        name: 'Budget remaining',
        type: FieldType.number,
        values: [detail?.budgetRemaining ?? null],
        config: { unit: 'percentunit' },
      },
      { name: 'Burn rate', type: FieldType.number, values: [detail?.currentBurnRate ?? null] },
    ],
  });
  if (!detail) {
    return [summary];
  }
  return [summary, burnRateFrame(detail), sliFrame(detail), trafficFrame(detail), alertStatesFrame(detail)];
}
