import React, { useEffect, useState } from 'react';
import { type AppPluginMeta, type NavModelItem, PluginContextProvider, PluginType } from '@grafana/data';
import { config, getBackendSrv } from '@grafana/runtime';
import { Alert, LoadingPlaceholder } from '@grafana/ui';
import { useLocation, useParams } from 'react-router-dom';
import { plugin as appPlugin } from '../../../src/module';
import pluginJson from '../../../src/plugin.json';
import type { AppJsonData } from '../../../src/settings/appSettings';
import { HostPluginPage } from './HostPluginPage';
import { PLUGINS_ROUTE } from './pluginRoutes';

type Loaded =
  { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; meta: AppPluginMeta<AppJsonData> };

/**
 * The app's configuration page as Grafana's plugin details page renders it (PluginDetailsBody): the
 * plugin's meta from the backend's plugin settings call (`/api/plugins/<id>/settings`, answered by the
 * host's backend service with the demo settings), set on the app plugin as Grafana's plugin loader sets
 * it, then the config page's body with `plugin` and the URL's query, inside a PluginContextProvider.
 * Grafana shows config pages only to users who may write plugin settings (org admins), so this page signs
 * the host's user in as one.
 */
export function PluginConfigPage() {
  const { pluginId = '' } = useParams();
  const { search } = useLocation();
  const known = pluginId === pluginJson.id;
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  signInAsOrgAdmin();

  useEffect(() => {
    if (!known) {
      return;
    }
    getBackendSrv()
      .get<Partial<AppPluginMeta<AppJsonData>>>(`/api/plugins/${pluginId}/settings`)
      .then(
        (settings) => {
          const meta = { ...staticMeta(), ...settings } as AppPluginMeta<AppJsonData>;
          appPlugin.init(meta);
          appPlugin.meta = meta;
          setLoaded({ kind: 'ready', meta });
        },
        (error: unknown) => setLoaded({ kind: 'failed', message: JSON.stringify(error) })
      );
  }, [known, pluginId]);

  if (!known) {
    return (
      <p>
        The test host has one app plugin, {pluginJson.id}, not {pluginId}.
      </p>
    );
  }

  const query = Object.fromEntries(new URLSearchParams(search));
  const pages = appPlugin.configPages ?? [];
  const page = pages.find((candidate) => candidate.id === (query.page ?? pages[0]?.id));
  const pageNav: NavModelItem = {
    text: pluginJson.name,
    subTitle: pluginJson.info.description,
    children: pages.map((candidate) => ({
      text: candidate.title,
      icon: candidate.icon,
      url: `${PLUGINS_ROUTE}/${pluginJson.id}?page=${candidate.id}`,
      active: candidate === page,
    })),
  };
  return (
    <HostPluginPage pageNav={pageNav}>
      {loaded.kind === 'loading' && <LoadingPlaceholder text="Loading plugin…" />}
      {loaded.kind === 'failed' && <Alert title="The plugin could not be loaded">{loaded.message}</Alert>}
      {loaded.kind === 'ready' &&
        (page ? (
          <PluginContextProvider meta={loaded.meta}>
            <page.body plugin={appPlugin} query={query} />
          </PluginContextProvider>
        ) : (
          <p>Page not found.</p>
        ))}
    </HostPluginPage>
  );
}

/** Idempotent: the boot data's user becomes an org admin (the page load is this route's alone). */
function signInAsOrgAdmin(): void {
  if (config.bootData.user.orgRole !== 'Admin') {
    config.bootData.user = { ...config.bootData.user, orgRole: 'Admin' } as typeof config.bootData.user;
  }
}

/** What Grafana's plugin settings answer holds besides the settings themselves: plugin.json's fields. */
function staticMeta(): Partial<AppPluginMeta<AppJsonData>> {
  return {
    id: pluginJson.id,
    name: pluginJson.name,
    type: PluginType.app,
    info: { ...pluginJson.info, logos: { small: '', large: '' }, links: [], screenshots: [] },
    module: `public/plugins/${pluginJson.id}/module.js`,
    baseUrl: `public/plugins/${pluginJson.id}`,
  } as unknown as Partial<AppPluginMeta<AppJsonData>>;
}
