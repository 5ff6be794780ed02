import React, { useMemo } from 'react';
import type { AppRootProps } from '@grafana/data';
import { SceneApp, useSceneApp } from '@grafana/scenes';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { type SloCatalog } from '../scenes/SloCatalog';
import { calculatorPage } from '../scenes/calculator/calculatorPage';
import { overviewPage } from '../scenes/overview/overviewPage';
import { ROUTES, prefixRoute } from '../scenes/routes';
import { type AppJsonData, specsFromSettings } from '../settings/appSettings';
import { useSlothDiscovery } from './useSlothDiscovery';

function buildApp(catalog: SloCatalog): () => SceneApp {
  return () =>
    new SceneApp({
      pages: [overviewPage(catalog), calculatorPage(catalog)],
      urlSyncOptions: { updateUrlOnInit: true, createBrowserHistorySteps: true },
    });
}

export function catalogFromSettings(jsonData: AppJsonData | undefined): Omit<SloCatalog, 'discovered'> {
  const { valid, problems } = specsFromSettings(jsonData);
  return { specs: valid, problems, defaultDatasourceUid: jsonData?.defaultDatasourceUid ?? null };
}

export default function App({ meta }: AppRootProps<AppJsonData>) {
  const configured = useMemo(() => catalogFromSettings(meta.jsonData), [meta.jsonData]);
  const discovery = useSlothDiscovery(Boolean(meta.jsonData?.slothDiscovery), configured.defaultDatasourceUid);
  const catalog = useMemo(
    () => ({ ...configured, discovered: discovery.specs, problems: [...configured.problems, ...discovery.problems] }),
    [configured, discovery]
  );
  return <SloApp key={discovery.version} catalog={catalog} />;
}

function SloApp({ catalog }: { catalog: SloCatalog }) {
  // useSceneApp caches by factory identity; `key` above rebuilds the app when discovery adds SLOs.
  const factory = useMemo(() => buildApp(catalog), [catalog]);
  const scene = useSceneApp(factory);
  // Grafana mounts the app root at /a/<plugin id>/* and SceneApp renders only the routes of its pages:
  // the app's own URL, with no page, goes to the overview (with the time range and filters it carries).
  return (
    <Routes>
      <Route index element={<OverviewRedirect />} />
      <Route path="*" element={<scene.Component model={scene} />} />
    </Routes>
  );
}

function OverviewRedirect() {
  const { search } = useLocation();
  return <Navigate to={`${prefixRoute(ROUTES.slos)}${search}`} replace />;
}
