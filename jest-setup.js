// Jest setup provided by Grafana scaffolding
import './.config/jest-setup';

// Scenes and @grafana/ui touch these at import time; jsdom has neither.
class NoopObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
  takeRecords() {
    return [];
  }
}

if (!global.IntersectionObserver) {
  global.IntersectionObserver = NoopObserver;
}
if (!global.ResizeObserver) {
  global.ResizeObserver = NoopObserver;
}
