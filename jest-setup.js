// Jest setup provided by Grafana scaffolding; it needs a DOM, which node-environment tests
// (command-line tool, Prometheus client) do not have.
if (typeof window !== 'undefined') {
  require('./.config/jest-setup');

  // Scenes and @grafana/ui touch these at import time; jsdom has neither.
  class NoopObserver {
    observe() {}
    unobserve() {}
    disconnect() {}
    takeRecords() {
      return [];
    }
  }
  // The scaffold's getContext returns undefined; uPlot and @grafana/ui draw and measure text on a 2D
  // context. jest-canvas-mock provides one (and Path2D) that records calls and draws nothing.
  require('jest-canvas-mock');
  if (!window.IntersectionObserver) {
    window.IntersectionObserver = NoopObserver;
  }
  if (!window.ResizeObserver) {
    window.ResizeObserver = NoopObserver;
  }
}
