import { EmbeddedScene, SceneAppPage, SceneFlexItem, SceneFlexLayout } from '@grafana/scenes';
import { type SloCatalog, catalogSpecs } from '../SloCatalog';
import { ROUTES, prefixRoute } from '../routes';
import { CalculatorView } from './CalculatorView';

export function calculatorPage(catalog: SloCatalog): SceneAppPage {
  return new SceneAppPage({
    title: 'Burn-rate calculator',
    subTitle:
      'What each multiwindow alert pair means for an objective and period: thresholds, budget spent, detection and reset times.',
    url: prefixRoute(ROUTES.calculator),
    routePath: ROUTES.calculator,
    getScene: () => calculatorScene(catalog),
  });
}

export function calculatorScene(catalog: SloCatalog): EmbeddedScene {
  return new EmbeddedScene({
    body: new SceneFlexLayout({
      children: [
        new SceneFlexItem({
          body: new CalculatorView({
            specs: catalogSpecs(catalog),
            defaultDatasourceUid: catalog.defaultDatasourceUid,
          }),
        }),
      ],
    }),
  });
}
