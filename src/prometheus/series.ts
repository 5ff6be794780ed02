/** The one internal form both adapters (Prometheus HTTP API, Grafana data frames) produce. */
export interface SampleSeries {
  labels: Record<string, string>;
  /** Unix seconds, ascending. */
  times: number[];
  values: number[];
}

export interface QueryResult {
  refId: string;
  series: SampleSeries[];
  /** Set when Prometheus (or the data source) answered with an error for this query. */
  error?: string;
  /**
   * Prometheus's `warnings` and `infos` on this answer (Grafana: the frames' `meta.notices`): they do not
   * fail the query, and reach the SLO's notes.
   */
  warnings?: string[];
}

/** A stable key for a label set, independent of label order. */
export function labelKey(labels: Record<string, string>): string {
  return Object.keys(labels)
    .sort()
    .map((name) => `${name}=${JSON.stringify(labels[name])}`)
    .join(',');
}
