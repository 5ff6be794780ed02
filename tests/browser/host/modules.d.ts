/** Module shapes the host's bundler (tests/browser/host/build.ts) provides. */

/** YAML files are bundled as their text. */
declare module '*.yaml' {
  const text: string;
  export default text;
}

/**
 * @grafana/runtime's own PluginPage module, which Grafana sets up at start-up with `setPluginPage`;
 * the package does not export that setter, so the bundler resolves this name to the module's file.
 */
declare module 'sloburn-host:grafana-runtime-plugin-page' {
  import type { PluginPageType } from '@grafana/runtime';
  export function setPluginPage(component: PluginPageType): void;
}
