import { type SloSpec, alertWindowLengths, alertingPeriodSeconds, resolveAlertWindows } from '../../domain';
import { stepFor } from '../../prometheus/plan';

export interface SloQueryGroup {
  key: string;
  datasourceUid: string;
  specs: SloSpec[];
}

/**
 * SLOs whose plans always cover the same time range at the same step (same data source, period,
 * step and longest window) share one query runner, so an overview of many SLOs sends a few data
 * source requests rather than one per SLO.
 */
export function groupSlosForQuerying(specs: readonly SloSpec[], defaultDatasourceUid: string): SloQueryGroup[] {
  const groups = new Map<string, SloQueryGroup>();
  for (const spec of specs) {
    const datasourceUid = spec.datasourceUid ?? defaultDatasourceUid;
    const longestWindow = Math.max(
      ...alertWindowLengths(resolveAlertWindows(spec, alertingPeriodSeconds(spec.period)))
    );
    const key = [datasourceUid, JSON.stringify(spec.period), stepFor(spec), longestWindow].join('|');
    const group = groups.get(key) ?? { key, datasourceUid, specs: [] };
    group.specs.push(spec);
    groups.set(key, group);
  }
  return [...groups.values()];
}

const SEPARATOR = '/';

/** Query refIds carry the SLO id, as one request holds the queries of several SLOs. */
export function sloRefId(sloId: string, refId: string): string {
  return `${sloId}${SEPARATOR}${refId}`;
}

export function splitSloRefId(refId: string): { sloId: string; refId: string } | null {
  const index = refId.indexOf(SEPARATOR);
  return index < 0 ? null : { sloId: refId.slice(0, index), refId: refId.slice(index + 1) };
}
