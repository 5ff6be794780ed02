import { parse } from 'yaml';
import type { SloSpec } from '../domain';
import { type AlertingRule, alertName, inlineAlertExpr, rulesYaml, sloRuleGroups } from './rules';

const spec: SloSpec = {
  id: 'checkout-availability',
  name: 'Checkout availability',
  service: 'checkout',
  objective: 99.9,
  period: { rolling: '30d' },
  budgetingMethod: 'occurrences',
  runbookUrl: 'https://runbooks.example.com/checkout',
  sli: {
    events: {
      errorQuery: 'sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))',
      totalQuery: 'sum(rate(http_requests_total[{{.window}}]))',
    },
  },
};

describe('sloRuleGroups', () => {
  const [recordings, meta, alerts] = sloRuleGroups(spec);

  it("records every alert window and the period under Sloth's names", () => {
    expect(recordings.rules.map((rule) => ('record' in rule ? rule.record : ''))).toEqual([
      'slo:sli_error:ratio_rate5m',
      'slo:sli_error:ratio_rate30m',
      'slo:sli_error:ratio_rate1h',
      'slo:sli_error:ratio_rate2h',
      'slo:sli_error:ratio_rate6h',
      'slo:sli_error:ratio_rate1d',
      'slo:sli_error:ratio_rate3d',
      'slo:sli_error:ratio_rate30d',
    ]);
    expect(recordings.rules[2]).toEqual({
      record: 'slo:sli_error:ratio_rate1h',
      expr: '(sum(rate(http_requests_total{code=~"5.."}[1h]))) / (sum(rate(http_requests_total[1h])))',
      labels: {
        sloth_id: 'checkout-availability',
        sloth_service: 'checkout',
        sloth_slo: 'checkout-availability',
        sloth_window: '1h',
      },
    });
  });

  it("writes Sloth's metadata series", () => {
    const records = meta.rules.map((rule) => ('record' in rule ? rule.record : ''));
    expect(records).toEqual(
      expect.arrayContaining([
        'slo:objective:ratio',
        'slo:error_budget:ratio',
        'sloth_slo_info',
        'slo:period_error_budget_remaining:ratio',
      ])
    );
    expect(meta.rules.find((rule) => 'record' in rule && rule.record === 'slo:objective:ratio')!.expr).toBe(
      'vector(0.999)'
    );
  });

  it('has one alert per window pair, strictly above factor × budget on both windows', () => {
    expect(alerts.rules).toHaveLength(4);
    expect(alerts.rules[0]).toEqual({
      alert: 'CheckoutAvailabilityErrorBudgetBurn',
      expr:
        '(slo:sli_error:ratio_rate1h{sloth_id="checkout-availability", sloth_service="checkout", sloth_slo="checkout-availability"} > 0.0144)\n' +
        'and ignoring (sloth_window)\n' +
        '(slo:sli_error:ratio_rate5m{sloth_id="checkout-availability", sloth_service="checkout", sloth_slo="checkout-availability"} > 0.0144)',
      labels: {
        severity: 'page',
        long: '1h',
        short: '5m',
        sloth_id: 'checkout-availability',
        sloth_service: 'checkout',
        sloth_slo: 'checkout-availability',
      },
      annotations: expect.objectContaining({ runbook_url: 'https://runbooks.example.com/checkout' }),
    });
    expect(
      alerts.rules.map((rule) => ('labels' in rule ? [rule.labels.severity, rule.labels.long, rule.labels.short] : []))
    ).toEqual([
      ['page', '1h', '5m'],
      ['page', '6h', '30m'],
      ['ticket', '1d', '2h'],
      ['ticket', '3d', '6h'],
    ]);
  });

  it('inlines the recordings for evaluation at past times', () => {
    expect(
      inlineAlertExpr(spec, {
        severity: 'ticket',
        longSeconds: 259200,
        shortSeconds: 21600,
        factor: 1,
        budgetPercent: 10,
      })
    ).toBe(
      '(((sum(rate(http_requests_total{code=~"5.."}[3d]))) / (sum(rate(http_requests_total[3d])))) > 0.001) and (((sum(rate(http_requests_total{code=~"5.."}[6h]))) / (sum(rate(http_requests_total[6h])))) > 0.001)'
    );
  });

  it('names alerts after the SLO', () => {
    expect(alertName({ ...spec, id: 'karmada-work-sync-availability' })).toBe(
      'KarmadaWorkSyncAvailabilityErrorBudgetBurn'
    );
  });
});

