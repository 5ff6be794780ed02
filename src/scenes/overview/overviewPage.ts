import { SceneAppPage } from '@grafana/scenes';
import type { SloCatalog } from '../SloCatalog';
import { detailPage } from '../detail/detailPage';
import { PRESERVED_URL_KEYS, ROUTES, prefixRoute } from '../routes';
import { overviewScene } from './overviewScene';

export function overviewPage(catalog: SloCatalog): SceneAppPage {
  return new SceneAppPage({
    title: 'SLOs',
    subTitle: 'Error budgets and multiwindow burn-rate alerts of every SLO, as of the end of the time range.',
    url: prefixRoute(ROUTES.slos),
    routePath: `${ROUTES.slos}/*`,
    preserveUrlKeys: PRESERVED_URL_KEYS,
    getScene: () => overviewScene(catalog),
    drilldowns: [
      {
        routePath: ':sloId/*',
        getPage: (routeMatch, parent) => detailPage(catalog, decodeURIComponent(routeMatch.params.sloId), parent),
      },
    ],
  });
}
