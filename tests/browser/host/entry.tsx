// First: the boot data that @grafana/runtime's config reads when it is evaluated.
import './boot';
import React from 'react';
import { createRoot } from 'react-dom/client';
import { HostRoot } from './HostRoot';
import { installGrafanaRuntime } from './runtime';

/**
 * The browser-test host: SLO Burn's app pages and panels in a page of their own, with just enough
 * of Grafana's frontend runtime around them (tests/browser/README.md says what and why). Test-only:
 * bundled by tests/browser/host/build.ts into artifacts/browser-host/, never part of dist/.
 */
const datasource = installGrafanaRuntime();
(window as unknown as { __sloburnHost: unknown }).__sloburnHost = { queries: datasource.executed };
createRoot(document.getElementById('root')!).render(<HostRoot />);
