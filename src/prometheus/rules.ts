import { stringify } from 'yaml';
import {
  type AlertWindow,
  type SloSpec,
  alertGuardOf,
  alertThresholdRatio,
  alertWindowLengths,
  alertingPeriodSeconds,
  errorBudget,
  formatDuration,
  resolveAlertWindows,
  roundSignificant,
} from '../domain';
import { alertGuardExpr } from './alertGuard';
import { escapeGoTemplate } from './goTemplate';
import { escapeLabelValue } from './promql';
import { SPEC_HASH_LABEL, recordedSpecHash } from './recorded/specHash';
import { sliErrorRatioExpr } from './sliQueries';

export interface RecordingRule {
  record: string;
  expr: string;
  labels: Record<string, string>;
}

export interface AlertingRule {
  alert: string;
  expr: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface RuleGroup {
  name: string;
  rules: Array<RecordingRule | AlertingRule>;
}

/** Sloth's record name for the error ratio over a window, so Sloth dashboards and our discovery read it. */
export function errorRatioRecord(window: string): string {
  return `slo:sli_error:ratio_rate${window}`;
}

export function sloIdentityLabels(spec: SloSpec): Record<string, string> {
  return { sloth_id: spec.id, sloth_service: spec.service, sloth_slo: spec.id };
}

/**
 * Prometheus rules for one SLO: Sloth-compatible recordings of every alert window's error ratio,
 * Sloth's metadata series, and one alert per window pair (labels severity, long, short) that fires
 * exactly when the engine says the pair fires: both ratios strictly above factor × budget, and with a
 * low-traffic guard (`alerting.minEvents`) the long window holding at least that many events.
 */
export function sloRuleGroups(spec: SloSpec): RuleGroup[] {
  const identity = sloIdentityLabels(spec);
  const periodSeconds = alertingPeriodSeconds(spec.period);
  const windows = resolveAlertWindows(spec, periodSeconds);
  const periodWindow = formatDuration(periodSeconds);
  const windowNames = [...alertWindowLengths(windows).map(formatDuration), periodWindow].filter(
    (window, index, all) => all.indexOf(window) === index
  );
  const recordings: RecordingRule[] = windowNames.map((window) => ({
    record: errorRatioRecord(window),
    expr: sliErrorRatioExpr(spec.sli, window),
    labels: { ...identity, sloth_window: window },
  }));
  const budget = errorBudget(spec.objective);
  const selector = `{${Object.entries(identity)
    .map(([name, value]) => `${name}="${escapeLabelValue(value)}"`)
    .join(', ')}}`;
  const meta: RecordingRule[] = [
    { record: 'slo:objective:ratio', expr: `vector(${roundSignificant(spec.objective / 100)})`, labels: identity },
    { record: 'slo:error_budget:ratio', expr: `vector(${budget})`, labels: identity },
    { record: 'slo:time_period:days', expr: `vector(${periodSeconds / 86400})`, labels: identity },
    {
      record: 'slo:current_burn_rate:ratio',
      expr: `${errorRatioRecord('5m')}${selector} / on(sloth_id, sloth_service, sloth_slo) group_left slo:error_budget:ratio${selector}`,
      labels: identity,
    },
    {
      record: 'slo:period_burn_rate:ratio',
      expr: `${errorRatioRecord(periodWindow)}${selector} / on(sloth_id, sloth_service, sloth_slo) group_left slo:error_budget:ratio${selector}`,
      labels: identity,
    },
    {
      record: 'slo:period_error_budget_remaining:ratio',
      expr: `1 - slo:period_burn_rate:ratio${selector}`,
      labels: identity,
    },
    {
      record: 'sloth_slo_info',
      expr: 'vector(1)',
      labels: {
        ...identity,
        sloth_mode: 'cli-gen-prom',
        sloth_objective: String(spec.objective),
        sloth_spec: 'sloburn/v1',
        sloth_version: 'sloburn',
        // What the recordings were written for: the overview reads them only for an SLO whose hash matches.
        [SPEC_HASH_LABEL]: recordedSpecHash(spec),
      },
    },
  ];
  const alerts = windows.map((window) => alertRule(spec, window, budget, selector));
  return [
    { name: `sloth-slo-sli-recordings-${spec.id}`, rules: recordings },
    { name: `sloth-slo-meta-recordings-${spec.id}`, rules: meta },
    { name: `sloburn-slo-alerts-${spec.id}`, rules: alerts },
  ];
}

function alertRule(spec: SloSpec, window: AlertWindow, budget: number, selector: string): AlertingRule {
  const long = formatDuration(window.longSeconds);
  const short = formatDuration(window.shortSeconds);
  const threshold = alertThresholdRatio(window, budget);
  const guard = alertGuardExpr(spec, window);
  return {
    alert: alertName(spec),
    // The two recordings differ only in sloth_window, which `and` must ignore to match them; the guard's
    // count has no labels at all, so `on()` matches it to whatever the ratios carry.
    expr:
      `(${errorRatioRecord(long)}${selector} > ${threshold})\nand ignoring (sloth_window)\n(${errorRatioRecord(short)}${selector} > ${threshold})` +
      (guard === null ? '' : `\nand on ()\n${guard}`),
    labels: literalInTemplates({
      severity: window.severity,
      long,
      short,
      sloth_id: spec.id,
      sloth_service: spec.service,
      sloth_slo: spec.id,
    }),
    annotations: literalInTemplates(alertAnnotations(spec, window)),
  };
}

/** The annotations of a window pair's alert as Prometheus shows them once it fires. */
export function alertAnnotations(spec: SloSpec, window: AlertWindow): Record<string, string> {
  const long = formatDuration(window.longSeconds);
  const short = formatDuration(window.shortSeconds);
  const { minEvents } = alertGuardOf(spec);
  const guarded =
    minEvents !== undefined && minEvents > 0
      ? ` It fires only when the last ${long} holds at least ${minEvents} ${spec.budgetingMethod === 'timeslices' ? 'time slices with events' : 'events'} (the low-traffic guard).`
      : '';
  return {
    summary: `${spec.name}: error budget burning ${window.factor}× too fast over ${long} and ${short}`,
    description: `The ${spec.service} SLO ${spec.id} (${spec.objective}%) has burned its error budget above ${window.factor}× over both the last ${long} and ${short}: at this rate ${window.budgetPercent}% of the period's budget goes every ${long}.${guarded}`,
    ...(spec.runbookUrl ? { runbook_url: spec.runbookUrl } : {}),
  };
}

/** Prometheus expands alert label values and annotations as Go templates; spec text must stay text. */
function literalInTemplates(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, escapeGoTemplate(value)]));
}

/** `checkout-availability` → `CheckoutAvailabilityErrorBudgetBurn`, one name per SLO as in kubernetes-mixin. */
export function alertName(spec: SloSpec): string {
  const words = spec.id.split('-').filter((word) => word !== '');
  return `${words.map((word) => word[0].toUpperCase() + word.slice(1)).join('')}ErrorBudgetBurn`;
}

/**
 * The alert expression with its recordings inlined, evaluable on raw data at any past time: what the
 * deployed rule computes, used to check the engine against Prometheus.
 */
export function inlineAlertExpr(spec: SloSpec, window: AlertWindow): string {
  const threshold = alertThresholdRatio(window, errorBudget(spec.objective));
  const ratio = (seconds: number) => sliErrorRatioExpr(spec.sli, formatDuration(seconds));
  const guard = alertGuardExpr(spec, window);
  const pair = `((${ratio(window.longSeconds)}) > ${threshold}) and ((${ratio(window.shortSeconds)}) > ${threshold})`;
  return guard === null ? pair : `(${pair}) and on () (${guard})`;
}

export function rulesYaml(specs: readonly SloSpec[]): string {
  const groups = specs.flatMap(sloRuleGroups);
  return stringify({ groups }, { lineWidth: 0 });
}
