import { type CustomTransformOperator, type DataFrame, FieldType, createDataFrame } from '@grafana/data';
import { map } from 'rxjs';
import { expectedResultTypes, resultsFromDataFrames } from '../../prometheus/dataFrameAdapter';
import { type SloReading, readSlo } from '../../prometheus/readSlo';
import type { QueryResult } from '../../prometheus/series';
import { alertStatesFrame, burnRateFrame, sliFrame, trafficFrame } from '../viewModels/chartFrames';
import { type SloDetailModel, detailFromReading } from '../viewModels/sloDetail';
import { type SloRowModel, rowsFromReading } from '../viewModels/sloRow';
import type { PlannedSlo } from './SloPlanTimeRange';
import { sloRefId } from './sloQueryGroups';

export const ROW_FRAME_REF = 'rows';
export const DETAIL_FRAME_REF = 'detail';

export interface RowFrameMeta {
  sloId: string;
  rows: SloRowModel[];
}

export interface DetailFrameMeta {
  sloId: string;
  reading: SloReading;
  detail: SloDetailModel | null;
}

/**
 * The engine inside the scene's data pipeline: the query runner's frames for each planned SLO go
 * through the adapter, the buckets and the engine, and come out as frames — a table frame per SLO
 * (its view model rides in `meta.custom`) and, for the detail view, the chart series.
 */
export function sloEngineOperator(plannedSlos: () => PlannedSlo[]): CustomTransformOperator {
  return () => (source) =>
    source.pipe(
      map((frames) =>
        plannedSlos().flatMap(({ spec, plan }) => {
          const reading = readSlo(spec, plan, resultsFor(spec.id, plan, frames));
          return plan.view === 'overview'
            ? [rowFrame(spec.id, rowsFromReading(reading))]
            : detailFrames(spec.id, reading);
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

function rowFrame(sloId: string, rows: SloRowModel[]): DataFrame {
  const meta: RowFrameMeta = { sloId, rows };
  return createDataFrame({
    refId: sloRefId(sloId, ROW_FRAME_REF),
    name: sloId,
    meta: { custom: meta },
    fields: [
      { name: 'SLO', type: FieldType.string, values: rows.map((row) => row.id) },
      { name: 'Group', type: FieldType.string, values: rows.map((row) => JSON.stringify(row.groupLabels)) },
      { name: 'Status', type: FieldType.string, values: rows.map((row) => row.status) },
      { name: 'SLI', type: FieldType.number, values: rows.map((row) => row.sli), config: { unit: 'percentunit' } },
      {
        name: 'Budget remaining',
        type: FieldType.number,
        values: rows.map((row) => row.budgetRemaining),
        config: { unit: 'percentunit' },
      },
      { name: 'Burn rate 1h', type: FieldType.number, values: rows.map((row) => row.burnRate1h) },
      { name: 'Burn rate 6h', type: FieldType.number, values: rows.map((row) => row.burnRate6h) },
    ],
  });
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
