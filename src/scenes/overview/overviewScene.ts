import {
  EmbeddedScene,
  SceneControlsSpacer,
  SceneFlexItem,
  SceneFlexLayout,
  SceneRefreshPicker,
  SceneTimePicker,
  SceneTimeRange,
  behaviors,
} from '@grafana/scenes';
import type { FleetLoaderOptions } from '../../prometheus/fleet';
import { type SloCatalog, catalogSpecs } from '../SloCatalog';
import { MissingDatasource } from './MissingDatasource';
import { SloFilters } from './SloFilters';
import { SloFleetData } from './SloFleetData';
import { SloOverview } from './SloOverview';

export const DEFAULT_TIME_RANGE = { from: 'now-24h', to: 'now' };

/**
 * The overview page: time and refresh pickers, and every SLO of the catalog read through the fleet
 * loader from its own data source (its `datasourceUid`, else the app's default). A query controller
 * lets the refresh picker show the load running and cancel it, as on a dashboard.
 */
export function overviewScene(
  catalog: SloCatalog,
  timeRange = DEFAULT_TIME_RANGE,
  loader?: Partial<FleetLoaderOptions>
): EmbeddedScene {
  const specs = catalogSpecs(catalog);
  const datasourceUid = catalog.defaultDatasourceUid;
  const body =
    datasourceUid === null && specs.some((spec) => !spec.datasourceUid)
      ? new MissingDatasource({})
      : new SloOverview({
          fleet: new SloFleetData({
            slos: specs.map((spec) => ({ spec, datasource: spec.datasourceUid ?? datasourceUid ?? '' })),
            loader,
          }),
          filters: new SloFilters(),
          problems: catalog.problems,
        });
  return new EmbeddedScene({
    $timeRange: new SceneTimeRange(timeRange),
    $behaviors: [new behaviors.SceneQueryController()],
    controls: [
      new SceneControlsSpacer(),
      new SceneTimePicker({ isOnCanvas: true }),
      new SceneRefreshPicker({ isOnCanvas: true, intervals: ['1m', '5m', '15m', '1h'] }),
    ],
    body: new SceneFlexLayout({ direction: 'column', children: [new SceneFlexItem({ body })] }),
  });
}
