import { PLUGIN_ID } from '../settings/appSettings';

export const PLUGIN_BASE_URL = `/a/${PLUGIN_ID}`;

export const ROUTES = {
  slos: 'slos',
  calculator: 'calculator',
} as const;

export function prefixRoute(route: string): string {
  return `${PLUGIN_BASE_URL}/${route}`;
}

export function sloDetailUrl(sloId: string): string {
  return prefixRoute(`${ROUTES.slos}/${encodeURIComponent(sloId)}`);
}

/** URL keys that travel between the overview and a detail page, so "back" finds filters and time range as left. */
export const PRESERVED_URL_KEYS = ['from', 'to', 'timezone', 'refresh', 'search', 'service', 'state', 'label', 'sort'];
