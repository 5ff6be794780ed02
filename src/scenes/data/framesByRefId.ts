import type { CustomTransformOperator } from '@grafana/data';
import { map } from 'rxjs';

/** Keeps the frames of one chart out of the engine's output (no transformer registry needed). */
export function framesByRefId(refId: string): CustomTransformOperator {
  return () => (source) => source.pipe(map((frames) => frames.filter((frame) => frame.refId === refId)));
}
