import React from 'react';
import { render, screen, within } from '@testing-library/react';
import { type DataSourceInstanceSettings, OrgRole } from '@grafana/data';
import {
  type BackendSrv,
  type DataSourceSrv,
  config,
  locationService,
  setBackendSrv,
  setDataSourceSrv,
} from '@grafana/runtime';
import { of } from 'rxjs';
import type { AppJsonData } from '../../settings/appSettings';
import AppConfig, { type AppConfigProps } from './AppConfig';

export const EVENTS_SLI = {
  events: {
    errorQuery: 'sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))',
    totalQuery: 'sum(rate(http_requests_total[{{.window}}]))',
  },
};

export function slo(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, name: `SLO ${id}`, service: 'checkout', objective: 99.9, sli: EVENTS_SLI, ...overrides };
}

function dataSource(uid: string, name: string, type = 'prometheus'): DataSourceInstanceSettings {
  return {
    uid,
    name,
    type,
    meta: { id: type, name, info: { logos: {} }, metrics: true },
    jsonData: {},
  } as unknown as DataSourceInstanceSettings;
}

const DATA_SOURCES = [
  dataSource('prom-1', 'Prometheus one'),
  dataSource('prom-2', 'Prometheus two'),
  dataSource('amp', 'Amazon Managed Prometheus', 'grafana-amazonprometheus-datasource'),
  dataSource('azure', 'Azure Monitor managed Prometheus', 'grafana-azureprometheus-datasource'),
  dataSource('loki', 'Loki', 'loki'),
];

/** Grafana's DataSourceSrv.getList filters, as far as the pickers use them: type, filter, metrics. */
interface ListFilters {
  type?: string | string[];
  filter?: (datasource: DataSourceInstanceSettings) => boolean;
  metrics?: boolean;
}

function listDataSources(filters: ListFilters = {}): DataSourceInstanceSettings[] {
  return DATA_SOURCES.filter((datasource) => {
    const types = filters.type === undefined ? null : ([] as string[]).concat(filters.type);
    return (
      (types === null || types.includes(datasource.type)) &&
      (!filters.filter || filters.filter(datasource)) &&
      (!filters.metrics || datasource.meta.metrics)
    );
  });
}

type Role = 'Admin' | 'Editor' | 'Viewer';

/**
 * Grafana's runtime services, faked at their boundary: data sources, the backend and the signed-in user.
 * `datasource` answers queries for every Prometheus of the list (`get` is called with the uid asked).
 */
export function setUpGrafana({
  role = 'Admin',
  isGrafanaAdmin = false,
  datasource,
}: { role?: Role; isGrafanaAdmin?: boolean; datasource?: unknown } = {}) {
  const find = (ref: unknown) =>
    DATA_SOURCES.find((ds) => ds.uid === ref || ds.name === ref || ds.uid === (ref as { uid?: string } | null)?.uid);
  const get = jest.fn(async (ref: unknown) => {
    if (!datasource || !find(ref)) {
      throw new Error(`Datasource ${String(ref)} was not found`);
    }
    return datasource;
  });
  setDataSourceSrv({
    getList: (filters?: ListFilters) => listDataSources(filters),
    // Like Grafana's, it accepts a uid, a name (the picker's option values) or a reference.
    getInstanceSettings: find,
    get,
    reload: async () => {},
    registerRuntimeDataSource: () => {},
  } as unknown as DataSourceSrv);
  const fetch = jest.fn((_options: unknown) => of({ data: { message: 'Plugin settings updated' }, status: 200 }));
  setBackendSrv({ fetch } as unknown as BackendSrv);
  config.bootData.user = { ...config.bootData.user, orgRole: OrgRole[role], isGrafanaAdmin };
  const reload = jest.spyOn(locationService, 'reload').mockImplementation(() => {});
  return { fetch, reload, get };
}

export function renderConfig(jsonData: AppJsonData, meta: { enabled?: boolean; pinned?: boolean } = {}) {
  const plugin = {
    meta: { id: 'sloburn-slo-app', enabled: meta.enabled ?? true, pinned: meta.pinned ?? false, jsonData },
  } as unknown as AppConfigProps['plugin'];
  return render(<AppConfig plugin={plugin} query={{}} />);
}

/*
 * Lookups by label and text rather than by role: role queries walk the whole styled page to judge
 * visibility, which makes these tests many times slower.
 */

export function buttonNamed(name: string): HTMLButtonElement {
  const label = screen.queryByLabelText(name, { selector: 'button' });
  if (label) {
    return label as HTMLButtonElement;
  }
  const button = screen.getByText(name, { selector: 'button, button > span' }).closest('button');
  if (!button) {
    throw new Error(`no button ${name}`);
  }
  return button;
}

export async function findDialog(title: string): Promise<HTMLElement> {
  const heading = await screen.findByText(title, { selector: '[role="dialog"] *' });
  return heading.closest('[role="dialog"]') as HTMLElement;
}

export function buttonIn(container: HTMLElement, name: string): HTMLButtonElement {
  const button = within(container).getByText(name, { selector: 'button, button > span' }).closest('button');
  if (!button) {
    throw new Error(`no button ${name}`);
  }
  return button;
}

export function sloRow(id: string): HTMLElement {
  return screen.getByLabelText(`SLO ${id}`, { selector: 'tr' });
}

export function postedData(fetch: jest.Mock): { enabled: boolean; pinned: boolean; jsonData: Record<string, unknown> } {
  return (fetch.mock.calls[0][0] as { data: ReturnType<typeof postedData> }).data;
}
