import { EmbeddedScene, SceneAppPage, type SceneAppPageLike, SceneFlexItem, SceneFlexLayout } from '@grafana/scenes';
import { type SloSpec, describePeriod } from '../../domain';
import { type SloCatalog, catalogSpecs } from '../SloCatalog';
import { PRESERVED_URL_KEYS, sloDetailUrl } from '../routes';
import { RulesView } from './RulesView';
import { UnknownSlo } from './UnknownSlo';
import { statusScene } from './statusScene';

export function detailPage(catalog: SloCatalog, sloId: string, parent: SceneAppPageLike): SceneAppPage {
  const spec = catalogSpecs(catalog).find((candidate) => candidate.id === sloId);
  const url = sloDetailUrl(sloId);
  const common = { url, getParentPage: () => parent, preserveUrlKeys: PRESERVED_URL_KEYS };
  if (!spec) {
    return new SceneAppPage({
      ...common,
      title: sloId,
      routePath: ':sloId/*',
      getScene: () => new EmbeddedScene({ body: new UnknownSlo({ sloId, problems: catalog.problems }) }),
    });
  }
  const datasourceUid = spec.datasourceUid ?? catalog.defaultDatasourceUid ?? '';
  return new SceneAppPage({
    ...common,
    title: spec.name,
    subTitle: `${spec.service} · ${spec.objective}% · ${describePeriod(spec.period)}`,
    routePath: ':sloId/*',
    getScene: () => statusScene(spec, datasourceUid),
    tabs: [
      new SceneAppPage({ ...common, title: 'Status', routePath: '', getScene: () => statusScene(spec, datasourceUid) }),
      new SceneAppPage({
        ...common,
        url: `${url}/rules`,
        title: 'Rules',
        routePath: 'rules',
        getScene: () => rulesScene(spec),
      }),
    ],
  });
}

function rulesScene(spec: SloSpec): EmbeddedScene {
  return new EmbeddedScene({
    body: new SceneFlexLayout({ children: [new SceneFlexItem({ body: new RulesView({ spec }) })] }),
  });
}
