import { type DataFrame, type DataQueryError, type Field, FieldType, type PanelData } from '@grafana/data';
import { dataQueryErrorMessage, resultsFromDataFrames } from '../../prometheus/dataFrameAdapter';
import type { QueryResult } from '../../prometheus/series';
import type { EventQueryOptions } from './types';

/** How the panel told bad from total events. */
export type EventMapping = { by: 'refId'; bad: string; total: string } | { by: 'label'; label: string };

export type PanelEvents =
  | { kind: 'error'; message: string }
  | { kind: 'unmapped'; message: string }
  | { kind: 'no-data'; message: string }
  | {
      kind: 'events';
      /** Two results, refIds `bad` and `total`, in the engine's internal form. */
      results: QueryResult[];
      /** Seconds between points: each point counts the events of (t − step, t]. */
      step: number;
      /** First and last point time (Unix seconds) of the total series. */
      first: number;
      last: number;
      mapping: EventMapping;
    };

export const BAD = 'bad';
export const TOTAL = 'total';

/** The error messages of a panel's data, refIds first, or null. */
export function queryErrorMessage(data: PanelData): string | null {
  const errors: DataQueryError[] = data.errors?.length ? data.errors : data.error ? [data.error] : [];
  if (errors.length === 0) {
    return null;
  }
  return [
    ...new Set(
      errors.map((error) => {
        const message = dataQueryErrorMessage(error);
        return error.refId ? `${error.refId}: ${message}` : message;
      })
    ),
  ].join('; ');
}

/**
 * Reads bad and total events from a panel's data frames: two queries (named `bad` and `total`, or
 * chosen in the options) or series labelled `type="bad"` / `type="total"` (or fields so named), as
 * event counts per interval or per-second rates. Nothing is computed here but the step.
 */
export function panelEvents(data: PanelData, options: EventQueryOptions): PanelEvents {
  const error = queryErrorMessage(data);
  if (error !== null) {
    return { kind: 'error', message: error };
  }
  const frames = data.series.filter((frame) => frame.fields.some((field) => field.type === FieldType.number));
  if (frames.length === 0) {
    return { kind: 'no-data', message: 'The queries returned no data for the panel’s time range.' };
  }
  const mapping = resolveMapping(frames, data, options);
  if (!mapping) {
    return { kind: 'unmapped', message: unmappedMessage(frames, options) };
  }
  const results =
    mapping.by === 'refId'
      ? resultsFromDataFrames(frames, [mapping.bad, mapping.total]).map((result, index) => ({
          ...result,
          refId: index === 0 ? BAD : TOTAL,
        }))
      : resultsFromDataFrames(splitByRole(frames, mapping.label), [BAD, TOTAL]);
  const totals = results[1].series.filter((series) => series.times.length > 0);
  if (totals.length === 0) {
    return {
      kind: 'no-data',
      message:
        mapping.by === 'refId'
          ? `The total-events query (${mapping.total}) returned no data for the panel’s time range.`
          : `No series labelled ${mapping.label}="total" in the panel’s time range.`,
    };
  }
  const first = Math.min(...totals.map((series) => series.times[0]));
  const last = Math.max(...totals.map((series) => series.times[series.times.length - 1]));
  return { kind: 'events', results, step: stepOf(frames, data), first, last, mapping };
}

/**
 * RefIds come from the frames and from the request: a bad-events query often returns no series at all
 * (no errors), which must read as zero bad events, not as a missing query.
 */
function resolveMapping(frames: DataFrame[], data: PanelData, options: EventQueryOptions): EventMapping | null {
  const refIds = [
    ...new Set([
      ...frames.map((frame) => frame.refId ?? ''),
      ...(data.request?.targets ?? []).filter((target) => !target.hide).map((target) => target.refId),
    ]),
  ];
  const chosenBad = (options.badQuery ?? '').trim();
  const chosenTotal = (options.totalQuery ?? '').trim();
  if (chosenBad !== '' && chosenTotal !== '') {
    return { by: 'refId', bad: chosenBad, total: chosenTotal };
  }
  const named = (name: string) => refIds.find((refId) => refId.toLowerCase() === name);
  const total = chosenTotal || named(TOTAL);
  if (total) {
    return { by: 'refId', bad: chosenBad || named(BAD) || BAD, total };
  }
  const label = (options.seriesLabel ?? '').trim() || 'type';
  const roles = new Set(frames.flatMap((frame) => numberFields(frame).map((field) => roleOf(field, frame, label))));
  if (roles.has(TOTAL)) {
    return { by: 'label', label };
  }
  return null;
}

function unmappedMessage(frames: DataFrame[], options: EventQueryOptions): string {
  const refIds = [...new Set(frames.map((frame) => frame.refId ?? '?'))].join(', ');
  const label = (options.seriesLabel ?? '').trim() || 'type';
  return (
    `Cannot tell bad from total events in queries ${refIds}: name the queries bad and total, ` +
    `choose them under “Events” in the panel options, or return series labelled ${label}="bad" and ${label}="total".`
  );
}

function numberFields(frame: DataFrame): Field[] {
  return frame.fields.filter((field) => field.type === FieldType.number);
}

/** `bad`, `total` or null for a number field, by its label, else by its name. */
function roleOf(field: Field, frame: DataFrame, label: string): string | null {
  const candidates = [field.labels?.[label], field.config?.displayNameFromDS, field.name, frame.name];
  for (const candidate of candidates) {
    const value = candidate?.trim().toLowerCase();
    if (value === BAD || value === TOTAL) {
      return value;
    }
  }
  return null;
}

/** One frame per number field, with refId `bad` or `total` and the role label removed. */
function splitByRole(frames: DataFrame[], label: string): DataFrame[] {
  return frames.flatMap((frame) => {
    const time = frame.fields.find((field) => field.type === FieldType.time);
    if (!time) {
      return [];
    }
    return numberFields(frame).flatMap((field) => {
      const role = roleOf(field, frame, label);
      if (!role) {
        return [];
      }
      const { [label]: _role, ...labels } = field.labels ?? {};
      return [{ ...frame, refId: role, fields: [time, { ...field, labels }] }];
    });
  });
}

/**
 * Seconds per point: the interval Grafana's Prometheus data source puts on the time field, else the
 * smallest gap between points, else the request's interval.
 */
function stepOf(frames: DataFrame[], data: PanelData): number {
  for (const frame of frames) {
    const interval = frame.fields.find((field) => field.type === FieldType.time)?.config?.interval;
    if (typeof interval === 'number' && interval > 0) {
      return interval / 1000;
    }
  }
  let smallest = Infinity;
  for (const frame of frames) {
    const values = frame.fields.find((field) => field.type === FieldType.time)?.values as ArrayLike<number> | undefined;
    for (let i = 1; values && i < values.length; i++) {
      const gap = values[i] - values[i - 1];
      if (gap > 0 && gap < smallest) {
        smallest = gap;
      }
    }
  }
  if (Number.isFinite(smallest)) {
    return smallest / 1000;
  }
  const requested = data.request?.intervalMs;
  return requested && requested > 0 ? requested / 1000 : 60;
}
