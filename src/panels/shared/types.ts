/** Options both panels share: where the events come from and how to read them. */

/** The panel's own queries, or an SLO defined in the SLO Burn app. */
export type EventSource = 'queries' | 'slo';

/** Event counts per interval (`increase(...[$__interval])`) or per-second rates (`rate(...)`). */
export type ValueKind = 'counts' | 'rates';

export interface EventQueryOptions {
  source: EventSource;
  /** RefId of the bad-events query; empty: a query named `bad`, or series labelled `<seriesLabel>="bad"`. */
  badQuery: string;
  /** RefId of the total-events query; empty: a query named `total`, or series labelled `<seriesLabel>="total"`. */
  totalQuery: string;
  /** Label that tells bad from total series when one query returns both. */
  seriesLabel: string;
  values: ValueKind;
  /** SLO id in the app's settings; dashboard variables such as `$slo` are interpolated. */
  sloId: string;
  /** Overrides the SLO's data source: a name or uid, or `$datasource`; empty: the SLO's own, then the app's default. */
  datasource: string;
}

export const DEFAULT_EVENT_QUERY_OPTIONS: EventQueryOptions = {
  source: 'queries',
  badQuery: '',
  totalQuery: '',
  seriesLabel: 'type',
  values: 'counts',
  sloId: '',
  datasource: '',
};

/** What a panel shows instead of its visualization. */
export interface PanelNotice {
  severity: 'info' | 'warning' | 'error';
  title: string;
  message: string;
}
