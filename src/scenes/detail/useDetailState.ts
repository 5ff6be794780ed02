import { useMemo } from 'react';
import { type SceneObject, sceneGraph } from '@grafana/scenes';
import { type DetailState, detailState } from './detailState';

export function useDetailState(model: SceneObject, sloId: string): DetailState {
  const { data } = sceneGraph.getData(model).useState();
  return useMemo(() => detailState(data, sloId), [data, sloId]);
}
