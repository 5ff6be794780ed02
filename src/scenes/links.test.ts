import { locationService, setDataSourceSrv } from '@grafana/runtime';
import { exploreLink, overviewLink, sloDetailLink } from './links';

describe('links between pages', () => {
  it('carry the time range and the overview filters, and nothing else', () => {
    locationService.push(
      '/a/sloburn-slo-app/slos?from=now-7d&to=now&search=karmada&state=page&sort=budget%3Aasc&var-x=1'
    );
    const detail = sloDetailLink('karmada-work-sync-availability');
    expect(detail).toBe(
      '/a/sloburn-slo-app/slos/karmada-work-sync-availability?from=now-7d&to=now&search=karmada&state=page&sort=budget:asc'
    );
    locationService.push(detail);
    expect(overviewLink()).toBe('/a/sloburn-slo-app/slos?from=now-7d&to=now&search=karmada&state=page&sort=budget:asc');
  });

  it('opens Explore with the query and range, on the data source with its own plugin type', () => {
    setDataSourceSrv({
      getInstanceSettings: (uid: string) =>
        uid === 'prom' ? { uid, type: 'grafana-azureprometheus-datasource' } : undefined,
    } as never);
    const link = exploreLink('prom', 'sum by (group) (rate(x[5m]))', 1000, 2000);
    const panes = JSON.parse(new URLSearchParams(link.split('?')[1]).get('panes')!);
    expect(panes.slo).toMatchObject({
      datasource: 'prom',
      queries: [
        {
          expr: 'sum by (group) (rate(x[5m]))',
          datasource: { type: 'grafana-azureprometheus-datasource', uid: 'prom' },
        },
      ],
      range: { from: '1000000', to: '2000000' },
    });
  });
});
