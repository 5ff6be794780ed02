import { urlUtil } from '@grafana/data';
import { locationService } from '@grafana/runtime';
import { datasourceRef } from './data/datasourceRef';
import { PRESERVED_URL_KEYS, prefixRoute, sloDetailUrl } from './routes';

/** A link that carries the time range and overview filters along, so the way back restores them. */
export function withPreservedState(path: string): string {
  const search = locationService.getSearchObject();
  const kept = Object.fromEntries(Object.entries(search).filter(([key]) => PRESERVED_URL_KEYS.includes(key)));
  return urlUtil.renderUrl(path, kept);
}

export function sloDetailLink(sloId: string): string {
  return withPreservedState(sloDetailUrl(sloId));
}

export function overviewLink(): string {
  return withPreservedState(prefixRoute('slos'));
}

/** Explore with one PromQL query over a time range, in Grafana's `panes` URL schema. */
export function exploreLink(datasourceUid: string, expr: string, from: number, to: number): string {
  const pane = {
    datasource: datasourceUid,
    queries: [{ refId: 'A', expr, datasource: datasourceRef(datasourceUid), editorMode: 'code', range: true }],
    range: { from: String(from * 1000), to: String(to * 1000) },
  };
  return urlUtil.renderUrl('/explore', { schemaVersion: 1, panes: JSON.stringify({ slo: pane }) });
}
