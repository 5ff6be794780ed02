import type { DataSourceInstanceSettings } from '@grafana/data';
import { setDataSourceSrv, setTemplateSrv } from '@grafana/runtime';
import { datasourceOptions } from './options';

function settings(uid: string, type: string): DataSourceInstanceSettings {
  return { uid, name: `${uid} (${type})`, type } as DataSourceInstanceSettings;
}

const ALL = [
  settings('prom', 'prometheus'),
  settings('amp', 'grafana-amazonprometheus-datasource'),
  settings('azure', 'grafana-azureprometheus-datasource'),
  settings('logs', 'loki'),
];

describe('the data source override of the panels', () => {
  it('offers every data source that speaks PromQL and the data-source variables', async () => {
    setDataSourceSrv({
      // As Grafana's DataSourceSrv.getList applies its `filter`.
      getList: (filters: { filter?: (ds: DataSourceInstanceSettings) => boolean } = {}) =>
        ALL.filter((ds) => !filters.filter || filters.filter(ds)),
    } as never);
    setTemplateSrv({
      getVariables: () => [
        { name: 'datasource', type: 'datasource' },
        { name: 'slo', type: 'custom' },
      ],
    } as never);
    const options = await datasourceOptions();
    expect(options.map((option) => option.value)).toEqual(['$datasource', 'prom', 'amp', 'azure']);
  });
});
