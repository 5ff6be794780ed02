import {
  EmbeddedScene,
  SceneControlsSpacer,
  SceneFlexItem,
  SceneFlexLayout,
  SceneRefreshPicker,
  SceneTimePicker,
  SceneTimeRange,
} from '@grafana/scenes';
import { type SloCatalog, catalogSpecs } from '../SloCatalog';
import { createSloDataProvider } from '../data/sloDataProvider';
import { groupSlosForQuerying } from '../data/sloQueryGroups';
import { MissingDatasource } from './MissingDatasource';
import { SloFilters } from './SloFilters';
import { SloOverview } from './SloOverview';

export const DEFAULT_TIME_RANGE = { from: 'now-24h', to: 'now' };

export function overviewScene(catalog: SloCatalog, timeRange = DEFAULT_TIME_RANGE): EmbeddedScene {
  const specs = catalogSpecs(catalog);
  const datasourceUid = catalog.defaultDatasourceUid;
  const groups = groupSlosForQuerying(specs, datasourceUid ?? '');
  const body =
    datasourceUid === null && specs.some((spec) => !spec.datasourceUid)
      ? new MissingDatasource({})
      : new SloOverview({
          groups,
          providers: groups.map((group) => createSloDataProvider(group.specs, 'overview', group.datasourceUid)),
          filters: new SloFilters(),
          problems: catalog.problems,
        });
  return new EmbeddedScene({
    $timeRange: new SceneTimeRange(timeRange),
    controls: [
      new SceneControlsSpacer(),
      new SceneTimePicker({ isOnCanvas: true }),
      new SceneRefreshPicker({ isOnCanvas: true, intervals: ['1m', '5m', '15m', '1h'] }),
    ],
    body: new SceneFlexLayout({ direction: 'column', children: [new SceneFlexItem({ body })] }),
  });
}
