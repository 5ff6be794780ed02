import React, { useMemo, useSyncExternalStore } from 'react';
import { type AppPluginMeta, PluginType } from '@grafana/data';
import { LocationServiceProvider, config, locationService } from '@grafana/runtime';
import { GlobalStyles, PortalContainer, ThemeContext } from '@grafana/ui';
import { Route, Router, Routes } from 'react-router-dom';
import { plugin as appPlugin } from '../../../src/module';
import pluginJson from '../../../src/plugin.json';
import type { AppJsonData } from '../../../src/settings/appSettings';
import { PanelPage } from './PanelPage';
import { PluginConfigPage } from './PluginConfigPage';
import { PLUGINS_ROUTE } from './pluginRoutes';
import { appJsonData } from './appSettings';
import { APP_ROUTE, PANELS_ROUTE } from './constants';

/**
 * The page: Grafana's theme (from the boot data's user, i.e. `?theme=`) with its global styles and
 * portal container, Grafana's location service (provided to hooks, and driving the router (as Grafana's own app shell does, so
 * `locationService.push` and links navigate), the app's root page under `/a/<plugin id>`, and the
 * panel pages under `/panels`.
 */
export function HostRoot() {
  return (
    <ThemeContext.Provider value={config.theme2}>
      <GlobalStyles />
      <LocationServiceProvider service={locationService}>
        <LocationServiceRouter>
          <Routes>
            <Route path={`${APP_ROUTE}/*`} element={<AppRootPage />} />
            <Route path={`${PANELS_ROUTE}/:page`} element={<PanelPage />} />
            <Route path={`${PLUGINS_ROUTE}/:pluginId`} element={<PluginConfigPage />} />
            <Route
              path="*"
              element={
                <p>
                  The test host serves {APP_ROUTE}/… and {PANELS_ROUTE}/….
                </p>
              }
            />
          </Routes>
        </LocationServiceRouter>
      </LocationServiceProvider>
      <PortalContainer />
    </ThemeContext.Provider>
  );
}

/** Subscribed from the first render (not in an effect), so that a redirect while mounting is not missed. */
function LocationServiceRouter({ children }: { children: React.ReactNode }) {
  const history = locationService.getHistory();
  const location = useSyncExternalStore(history.listen, () => history.location);
  return (
    <Router location={location} navigator={history}>
      {children}
    </Router>
  );
}

/** The app plugin's root page (src/module.tsx), with the props Grafana's AppRootPage gives it. */
function AppRootPage() {
  const meta = useMemo(
    (): AppPluginMeta<AppJsonData> =>
      ({
        id: pluginJson.id,
        name: pluginJson.name,
        type: PluginType.app,
        enabled: true,
        pinned: true,
        jsonData: appJsonData(),
        info: { ...pluginJson.info, logos: { small: '', large: '' }, links: [], screenshots: [] },
        module: `public/plugins/${pluginJson.id}/module.js`,
        baseUrl: `public/plugins/${pluginJson.id}`,
      }) as unknown as AppPluginMeta<AppJsonData>,
    []
  );
  const Root = appPlugin.root!;
  return (
    <Root
      meta={meta}
      basename={APP_ROUTE}
      path={locationService.getLocation().pathname}
      query={locationService.getSearchObject()}
      onNavChanged={() => {}}
    />
  );
}
