import { JSDOM } from 'jsdom';

/**
 * Test support: lets an integration test, which runs in Node (it needs Node's fetch), load
 * `@grafana/data` to build and read Grafana's data frames. Loading it touches the browser's globals
 * (`window`, `document`: its local-storage wrapper and a CSS-in-JS helper set themselves up), so a blank
 * jsdom page provides them; nothing of it is used. Import this module before anything that loads
 * `@grafana/data`.
 */
const scope = globalThis as Record<string, unknown>;
if (scope.window === undefined) {
  const { window } = new JSDOM('<!doctype html><html><head></head><body></body></html>');
  scope.window = window;
  scope.document = window.document;
}
export {};