describe('rules built from hostile spec text', () => {
  const hostile: SloSpec = {
    ...spec,
    name: 'Checkout {{ version }} availability',
    service: 'check"out\\ {{ $labels.job }}\nline two',
    runbookUrl: 'https://runbooks.example.com/{{ 1337 }}?q="}}"',
  };
  const [recordings, meta, alerts] = sloRuleGroups(hostile);
  const alert = alerts.rules[0] as AlertingRule;

  it('escapes every {{ in alert labels and annotations, so Prometheus prints them literally', () => {
    expect(alert.labels.sloth_service).toBe('check"out\\ {{ "{{" }} $labels.job }}\nline two');
    expect(alert.annotations.summary).toBe(
      'Checkout {{ "{{" }} version }} availability: error budget burning 14.4× too fast over 1h and 5m'
    );
    expect(alert.annotations.description).toContain('The check"out\\ {{ "{{" }} $labels.job }}\nline two SLO');
    expect(alert.annotations.runbook_url).toBe('https://runbooks.example.com/{{ "{{" }} 1337 }}?q="}}"');
  });

  it('keeps recording labels literal (Prometheus does not expand them) and escapes PromQL matchers', () => {
    expect(recordings.rules[0].labels.sloth_service).toBe(hostile.service);
    expect(meta.rules[0].labels.sloth_service).toBe(hostile.service);
    expect(alert.expr).toContain('sloth_service="check\\"out\\\\ {{ $labels.job }}\\nline two"');
  });
});

describe('rulesYaml', () => {
  it('is YAML that reads back into the groups', () => {
    const document = parse(rulesYaml([spec]));
    expect(document.groups.map((group: { name: string }) => group.name)).toEqual([
      'sloth-slo-sli-recordings-checkout-availability',
      'sloth-slo-meta-recordings-checkout-availability',
      'sloburn-slo-alerts-checkout-availability',
    ]);
  });
});

describe('alerts of an SLO with a low-traffic guard', () => {
  const guarded: SloSpec = { ...spec, alerting: { windows: 'default', minEvents: 1000 } };

  it('fire only when the long window holds minEvents events, in the deployed rule and the inlined one', () => {
    const [, , alerts] = sloRuleGroups(guarded);
    const fast = alerts.rules[0] as AlertingRule;
    expect(fast.expr).toBe(
      [
        '(slo:sli_error:ratio_rate1h{sloth_id="checkout-availability", sloth_service="checkout", sloth_slo="checkout-availability"} > 0.0144)',
        'and ignoring (sloth_window)',
        '(slo:sli_error:ratio_rate5m{sloth_id="checkout-availability", sloth_service="checkout", sloth_slo="checkout-availability"} > 0.0144)',
        'and on ()',
        '((sum(rate(http_requests_total[1h]))) * 3600) >= 1000',
      ].join('\n')
    );
    expect(fast.annotations.description).toMatch(
      /It fires only when the last 1h holds at least 1000 events \(the low-traffic guard\)\.$/
    );
    const window = {
      severity: 'ticket' as const,
      longSeconds: 3 * 86400,
      shortSeconds: 6 * 3600,
      factor: 1,
      budgetPercent: 10,
    };
    expect(inlineAlertExpr(guarded, window)).toBe(
      '((((sum(rate(http_requests_total{code=~"5.."}[3d]))) / (sum(rate(http_requests_total[3d])))) > 0.001) and ' +
        '(((sum(rate(http_requests_total{code=~"5.."}[6h]))) / (sum(rate(http_requests_total[6h])))) > 0.001)) ' +
        'and on () (((sum(rate(http_requests_total[3d]))) * 259200) >= 1000)'
    );
  });

  it('stay as they were without a guard', () => {
    const [, , alerts] = sloRuleGroups(spec);
    expect((alerts.rules[0] as AlertingRule).expr).not.toContain('and on');
  });
});
