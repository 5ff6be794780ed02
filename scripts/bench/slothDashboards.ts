/**
 * The requests Grafana sends for Sloth's two dashboards over Sloth's recording rules, written out from
 * reading the dashboards (grafana.com 14348 "SLO / Detail", revision for Grafana 8.3, and 14643 "High
 * level Sloth SLOs"); their JSON is not part of this repository. Each query names the panel it stands
 * for. Template variables take their defaults: `sli_window` = 5m, `min_burning_rate` = 1; `service` and
 * `slo` select one SLO.
 *
 * How Grafana turns a panel into a request, as far as cost goes: panels without "instant" send a range
 * query over the dashboard's time range (or the panel's own, `timeFrom`), at a step of
 * max(panel min interval, 15 s, roundInterval(range / maxDataPoints)), where maxDataPoints is the panel's
 * width in pixels (here: a 1,800 px wide dashboard, 75 px per grid column); start and end are aligned
 * down to the step. `label_values(metric, label)` variables become /api/v1/label/<label>/values requests.
 */
import { utcMonthStart } from '../demo/sloth-rules';
import type { BenchQuery } from './queries';

export interface SlothTarget {
  /** `sloth_service` */
  service: string;
  /** `sloth_slo` */
  slo: string;
}

const DASHBOARD_WIDTH_PX = 1800;
const GRID_COLUMNS = 24;
/** The Prometheus data source's default minimum step ("scrape interval"). */
const DATASOURCE_MIN_STEP = 15;

/** Grafana's rounding of an automatic interval (rangeutil.roundInterval), in seconds, from 1 s up. */
const ROUNDED_INTERVALS: Array<[below: number, interval: number]> = [
  [1.5, 1],
  [3.5, 2],
  [7.5, 5],
  [12.5, 10],
  [17.5, 15],
  [25, 20],
  [45, 30],
  [90, 60],
  [210, 120],
  [450, 300],
  [750, 600],
  [1050, 900],
  [1500, 1200],
  [2700, 1800],
  [5400, 3600],
  [9000, 7200],
  [16200, 10800],
  [32400, 21600],
  [86400, 43200],
  [604800, 86400],
];

export function roundGrafanaInterval(seconds: number): number {
  return ROUNDED_INTERVALS.find(([below]) => seconds < below)?.[1] ?? 604800;
}

/** The step of a range query from a panel `widthColumns` wide (of 24) over `rangeSeconds`. */
export function grafanaStep(rangeSeconds: number, widthColumns: number, minIntervalSeconds = 0): number {
  const maxDataPoints = Math.round((widthColumns / GRID_COLUMNS) * DASHBOARD_WIDTH_PX);
  return Math.max(minIntervalSeconds, DATASOURCE_MIN_STEP, roundGrafanaInterval(rangeSeconds / maxDataPoints));
}

function range(label: string, expr: string, from: number, to: number, step: number): BenchQuery {
  return {
    kind: 'range',
    label,
    expr,
    start: Math.floor(from / step) * step,
    end: Math.floor(to / step) * step,
    step,
  };
}

function instant(label: string, expr: string, time: number): BenchQuery {
  return { kind: 'instant', label, expr, time };
}

/**
 * "SLO / Detail" (14348) showing one SLO over [now − rangeSeconds, now]: its two variable queries, the
 * "General" row (all SLOs) and the repeated row of the selected SLO.
 */
