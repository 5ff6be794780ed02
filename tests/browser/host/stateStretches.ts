import { type DataFrame, FieldType } from '@grafana/data';

/** A box a state timeline draws for one state of one field. */
export interface StateStretch {
  /** The field (a row of the timeline), by its display name. */
  field: string;
  /** Epoch milliseconds: the time of the box's first point. */
  from: number;
  /** Epoch milliseconds: the time of the next point of another value, or of the last point. */
  to: number;
  /** The box runs to the last point, which Grafana draws on to the chart's right edge. */
  reachesEnd: boolean;
}

/**
 * Where a state timeline with `mergeValues` on would draw `state` (the text a value mapping gives a
 * value, such as `firing`), as Grafana's timeline draws it (public/app/core/components/TimelineChart/
 * timeline.ts, `drawPaths` in "changes" mode): a box from a point to the next point whose value differs
 * (undefined values skipped), the last box on to the chart's edge; null values draw nothing. Fields
 * without display processing (Grafana applies the field config, mappings included, before a panel
 * renders) have no boxes.
 */
export function stateStretches(frames: DataFrame[], state: string): StateStretch[] {
  const stretches: StateStretch[] = [];
  for (const frame of frames) {
    const time = frame.fields.find((field) => field.type === FieldType.time);
    if (!time) {
      continue;
    }
    const times = time.values as number[];
    for (const field of frame.fields) {
      const display = field.display;
      if (field === time || !display) {
        continue;
      }
      const values = field.values as unknown[];
      for (let index = 0; index < values.length; index++) {
        const value = values[index];
        if (value === null || value === undefined) {
          continue;
        }
        let next = index;
        while (++next < values.length && (values[next] === undefined || values[next] === value)) {}
        if (display(value).text === state) {
          const reachesEnd = next === values.length;
          stretches.push({
            field: field.config.displayName ?? field.name,
            from: times[index],
            to: reachesEnd ? times[values.length - 1] : times[next],
            reachesEnd,
          });
        }
        index = next - 1;
      }
    }
  }
  return stretches;
}