export function slothDetailQueries(target: SlothTarget, now: number, rangeSeconds: number): BenchQuery[] {
  const from = now - rangeSeconds;
  const selector = `{sloth_service="${target.service}", sloth_slo="${target.slo}"}`;
  const tightSelector = `{sloth_service="${target.service}",sloth_slo="${target.slo}"}`;
  // `${__to:date:M}`: the month of the range's end, in the browser's time zone (UTC here).
  const month = new Date(now * 1000).getUTCMonth() + 1;
  // The month chart's time override ("now/M", shifted by "0M/M") is the whole month, to its last millisecond.
  const monthStart = utcMonthStart(now);
  const monthEnd = utcMonthStart(monthStart + 32 * 86400) - 0.001;
  // The month budget: hourly 1h error ratios of this month over 32 days, against a month's budget.
  const monthRemaining = [
    `1-(sum_over_time((slo:sli_error:ratio_rate1h${tightSelector} * on() group_left() (month() == bool vector(${month})))[32d:1h])`,
    `/ on(sloth_id) (slo:error_budget:ratio${tightSelector} *on() group_left() (24 * days_in_month())))`,
  ].join(' ');
  const idealConsumption = `1 - sum_over_time(((1 / (days_in_month() * 24)) * (month() == bool vector(${month})))[32d:1h])`;
  return [
    // Variables: service = label_values(slo:objective:ratio, sloth_service); slo = label_values(…{service}, sloth_slo).
    {
      kind: 'labelValues',
      label: 'variable service',
      name: 'sloth_service',
      match: 'slo:objective:ratio',
      start: from,
      end: now,
    },
    {
      kind: 'labelValues',
      label: 'variable slo',
      name: 'sloth_slo',
      match: `slo:objective:ratio{sloth_service="${target.service}"}`,
      start: from,
      end: now,
    },
    // Row "General", table "Exceeded burning rate SLOs" (instant, every SLO).
    instant('General: exceeded burning rate (table)', 'slo:current_burn_rate:ratio > 1', now),
    // Row "General", time series "All burning rate (Filtered >1x)", 16 columns.
    range('General: all burning rate', 'slo:current_burn_rate:ratio > 1', from, now, grafanaStep(rangeSeconds, 16)),
    // Stat (no title) showing the SLO's name from its objective series.
    instant('stat: objective (name)', `slo:objective:ratio${selector}`, now),
    // Time series "SLI", 17 columns: A the SLI over sli_window, B the objective.
    range(
      'SLI: A',
      `1 - (max(slo:sli_error:ratio_rate5m${selector}) OR on() vector(0))`,
      from,
      now,
      grafanaStep(rangeSeconds, 17)
    ),
    range('SLI: B objective', `slo:objective:ratio${selector}`, from, now, grafanaStep(rangeSeconds, 17)),
    // Stat "Objective {{sloth_objective}}%".
    instant('stat: objective (info)', `sloth_slo_info${selector}`, now),
    // Stat "Current burning budget %".
    instant('stat: current burning budget', `slo:current_burn_rate:ratio${selector} or on() vector(0)`, now),
    // Stat "Remaining error budget (month)" (instant, min interval 1h).
    instant('stat: remaining budget (month)', monthRemaining, now),
    // Stat "Remaining error budget (30d window)".
    instant(
      'stat: remaining budget (30d)',
      `slo:period_error_budget_remaining:ratio${selector} or on() vector(1)`,
      now
    ),
    // Time series "Month error budget burn chart", 8 columns, the whole month, min interval 1h on A.
    range('month burn chart: A', monthRemaining, monthStart, monthEnd, grafanaStep(monthEnd - monthStart, 8, 3600)),
    range('month burn chart: B ideal', idealConsumption, monthStart, monthEnd, grafanaStep(monthEnd - monthStart, 8)),
    // Heatmap "Burn rate (speed) magnitude", 9 columns.
    range('burn rate heatmap', `slo:current_burn_rate:ratio${selector} > 0`, from, now, grafanaStep(rangeSeconds, 9)),
    // Stats "Warning alert" and "Critical alert".
    instant(
      'stat: warning alert',
      `max(ALERTS{sloth_service="${target.service}", sloth_slo="${target.slo}", sloth_severity="ticket"}) OR on() vector(0)`,
      now
    ),
    instant(
      'stat: critical alert',
      `max(ALERTS{sloth_service="${target.service}", sloth_slo="${target.slo}", sloth_severity="page"}) or on() vector(0)`,
      now
    ),
  ];
}

/** "High level Sloth SLOs" (14643) over [now − rangeSeconds, now]: every SLO at once. */
export function slothOverviewQueries(now: number, rangeSeconds: number): BenchQuery[] {
  const from = now - rangeSeconds;
  const stat = (label: string, expr: string, columns: number) =>
    range(label, expr, from, now, grafanaStep(rangeSeconds, columns));
  return [
    // Row "Stats": five stat panels without "instant", so range queries reduced to their last value.
    stat('stat: SLOs', 'count(sloth_slo_info)', 4),
    stat('stat: services', 'count(max(sloth_slo_info) by (sloth_service))', 4),
    stat('stat: avg burn rate', 'avg(slo:current_burn_rate:ratio)', 6),
    stat('stat: warning alerts', 'max(ALERTS{sloth_id!="",sloth_severity="ticket"}) OR on() vector(0)', 5),
    stat('stat: critical alerts', 'max(ALERTS{sloth_id!="",sloth_severity="page"}) OR on() vector(0)', 5),
    // Row "General": time series "All burning rate (Filtered >1x)", 15 columns.
    range('all burning rate', 'slo:current_burn_rate:ratio > 1', from, now, grafanaStep(rangeSeconds, 15)),
    // Table "Current exceeded burning rate SLOs" (instant).
    instant('exceeded burning rate (table)', 'slo:current_burn_rate:ratio > 1', now),
    // State timeline "SLOs burn rate state timeline", 15 columns.
    range('burn rate state timeline', 'slo:current_burn_rate:ratio', from, now, grafanaStep(rangeSeconds, 15)),
    // Bar gauge "Budget remaining 30 day window" (instant).
    instant('budget remaining 30d (bar gauge)', 'slo:period_error_budget_remaining:ratio', now),
  ];
}

/** One instant query per recording rule: what Prometheus reads each time it evaluates the rule. */
export function recordingRuleQueries(
  rules: ReadonlyArray<{ record: string; expr: string }>,
  now: number
): BenchQuery[] {
  return rules.map((rule) => instant(`rule ${rule.record}`, rule.expr, now));
}
